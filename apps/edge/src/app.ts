import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { environmentOf } from '@showcore/naming';
import { applyStandardTags } from '@showcore/tags';
import { loadConfig } from './config';
import { EdgeStack } from './stacks/edge-stack';

/** Builds the edge tier for the environment (and optional `profile`) in the app's context. */
export function buildEdgeApp(app: App): EdgeStack {
  const environment = environmentOf(app);
  const config = loadConfig(environment, app.node.tryGetContext('profile'));
  const stack = new EdgeStack(app, 'Edge', { environment, config });
  applyStandardTags(stack, { environment, tier: 'edge', tagSsmParameters: config.tagSsmParameters });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}

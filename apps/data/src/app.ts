import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { environmentOf } from '@showcore/naming';
import { applyStandardTags } from '@showcore/tags';
import { loadConfig } from './config';
import { DataStack } from './stacks/data-stack';

/** Builds the data tier for the environment (and optional `profile`) in the app's context. */
export function buildDataApp(app: App): DataStack {
  const environment = environmentOf(app);
  const config = loadConfig(environment, app.node.tryGetContext('profile'));
  const stack = new DataStack(app, 'Data', { environment, config });
  applyStandardTags(stack, { environment, tier: 'data', tagSsmParameters: config.tagSsmParameters });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}

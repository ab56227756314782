import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { environmentOf, type EnvironmentName } from '@showcore/naming';
import { applyStandardTags } from '@showcore/tags';
import { loadConfig, type DataConfig } from './config';
import { DataStack } from './stacks/data-stack';

/** The data stack for a validated configuration, with the standard tags. */
export function buildDataStack(app: App, environment: EnvironmentName, config: DataConfig): DataStack {
  const stack = new DataStack(app, 'Data', { environment, config });
  applyStandardTags(stack, { environment, tier: 'data', tagSsmParameters: config.tagSsmParameters });
  return stack;
}

/** Builds the data tier for the environment (and optional `profile`) in the app's context. */
export function buildDataApp(app: App): DataStack {
  const environment = environmentOf(app);
  const stack = buildDataStack(app, environment, loadConfig(environment, app.node.tryGetContext('profile')));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}

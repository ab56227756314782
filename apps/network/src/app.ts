import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { environmentOf } from '@showcore/naming';
import { applyStandardTags } from '@showcore/tags';
import { loadConfig } from './config';
import { NetworkStack } from './stacks/network-stack';

/**
 * Builds the network tier for the environment of `-c env=<name>` (and the profile of `-c profile=<name>`).
 * The configuration is validated first: a bad one throws before any stack exists.
 */
export function buildNetworkApp(app: App): NetworkStack {
  const environment = environmentOf(app);
  const config = loadConfig(environment, app.node.tryGetContext('profile'));
  const stack = new NetworkStack(app, 'Network', { environment, config });
  applyStandardTags(stack, { environment, tier: 'network', tagSsmParameters: config.tagSsmParameters });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}

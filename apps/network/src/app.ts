import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { environmentOf } from '@showcore/naming';
import { applyStandardTags } from '@showcore/tags';
import { networkConfig } from './config';
import { NetworkStack } from './stacks/network-stack';

export function buildNetworkApp(app: App): NetworkStack {
  const environment = environmentOf(app);
  const config = networkConfig(environment);
  const stack = new NetworkStack(app, 'Network', { environment, config });
  applyStandardTags(stack, { environment, tier: 'network' });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}

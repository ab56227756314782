import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { environmentOf, type EnvironmentName } from '@showcore/naming';
import { applyStandardTags } from '@showcore/tags';
import { loadConfig, type EdgeConfig } from './config';
import { EdgeStack } from './stacks/edge-stack';
import { EdgeReplicaStack } from './stacks/replica-stack';

export interface EdgeStacks {
  readonly main: EdgeStack;
  /** Present only with `replication.enabled`: the replica buckets and the replication role, in the second region. */
  readonly replica?: EdgeReplicaStack;
}

/**
 * The edge stacks for a validated configuration. The replica stack comes first: the main stack's replication rules
 * name its buckets, keys and role, which must exist when S3 validates the rules. The dependency makes `cdk deploy
 * --all` (the tier's deploy target) deploy it first and destroy it last; no value crosses the regions.
 */
export function buildEdgeStacks(app: App, environment: EnvironmentName, config: EdgeConfig): EdgeStacks {
  const main = new EdgeStack(app, 'Edge', { environment, config });
  const replica = config.replication.enabled ? new EdgeReplicaStack(app, 'EdgeReplica', { environment, config }) : undefined;
  if (replica) main.addStackDependency(replica, 'the replication rules name the replica buckets and the replication role');
  for (const stack of [main, ...(replica ? [replica] : [])]) {
    applyStandardTags(stack, { environment, tier: 'edge', tagSsmParameters: config.tagSsmParameters });
  }
  return { main, replica };
}

/** Builds the edge tier for the environment (and optional `profile`) in the app's context. */
export function buildEdgeApp(app: App): EdgeStacks {
  const environment = environmentOf(app);
  const stacks = buildEdgeStacks(app, environment, loadConfig(environment, app.node.tryGetContext('profile')));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stacks;
}

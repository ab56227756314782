import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { environmentOf, type EnvironmentName } from '@showcore/naming';
import { applyStandardTags } from '@showcore/tags';
import { loadConfig, type OpsConfig } from './config';
import { BackupCopyStack } from './stacks/backup-copy-stack';
import { BILLING_REGION, BillingStack } from './stacks/billing-stack';
import { OpsStack } from './stacks/ops-stack';

export interface OpsStacks {
  readonly main: OpsStack;
  /** Present only when the main stack is not in us-east-1. */
  readonly billing?: BillingStack;
  /** Present only with `backupCopy.enabled`: the vault of the cross-region backup copies, in the second region. */
  readonly backupCopy?: BackupCopyStack;
}

/**
 * The ops stacks for a validated configuration: the billing part moves to us-east-1 when the region differs; the
 * copy vault gets a stack in the second region, which the main stack depends on (its plan copies into the vault,
 * so `cdk deploy --all`, the tier's deploy, creates the vault first and destroys it last).
 */
export function buildOpsStacks(app: App, environment: EnvironmentName, config: OpsConfig): OpsStacks {
  const separateBilling = config.region !== BILLING_REGION;
  const main = new OpsStack(app, 'Ops', { environment, config, includeBilling: !separateBilling });
  const billing = separateBilling ? new BillingStack(app, 'OpsBilling', { environment, config }) : undefined;
  const backupCopy = config.backupCopy.enabled ? new BackupCopyStack(app, 'OpsBackupCopy', { environment, config }) : undefined;
  if (backupCopy) main.addStackDependency(backupCopy, 'the backup plan copies each recovery point into its vault');
  // Dashboards are left untagged: cfn-lint's resource schema (1.51) has no Tags on AWS::CloudWatch::Dashboard
  // yet, and a dashboard carries no cost worth allocating.
  const excludeResourceTypes = ['AWS::CloudWatch::Dashboard'];
  for (const stack of [main, ...(billing ? [billing] : []), ...(backupCopy ? [backupCopy] : [])]) {
    applyStandardTags(stack, { environment, tier: 'ops', excludeResourceTypes, tagSsmParameters: config.tagSsmParameters });
  }
  return { main, billing, backupCopy };
}

/** Builds the ops tier for the environment (and optional `profile`) in the app's context. */
export function buildOpsApp(app: App): OpsStacks {
  const environment = environmentOf(app);
  const stacks = buildOpsStacks(app, environment, loadConfig(environment, app.node.tryGetContext('profile')));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stacks;
}

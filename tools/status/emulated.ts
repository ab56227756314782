/**
 * What `status` cannot ask about in the local environment, and why, so it reports the emulated parts and marks the
 * rest as not emulated instead of failing on them:
 *  - identifiers a tier published as a placeholder (`not-emulated-locally`, `not-deployed-cdn-disabled`): there is
 *    no such resource to ask about;
 *  - what the ops templates define but the emulator's CloudFormation skipped (alarms, the AWS Backup vault and
 *    plan): absent from the deployed stack's own resource list, which is the emulator's word, not a guess.
 */
import { DescribeStackResourcesCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { EnvironmentName } from '@showcore/naming';
import type { Expected } from './collect';

export interface NotEmulated {
  readonly name: string;
  readonly reason: string;
}

/** A value a tier publishes where the resource does not exist (the emulator, or the CDN switched off). */
export function isPlaceholder(value: string | undefined): value is string {
  return value !== undefined && /^not-[a-z-]+$/.test(value);
}

/** Logical ids of the resources a deployed stack really has, or undefined when the stack does not exist. */
export async function deployedLogicalIds(cfn: CloudFormationClient, stackNames: readonly string[]): Promise<Set<string> | undefined> {
  const ids = new Set<string>();
  let found = false;
  for (const stackName of stackNames) {
    try {
      const out = await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }));
      found = true;
      for (const r of out.StackResources ?? []) if (r.LogicalResourceId) ids.add(r.LogicalResourceId);
    } catch (error) {
      if (!/does not exist/.test((error as Error).message)) throw error;
    }
  }
  return found ? ids : undefined;
}

/**
 * Splits what the code defines into what the local emulator created and what it did not. Only for `local`, and
 * only when the ops stack is deployed and the expectation knows its logical ids; otherwise everything is expected.
 */
export function splitExpected(
  environment: EnvironmentName,
  expected: Expected,
  deployed: Set<string> | undefined,
): { expected: Expected; notEmulated: NotEmulated[]; backupEmulated: boolean } {
  const logicalIds = expected.logicalIds;
  if (environment !== 'local' || !deployed || !logicalIds) return { expected, notEmulated: [], backupEmulated: true };
  const skipped = (name: string) => logicalIds[name] !== undefined && !deployed.has(logicalIds[name]);
  const reason = (name: string) => `defined in the ops templates (${logicalIds[name]}) but not created by the local emulator's CloudFormation`;
  const alarms = expected.alarmNames.filter(skipped);
  const backup = [expected.vaultName, expected.planName].filter(skipped);
  const backupEmulated = backup.length === 0;
  const notEmulated = [...alarms, ...backup].map((name) => ({ name, reason: reason(name) }));
  return { expected: { ...expected, alarmNames: expected.alarmNames.filter((name) => !alarms.includes(name)) }, notEmulated, backupEmulated };
}

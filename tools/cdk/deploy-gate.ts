/**
 * What a deploy checks before any CloudFormation call that changes something:
 *  1. every stack of the tier is absent or in a stable `*_COMPLETE` state (a stack that rolled back its first
 *     creation is deleted first in the local environment, and named with the way out elsewhere);
 *  2. the change plan against the deployed stacks refuses nothing (tools/plan): no unacknowledged replacement or
 *     removal of what holds data or keys, no replacement of a fixed-name resource, no stale acknowledgement.
 * And after the deploy, or when there was nothing to deploy: the tier's published SSM parameters hold the
 * values its stack published, put back where they were deleted or changed outside the stack.
 */
import * as fs from 'node:fs';
import { DeleteStackCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { EnvironmentName, Tier } from '@showcore/naming';
import type { AssemblyStack } from '#tools/lib/assembly';
import { UsageError } from '#tools/lib/process';
import type { Baseline } from '#tools/plan/baseline';
import { EXIT_REFUSED, refusals, type TierPlan } from '#tools/plan/model';
import { planTier } from '#tools/plan/plan';
import { renderText } from '#tools/plan/render';
import { parametersToRepair, repairParameters } from './published-repair';
import { describeUnhealthy, stackHealth } from './stack-health';
import { stackOutputs } from '#tools/lib/deployed-stacks';
import { type AwsClients } from '#tools/lib/aws-clients';

/** How long a local delete of a rolled-back stack may take before the deploy gives up. */
const LOCAL_DELETE_WAIT_MS = 60_000;

async function waitUntilGone(cfn: CloudFormationClient, stackName: string, sleep: (ms: number) => Promise<void>): Promise<boolean> {
  for (let waited = 0; waited <= LOCAL_DELETE_WAIT_MS; waited += 1000) {
    if ((await stackHealth(cfn, stackName)).kind === 'absent') return true;
    await sleep(1000);
  }
  return false;
}

/** Stops the deploy on a stack that cannot be deployed over; deletes a rolled-back first creation locally. */
export async function requireStableStacks(
  tier: Tier,
  environment: EnvironmentName,
  cfn: CloudFormationClient,
  stacks: readonly AssemblyStack[],
  log: (message: string) => void,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  for (const stack of stacks) {
    const health = await stackHealth(cfn, stack.stackName);
    if (health.kind === 'absent' || health.kind === 'stable') continue;
    if (health.kind === 'rolled-back-create' && environment === 'local') {
      log(`${stack.stackName} is in ROLLBACK_COMPLETE (its creation failed): deleting it before deploying again`);
      await cfn.send(new DeleteStackCommand({ StackName: stack.stackName }));
      if (await waitUntilGone(cfn, stack.stackName, sleep)) continue;
      throw new UsageError(`The emulator did not delete ${stack.stackName} within ${LOCAL_DELETE_WAIT_MS / 1000} s. Run \`npm start\` again.`);
    }
    throw new UsageError(describeUnhealthy(tier, stack.stackName, health.status, health.statusReason, stack.region));
  }
}

/** A refused plan, with the exit code of `npm run plan` (3). */
export class PlanRefused extends UsageError {
  readonly exitCode = EXIT_REFUSED;
}

/** The tier's plan against what is deployed; throws (changing nothing) on a refusal or a stale acknowledgement. */
export function requireAcceptablePlan(tier: Tier, environment: EnvironmentName, app: string, baseline: Baseline): TierPlan {
  const plan = planTier({ tier, target: environment, baselineLabel: 'the deployed stacks', assemblyDir: app, baseline });
  const whole = { environment, baseline: { kind: 'deployed' as const }, tiers: [plan] };
  if (refusals(whole).length > 0 || plan.staleAcknowledgements.length > 0) {
    throw new PlanRefused(`${renderText(whole)}\n\nThe ${tier} tier was not deployed: nothing was changed. See docs/deploying.md, "What the plan refuses".`);
  }
  return plan;
}

/** Puts back the tier's published parameters that do not hold what its stacks published. */
export async function repairPublishedParameters(
  tier: Tier,
  environment: EnvironmentName,
  clients: AwsClients,
  stacks: readonly AssemblyStack[],
  log: (message: string) => void,
): Promise<number> {
  let repaired = 0;
  for (const stack of stacks) {
    const outputs = await stackOutputs(clients.cloudFormation, stack.stackName);
    if (!outputs) continue;
    const repairs = await parametersToRepair(clients.ssm, tier, environment, outputs);
    if (repairs.length === 0) continue;
    for (const r of repairs)
      log(`published parameter ${r.path} ${r.found === undefined ? 'is missing' : `holds "${r.found}"`}: restoring "${r.restored}" as the stack published it`);
    await repairParameters(clients.ssm, repairs, JSON.parse(fs.readFileSync(stack.templateFile, 'utf8')));
    repaired += repairs.length;
  }
  return repaired;
}

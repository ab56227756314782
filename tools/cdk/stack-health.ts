/**
 * Whether a stack can be deployed over. A stack that is not in a stable `*_COMPLETE` state is never reported as
 * "no changes" and never silently deployed over: the deploy stops, naming the state and the way out.
 */
import { DescribeStacksCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';

export type StackHealth =
  | { readonly kind: 'absent' }
  | { readonly kind: 'stable'; readonly status: string }
  | { readonly kind: 'rolled-back-create'; readonly status: 'ROLLBACK_COMPLETE'; readonly statusReason?: string }
  | { readonly kind: 'unhealthy'; readonly status: string; readonly statusReason?: string };

/** States a stack can be updated from (UPDATE_ROLLBACK_COMPLETE: the previous template runs again, consistently). */
const STABLE = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE', 'IMPORT_ROLLBACK_COMPLETE']);

export async function stackHealth(cfn: CloudFormationClient, stackName: string): Promise<StackHealth> {
  let stack;
  try {
    stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
  } catch (error) {
    if (/does not exist/.test((error as Error).message)) return { kind: 'absent' };
    throw error;
  }
  const status = stack?.StackStatus;
  if (!stack || !status || status === 'DELETE_COMPLETE') return { kind: 'absent' };
  if (STABLE.has(status)) return { kind: 'stable', status };
  const reason = stack.StackStatusReason ? { statusReason: stack.StackStatusReason } : {};
  if (status === 'ROLLBACK_COMPLETE') return { kind: 'rolled-back-create', status, ...reason };
  return { kind: 'unhealthy', status, ...reason };
}

/** What to do about a stack in `status`, for the error that stops a deploy. */
export function recoveryFor(stackName: string, status: string, region: string | undefined): string {
  const r = region ? ` --region ${region}` : '';
  if (status === 'ROLLBACK_COMPLETE') {
    return (
      `Its first creation failed and was rolled back; CloudFormation cannot update such a stack. Read why in its events ` +
      `(aws cloudformation describe-stack-events --stack-name ${stackName}${r}), delete it ` +
      `(aws cloudformation delete-stack --stack-name ${stackName}${r}), then deploy again. The local environment does this itself.`
    );
  }
  if (status === 'UPDATE_ROLLBACK_FAILED') {
    return (
      `An update failed and so did its rollback. Fix what the events name, then ` +
      `aws cloudformation continue-update-rollback --stack-name ${stackName}${r} (docs/deploying.md, "A stack that is not stable").`
    );
  }
  if (status.endsWith('_IN_PROGRESS')) {
    return (
      `Another operation is still running on it. Wait for it to finish (aws cloudformation describe-stacks --stack-name ${stackName}${r}) ` +
      'and deploy again. In the local environment a stack left in progress means the emulator lost the operation: run `npm start` again.'
    );
  }
  return (
    `Read why in its events (aws cloudformation describe-stack-events --stack-name ${stackName}${r}); ` +
    'fix the cause, delete the stack if CloudFormation cannot update it, and deploy again (docs/deploying.md, "A stack that is not stable").'
  );
}

export function describeUnhealthy(tier: string, stackName: string, status: string, statusReason: string | undefined, region?: string): string {
  return (
    `Cannot deploy the ${tier} tier: the stack ${stackName} is in ${status}${statusReason ? ` (${statusReason})` : ''}, not a stable *_COMPLETE state. ` +
    `${recoveryFor(stackName, status, region)} Nothing was changed.`
  );
}

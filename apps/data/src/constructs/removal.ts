import { RemovalPolicy } from 'aws-cdk-lib';
import type { StatefulRemovalChoice } from '@showcore/naming';

/**
 * Removal of a helper (subnet group, parameter group) of a stateful resource: kept when the resource itself is
 * kept (CloudFormation could not delete a group still in use), deleted otherwise.
 */
export function helperRemovalPolicyOf(choice: StatefulRemovalChoice): RemovalPolicy {
  return choice === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}

/**
 * Keeps the helpers of a stateful resource (subnet group, parameter group, security group) when the resource is
 * retained, which keeps using them. Otherwise it writes nothing: deletion is CloudFormation's default, so the
 * templates of the other choices stay as they are.
 */
export function retainHelpersWith(choice: StatefulRemovalChoice, ...helpers: readonly { applyRemovalPolicy(policy: RemovalPolicy): void }[]): void {
  if (choice !== 'retain') return;
  for (const helper of helpers) helper.applyRemovalPolicy(RemovalPolicy.RETAIN);
}

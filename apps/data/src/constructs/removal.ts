import { RemovalPolicy } from 'aws-cdk-lib';
import type { LogRemoval, StatefulRemoval } from '../config';

const POLICIES: Readonly<Record<StatefulRemoval | LogRemoval, RemovalPolicy>> = {
  snapshot: RemovalPolicy.SNAPSHOT,
  retain: RemovalPolicy.RETAIN,
  destroy: RemovalPolicy.DESTROY,
};

/** The CDK removal policy of a configured choice. */
export function removalPolicyOf(choice: StatefulRemoval | LogRemoval): RemovalPolicy {
  return POLICIES[choice];
}

/**
 * Removal of a helper (subnet group, parameter group) of a stateful resource: kept when the resource itself is
 * kept (CloudFormation could not delete a group still in use), deleted otherwise.
 */
export function helperRemovalPolicyOf(choice: StatefulRemoval): RemovalPolicy {
  return choice === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}

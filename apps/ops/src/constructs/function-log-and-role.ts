import type { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export interface FunctionLogAndRoleProps {
  /** The function's name: Lambda writes to `/aws/lambda/<name>`. */
  readonly functionName: string;
  readonly roleName: string;
  /** What the role may do, in a sentence (IAM shows it). */
  readonly roleDescription: string;
  readonly logRetentionDays: number;
  readonly removalPolicy: RemovalPolicy;
}

/** What functionLogAndRole builds. */
export interface FunctionLogAndRole {
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;
  /** The one statement every function role starts with: writing to its own log group, nothing else. */
  readonly ownLogs: iam.PolicyStatement;
}

/**
 * The log group of an ops function (created before the function, so its retention and removal are ours, not
 * Lambda's default) and a role Lambda assumes, as `<id>`'s `LogGroup` and `Role`. The function itself, and what
 * its role may do beyond its own log, stay with the construct that builds it.
 */
export function functionLogAndRole(scope: Construct, props: FunctionLogAndRoleProps): FunctionLogAndRole {
  const logGroup = new logs.LogGroup(scope, 'LogGroup', {
    logGroupName: `/aws/lambda/${props.functionName}`,
    retention: props.logRetentionDays as logs.RetentionDays,
    removalPolicy: props.removalPolicy,
  });
  const role = new iam.Role(scope, 'Role', {
    roleName: props.roleName,
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: props.roleDescription,
  });
  const ownLogs = new iam.PolicyStatement({ sid: 'OwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${logGroup.logGroupArn}:*`] });
  return { logGroup, role, ownLogs };
}

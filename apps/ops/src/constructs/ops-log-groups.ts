import type { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { resourceName, type EnvironmentName } from '@showcore/naming';

/** `/aws/cloudtrail/showcore-audit-<env>-trail`: the spec's /aws/cloudtrail/showcore, unique per environment. */
export function cloudTrailLogGroupName(environment: EnvironmentName): string {
  return `/aws/cloudtrail/${resourceName('audit', environment, 'trail')}`;
}

/** `/aws/ssm/showcore-ssm-<env>-sessions`: Session Manager session transcripts. */
export function sessionLogGroupName(environment: EnvironmentName): string {
  return `/aws/ssm/${resourceName('ssm', environment, 'sessions')}`;
}

export interface OpsLogGroupsProps {
  readonly environment: EnvironmentName;
  /** The one retention setting (days) every group of this tier takes. */
  readonly retentionDays: number;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The log groups the ops tier owns, created explicitly (never through `logRetention`, which adds a Lambda).
 * The RDS log group is the data tier's: a log group must exist before RDS exports to it, and two stacks cannot
 * both create it.
 */
export class OpsLogGroups extends Construct {
  readonly cloudTrail: logs.LogGroup;
  readonly sessions: logs.LogGroup;

  constructor(scope: Construct, id: string, props: OpsLogGroupsProps) {
    super(scope, id);
    const group = (groupId: string, logGroupName: string): logs.LogGroup =>
      new logs.LogGroup(this, groupId, {
        logGroupName,
        retention: props.retentionDays as logs.RetentionDays,
        removalPolicy: props.removalPolicy,
      });
    this.cloudTrail = group('CloudTrailLogGroup', cloudTrailLogGroupName(props.environment));
    this.sessions = group('SessionManagerLogGroup', sessionLogGroupName(props.environment));
  }
}

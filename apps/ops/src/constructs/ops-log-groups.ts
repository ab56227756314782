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

/** What opsLogGroups builds. */
export interface OpsLogGroups {
  readonly cloudTrail: logs.LogGroup;
  readonly sessions: logs.LogGroup;
}

/**
 * The log groups the ops tier owns, created explicitly (never through `logRetention`, which adds a Lambda).
 * The RDS log group is the data tier's: a log group must exist before RDS exports to it, and two stacks cannot
 * both create it.
 */
export function opsLogGroups(scope: Construct, id: string, props: OpsLogGroupsProps): OpsLogGroups {
  const construct = new Construct(scope, id);
  const group = (groupId: string, logGroupName: string): logs.LogGroup =>
    new logs.LogGroup(construct, groupId, {
      logGroupName,
      retention: props.retentionDays as logs.RetentionDays,
      removalPolicy: props.removalPolicy,
    });
  const cloudTrail = group('CloudTrailLogGroup', cloudTrailLogGroupName(props.environment));
  const sessions = group('SessionManagerLogGroup', sessionLogGroupName(props.environment));
  return { cloudTrail, sessions };
}

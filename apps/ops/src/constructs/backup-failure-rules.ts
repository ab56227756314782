import { Aws } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { resourceName, type EnvironmentName } from '@showcore/naming';

/**
 * Sends matched events to a topic without adding a topic-policy statement: the alert topic's own policy already
 * admits events.amazonaws.com (limited to this account), which the stock SnsTopic target would duplicate unconditioned.
 */
export class AlertTopicTarget implements events.IRuleTarget {
  constructor(private readonly topic: sns.ITopic) {}

  bind(): events.RuleTargetConfig {
    return { arn: this.topic.topicArn };
  }
}

export interface ElastiCacheBackupFailureRuleProps {
  readonly environment: EnvironmentName;
  readonly criticalTopic: sns.ITopic;
  /** This environment's Redis replication group id (a deploy-time SSM value): only its snapshots match. */
  readonly redisReplicationGroupId: string;
}

export interface BackupJobFailureRuleProps {
  readonly environment: EnvironmentName;
  readonly criticalTopic: sns.ITopic;
  /** This environment's AWS Backup vault: only its jobs match. */
  readonly backupVaultName: string;
}

/**
 * ElastiCache snapshot failures (spec README: no CloudWatch metric exists for them) of one replication group:
 * the event names the group or one of its member clusters (`<group>-001`, …) in `resources`.
 */
export function elastiCacheSnapshotFailed(replicationGroupId: string): events.EventPattern {
  return {
    source: ['aws.elasticache'],
    detailType: ['Snapshot Creation Failed'],
    resources: [{ wildcard: `arn:${Aws.PARTITION}:elasticache:${Aws.REGION}:${Aws.ACCOUNT_ID}:*:${replicationGroupId}*` }] as unknown as string[],
  };
}

/** AWS Backup jobs of one vault that end without a recovery point. */
export function backupJobFailed(backupVaultName: string): events.EventPattern {
  return {
    source: ['aws.backup'],
    detailType: ['Backup Job State Change'],
    detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'], backupVaultName: [backupVaultName] },
  };
}

/*
 * EventBridge rules that put backup failures on the critical topic, each scoped to this environment's resources
 * so that two environments in one account never page each other.
 */

/**
 * `showcore-elasticache-<env>-backup-failure`: the spec's alarm name, as a rule, since ElastiCache publishes no
 * backup-failure metric.
 */
export function elastiCacheBackupFailureRule(scope: Construct, id: string, props: ElastiCacheBackupFailureRuleProps): events.Rule {
  const description = 'ElastiCache snapshot creation failed: the Redis data of that day has no backup';
  return criticalRule(
    scope,
    id,
    resourceName('elasticache', props.environment, 'backup-failure'),
    description,
    elastiCacheSnapshotFailed(props.redisReplicationGroupId),
    props.criticalTopic,
  );
}

/**
 * `showcore-rds-<env>-backup-failure`: the spec's name for AWS Backup job failures, as a rule, since AWS Backup's
 * job metrics are not published under the vault name alone.
 */
export function backupJobFailureRule(scope: Construct, id: string, props: BackupJobFailureRuleProps): events.Rule {
  const description = "An AWS Backup job of this environment's vault failed, was aborted or expired before it started";
  return criticalRule(
    scope,
    id,
    resourceName('rds', props.environment, 'backup-failure'),
    description,
    backupJobFailed(props.backupVaultName),
    props.criticalTopic,
  );
}

function criticalRule(scope: Construct, id: string, ruleName: string, description: string, eventPattern: events.EventPattern, topic: sns.ITopic): events.Rule {
  return new events.Rule(scope, id, { ruleName, description, eventPattern, targets: [new AlertTopicTarget(topic)] });
}

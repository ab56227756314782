import * as events from 'aws-cdk-lib/aws-events';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { resourceName, type EnvironmentName } from '@showcore/naming';

/**
 * Sends matched events to a topic without adding a topic-policy statement: the alert topic's own policy already
 * admits events.amazonaws.com (limited to this account), which the stock SnsTopic target would duplicate unconditioned.
 */
class AlertTopicTarget implements events.IRuleTarget {
  constructor(private readonly topic: sns.ITopic) {}

  bind(): events.RuleTargetConfig {
    return { arn: this.topic.topicArn };
  }
}

export interface BackupFailureRulesProps {
  readonly environment: EnvironmentName;
  readonly criticalTopic: sns.ITopic;
}

/** ElastiCache snapshot failures (spec README: no CloudWatch metric exists for them). */
export const ELASTICACHE_SNAPSHOT_FAILED: events.EventPattern = { source: ['aws.elasticache'], detailType: ['Snapshot Creation Failed'] };

/** AWS Backup jobs that end without a recovery point. */
export const BACKUP_JOB_FAILED: events.EventPattern = {
  source: ['aws.backup'],
  detailType: ['Backup Job State Change'],
  detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'] },
};

/**
 * EventBridge rules that put backup failures on the critical topic: `showcore-elasticache-backup-failure` (the
 * spec's alarm name, as a rule, since ElastiCache publishes no backup-failure metric) and AWS Backup job failures.
 */
export function backupFailureRules(scope: Construct, props: BackupFailureRulesProps): events.Rule[] {
  const target = new AlertTopicTarget(props.criticalTopic);
  return [
    new events.Rule(scope, 'ElastiCacheBackupFailureRule', {
      ruleName: resourceName('elasticache', props.environment, 'backup-failure'),
      description: 'ElastiCache snapshot creation failed: the Redis data of that day has no backup',
      eventPattern: ELASTICACHE_SNAPSHOT_FAILED,
      targets: [target],
    }),
    new events.Rule(scope, 'BackupJobFailureRule', {
      ruleName: resourceName('backup', props.environment, 'job-failure'),
      description: 'An AWS Backup job failed, was aborted or expired before it started',
      eventPattern: BACKUP_JOB_FAILED,
      targets: [target],
    }),
  ];
}

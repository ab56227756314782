import { Validations } from 'aws-cdk-lib';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { TierStack, publish, read, readList, type EnvironmentName, removalPolicyOf } from '@showcore/naming';
import type { OpsConfig } from '../config';
import { alertTopic, TOPIC_PUBLISHERS } from '../constructs/alert-topic';
import { auditTrail } from '../constructs/audit-trail';
import { backupJobFailureRule, elastiCacheBackupFailureRule } from '../constructs/backup-failure-rules';
import { billingGuard, type BillingGuard } from '../constructs/billing-guard';
import { complianceRecorder } from '../constructs/compliance-recorder';
import { opsLogGroups } from '../constructs/ops-log-groups';
import { opsKey } from '../constructs/ops-key';
import { phase1Dashboard } from '../constructs/phase1-dashboard';
import { probeFunction } from '../constructs/probe-function';
import { copyVaultKeyAlias } from '../constructs/backup-copy-names';
import { backupVaultName, rdsBackup } from '../constructs/rds-backup';
import { sessionManager } from '../constructs/session-manager';
import { storageAllocationMetric } from '../constructs/storage-allocation-metric';
import { threatDetection } from '../constructs/threat-detection';
import { tableAlarms, type TableAlarms } from '../constructs/table-alarms';
import { environmentAlarmName } from '../monitoring/alarm-names';
import { alarmTable } from '../monitoring/alarm-table';
import type { MonitoringInputs } from '../monitoring/metric-spec';

export interface OpsStackProps {
  readonly environment: EnvironmentName;
  readonly config: OpsConfig;
  /** Hold the billing topic, alarms, budget and anomaly monitor here (true when the region is us-east-1). */
  readonly includeBilling: boolean;
}

/**
 * The ops tier: alert topics, the alarm table's alarms, the Phase 1 dashboard, log groups, AWS Backup for RDS,
 * backup-failure rules, CloudTrail, AWS Config and Session Manager.
 */
export class OpsStack extends TierStack {
  readonly criticalTopic: sns.Topic;
  readonly warningTopic: sns.Topic;
  readonly alarms: TableAlarms;
  readonly billing?: BillingGuard;

  constructor(scope: Construct, id: string, props: OpsStackProps) {
    const { environment, config } = props;
    super(scope, id, {
      tier: 'ops',
      environment,
      config,
      description: `ShowCore ops tier (${environment}): alerts, alarms, dashboard, backups, audit and compliance`,
    });
    const removalPolicy = removalPolicyOf(config.removal);
    const topics = props.includeBilling ? (['critical', 'warning', 'billing'] as const) : (['critical', 'warning'] as const);
    const publishers = [...new Set(topics.flatMap((name) => TOPIC_PUBLISHERS[name]))];
    const key = config.encryptionKey === 'customer-managed' ? opsKey(this, 'OpsKey', { environment, publishers, removalPolicy }) : undefined;

    this.criticalTopic = alertTopic(this, 'CriticalAlertsTopic', { environment, name: 'critical', emails: config.alertEmails.critical, masterKey: key });
    this.warningTopic = alertTopic(this, 'WarningAlertsTopic', { environment, name: 'warning', emails: config.alertEmails.warning, masterKey: key });
    publish(this, 'criticalTopicArn', this.criticalTopic.topicArn);
    publish(this, 'warningTopicArn', this.warningTopic.topicArn);
    publish(this, 'statusThresholds', JSON.stringify(config.statusThresholds));

    const logGroups = opsLogGroups(this, 'LogGroups', { environment, retentionDays: config.logRetentionDays, removalPolicy });
    const copy = config.backupCopy.enabled
      ? {
          region: config.backupCopy.region,
          retentionDays: config.backupCopy.retentionDays,
          keyAlias: config.encryptionKey === 'customer-managed' ? copyVaultKeyAlias(environment) : undefined,
        }
      : undefined;
    rdsBackup(this, 'Backup', { environment, config: config.backup, copy, encryptionKey: key, removalPolicy });

    const inputs: MonitoringInputs = {
      dbInstanceId: read(this, 'dbInstanceId'),
      dbAllocatedStorageGb: read(this, 'dbAllocatedStorageGb'),
      redisReplicationGroupId: read(this, 'redisReplicationGroupId'),
      staticAssetsBucketName: read(this, 'staticAssetsBucketName'),
      backupsBucketName: read(this, 'backupsBucketName'),
      distributionId: read(this, 'distributionId'),
      vpcId: read(this, 'vpcId'),
    };
    storageAllocationMetric(this, 'StorageAllocationMetric', {
      environment,
      dbInstanceId: inputs.dbInstanceId,
      logRetentionDays: config.logRetentionDays,
      removalPolicy,
    });
    const rows = alarmTable(config.billing, config.monitoredResources.redisNodes);
    this.alarms = tableAlarms(this, 'Alarms', {
      environment,
      rows: rows.filter((row) => row.section !== 'billing'),
      inputs,
      topics: { critical: this.criticalTopic, warning: this.warningTopic },
    });
    elastiCacheBackupFailureRule(this, 'ElastiCacheBackupFailureRule', {
      environment,
      criticalTopic: this.criticalTopic,
      redisReplicationGroupId: inputs.redisReplicationGroupId,
    });
    backupJobFailureRule(this, 'BackupJobFailureRule', {
      environment,
      criticalTopic: this.criticalTopic,
      // Literal, not the vault's attribute: the local emulator skips AWS::Backup::* and fails a stack that reads one.
      backupVaultName: backupVaultName(environment),
    });

    auditTrail(this, 'AuditTrail', { environment, config: config.auditTrail, logGroup: logGroups.cloudTrail, removalPolicy });
    complianceRecorder(this, 'Compliance', { environment, settings: config.awsConfig, removalPolicy });
    if (config.guardDuty.enabled) threatDetection(this, 'ThreatDetection', { environment, settings: config.guardDuty, criticalTopic: this.criticalTopic });
    sessionManager(this, 'SessionManager', { environment, config: config.sessionManager, logGroup: logGroups.sessions });
    const probe = probeFunction(this, 'ProbeFunction', {
      environment,
      privateSubnetIds: readList(this, 'privateSubnetIds'),
      applicationSecurityGroupId: read(this, 'appSecurityGroupId'),
      dbResourceId: read(this, 'dbResourceId'),
      redisReplicationGroupId: read(this, 'redisReplicationGroupId'),
      redisProbeUserId: read(this, 'redisProbeUserId'),
      backupsBucketName: inputs.backupsBucketName,
      logRetentionDays: config.logRetentionDays,
      removalPolicy,
    });
    publish(this, 'verifyFunctionName', probe.function.functionName);

    if (props.includeBilling) this.billing = billingGuard(this, 'Billing', { environment, config, masterKey: key });
    phase1Dashboard(this, 'Phase1Dashboard', {
      environment,
      rows,
      inputs,
      monitored: config.monitoredResources,
      alarmNames: rows.filter((row) => row.section !== 'billing' || props.includeBilling).map((row) => environmentAlarmName(row.specName, environment)),
    });

    if (!key) {
      for (const topic of [this.criticalTopic, this.warningTopic, ...(this.billing ? [this.billing.topic] : [])]) {
        acknowledgeUnencryptedTopic(topic);
      }
    }
  }
}

/** Only when the configuration chose no customer-managed key. */
export function acknowledgeUnencryptedTopic(topic: sns.Topic): void {
  Validations.of(topic).acknowledge({
    id: 'AwsSolutions-SNS2',
    reason:
      'encryptionKey is "aws-managed" (tasks.md: no KMS for cost): the AWS managed SNS key cannot let CloudWatch, EventBridge or Budgets publish, ' +
      'so the topics stay unencrypted; alerts carry no customer data. The hardened profile encrypts them with the ops key.',
  });
}

import type { OpsConfig, OpsConfigOverrides } from './types';

/**
 * The cost-optimized profile of tasks.md 4.x/10.x/11.x: no KMS keys, 7-day logs and backups, billing alarms at
 * $50/$100, Config recording only ShowCore's resource types, the spec's alert recipients (design.md "SNS Topics").
 */
export const costOptimized: OpsConfig = {
  region: 'us-east-1',
  terminationProtection: false,
  tagSsmParameters: true,
  removal: 'retain',
  encryptionKey: 'aws-managed',
  logRetentionDays: 7,
  alertEmails: {
    critical: ['admin@showcore.com', 'oncall@showcore.com'],
    warning: ['devops@showcore.com'],
    billing: ['finance@showcore.com', 'admin@showcore.com'],
  },
  billing: { warningUsd: 50, criticalUsd: 100, budget: true, budgetMonthlyUsd: 100, anomalyDetection: true, anomalyThresholdUsd: 10 },
  backup: {
    scheduleUtc: '06:00',
    startWindowMinutes: 60,
    completionWindowMinutes: 180,
    retentionDays: 7,
    rdsBackupWindow: '03:00-04:00',
    rdsMaintenanceWindow: 'sun:04:00-sun:05:00',
  },
  backupCopy: { enabled: false, region: 'us-west-2', retentionDays: 7 },
  auditTrail: { expirationDays: 90, noncurrentVersionExpirationDays: 30 },
  awsConfig: {
    recorder: true,
    // Continuous: $0.003 per change. Daily recording bills $0.012 per item and only pays off for resources that
    // change more than four times a day, which ShowCore's do not.
    recordingFrequency: 'CONTINUOUS',
    rules: {
      'rds-storage-encrypted': true,
      's3-bucket-public-read-prohibited': true,
      'restricted-ssh': true,
      'vpc-default-security-group-closed': true,
      's3-bucket-ssl-requests-only': true,
      'cloudtrail-enabled': true,
      // design.md "Compliance Tests": what every profile provides.
      'rds-snapshots-public-prohibited': true,
      's3-bucket-public-write-prohibited': true,
      // Only where what they check is on: the data tier's Multi-AZ and the network tier's flow logs (hardened).
      'rds-multi-az-support': false,
      'vpc-flow-logs-enabled': false,
    },
    expirationDays: 90,
  },
  // design.md cost model: "No GuardDuty initially" (about $4.62/month at Phase 1 volume).
  guardDuty: { enabled: false, findingPublishingFrequency: 'FIFTEEN_MINUTES' },
  sessionManager: { idleTimeoutMinutes: 20 },
  // A daily backup plus two hours of slack.
  statusThresholds: { recoveryPointMaxAgeHours: 26, cacheSnapshotMaxAgeHours: 26, failedJobsLookbackDays: 7 },
  // The data tier's single Redis node (tasks.md 6.2) and the edge tier's distribution without additional metrics.
  monitoredResources: { redisNodes: 1, cloudFrontAdditionalMetrics: false },
};

/**
 * The hardened profile: design.md "Infrastructure Configuration Examples" for monitoring, backup and billing —
 * a customer-managed KMS key for the topics and the vault, 30-day log and backup retention, billing alarms at
 * $500/$1000 and cross-region copies of the RDS recovery points to us-west-2, kept 30 days.
 */
export const hardened: OpsConfigOverrides = {
  encryptionKey: 'customer-managed',
  logRetentionDays: 30,
  billing: { warningUsd: 500, criticalUsd: 1000, budgetMonthlyUsd: 1000 },
  backup: { retentionDays: 30 },
  backupCopy: { enabled: true, retentionDays: 30 },
  // design.md "Security Configuration": GuardDuty enabled.
  guardDuty: { enabled: true },
  // The hardened data tier runs Multi-AZ and the hardened network tier has flow logs: check that they stay so.
  awsConfig: { rules: { 'rds-multi-az-support': true, 'vpc-flow-logs-enabled': true } },
  // The data tier's hardened primary + replica, and the edge tier's hardened distribution with additional metrics.
  monitoredResources: { redisNodes: 2, cloudFrontAdditionalMetrics: true },
};

export const PROFILES = { hardened } as const satisfies Record<string, OpsConfigOverrides>;

export type ProfileName = keyof typeof PROFILES;

/** Overrides merge field by field into nested groups (the shared rule of libs/naming). */
export { applyOverrides } from '@showcore/naming';

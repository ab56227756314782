import type { ChangeAcknowledgement, EncryptionKeyChoice, RemovalChoice } from '@showcore/naming';

/** How often AWS Config records a configuration item for a changed resource. */
export type RecordingFrequency = 'DAILY' | 'CONTINUOUS';

/** Email addresses subscribed to each alert topic (zero or more each; SNS sends each a confirmation mail). */
export interface AlertRecipients {
  /** @default ['admin@showcore.com', 'oncall@showcore.com'] (design.md "SNS Topics") */
  readonly critical: readonly string[];
  /** @default ['devops@showcore.com'] */
  readonly warning: readonly string[];
  /** @default ['finance@showcore.com', 'admin@showcore.com'] */
  readonly billing: readonly string[];
}

/** Account-level cost guard rails (tasks.md 10.6 and 12.4). */
export interface BillingConfig {
  /**
   * `AWS/Billing EstimatedCharges` above this (USD) raises `showcore-billing-50` to the billing topic.
   * @default 50 (500 in the hardened profile)
   */
  readonly warningUsd: number;
  /**
   * `AWS/Billing EstimatedCharges` above this (USD) raises `showcore-billing-100`. Must be above {@link warningUsd}.
   * @default 100 (1000 in the hardened profile)
   */
  readonly criticalUsd: number;
  /**
   * An AWS Budgets monthly cost budget that mails the billing topic at 80 % actual and 100 % forecast spend.
   * The first two budgets of an account are free.
   * @default true
   */
  readonly budget: boolean;
  /**
   * Monthly budget amount in USD.
   * @default 100 (1000 in the hardened profile)
   */
  readonly budgetMonthlyUsd: number;
  /**
   * A Cost Anomaly Detection monitor over the costs tagged Project=ShowCore, with an immediate subscription to
   * the billing topic. Free. Needs the Project cost allocation tag activated (tasks.md 12.2).
   * @default true
   */
  readonly anomalyDetection: boolean;
  /**
   * An anomaly is reported when its total impact reaches this many USD.
   * @default 10
   */
  readonly anomalyThresholdUsd: number;
}

/** The AWS Backup plan for the RDS instance (tasks.md 11.1–11.2). */
export interface BackupConfig {
  /**
   * Daily start of the backup job, UTC, `hh:mm`. The job window (this time plus {@link startWindowMinutes}) must not
   * overlap the RDS automated-backup window or the maintenance window below.
   * @default '06:00' (two hours after the 03:00–04:00 backup window, one hour after Sunday's 04:00–05:00 maintenance)
   */
  readonly scheduleUtc: string;
  /** Minutes after the scheduled time within which the job must start (AWS Backup minimum: 60). @default 60 */
  readonly startWindowMinutes: number;
  /** Minutes within which a started job must finish (at least 60 more than the start window). @default 180 */
  readonly completionWindowMinutes: number;
  /** Days each recovery point is kept (1–35). @default 7 (30 in the hardened profile) */
  readonly retentionDays: number;
  /**
   * The data tier's RDS automated-backup window (apps/data config `database.backupWindow`), UTC `hh:mm-hh:mm`;
   * repeated here only to validate the schedule against it.
   * @default '03:00-04:00'
   */
  readonly rdsBackupWindow: string;
  /**
   * The data tier's RDS maintenance window (apps/data config `database.maintenanceWindow`), UTC `ddd:hh:mm-ddd:hh:mm`.
   * @default 'sun:04:00-sun:05:00'
   */
  readonly rdsMaintenanceWindow: string;
}

/**
 * Cross-region copies of the RDS recovery points (design.md "Infrastructure Configuration Examples": "Cross-region
 * backup replication configured"; design.md "Backup Strategy": to us-west-2). The destination vault lives in the
 * tier's second-region stack, `showcore-ops-<env>-backup-copy-stack`, deployed before the main stack.
 */
export interface BackupCopyConfig {
  /**
   * Copy every recovery point of the daily plan to the vault in {@link region}. Each copy is a full snapshot
   * stored in the second region (≈ $0.095/GB-month) after a cross-region transfer ($0.02/GB), so off in the
   * cost-optimized profile (design.md `backup_cross_region: bool = False`).
   * @default false (true in the hardened profile)
   */
  readonly enabled: boolean;
  /**
   * The second region, where the destination vault lives. Must differ from the tier's `region`.
   * @default 'us-west-2' (design.md "Backup Strategy")
   */
  readonly region: string;
  /** Days each copy is kept in the second region (1–35, like the recovery points it copies). @default 7 (30 in hardened) */
  readonly retentionDays: number;
}

/** The CloudTrail trail and its bucket (tasks.md 1.3 / 4.4). */
export interface AuditTrailConfig {
  /** Days before a log file in the trail bucket expires. @default 90 */
  readonly expirationDays: number;
  /** Days a replaced or expired log-file version is kept before S3 removes it. @default 30 */
  readonly noncurrentVersionExpirationDays: number;
}

/** AWS Config (tasks.md 4.2). */
export interface AwsConfigSettings {
  /**
   * Create the configuration recorder and its delivery channel. An account-region holds one recorder: when
   * several environments share an account, turn it on in one of them only.
   * @default true
   */
  readonly recorder: boolean;
  /**
   * `CONTINUOUS` records every change at $0.003 per configuration item; `DAILY` records at most one item per
   * changed resource per day at $0.012 each, cheaper only for resources that change more than four times a day.
   * @default 'CONTINUOUS'
   */
  readonly recordingFrequency: RecordingFrequency;
  /**
   * AWS managed rules by their AWS name, each on or off. Unknown names are an error.
   * The recorder also records every resource type an enabled rule is scoped to (e.g. RDS snapshots).
   * `rds-multi-az-support` and `vpc-flow-logs-enabled` check what the data tier's `database.multiAz` and the
   * network tier's flow logs turn on: keep them equal to those settings (apps never import apps).
   * @default eight on: rds-storage-encrypted, s3-bucket-public-read-prohibited, restricted-ssh,
   * vpc-default-security-group-closed, s3-bucket-ssl-requests-only, cloudtrail-enabled, rds-snapshots-public-prohibited,
   * s3-bucket-public-write-prohibited; rds-multi-az-support and vpc-flow-logs-enabled off (on in the hardened profile)
   */
  readonly rules: Readonly<Record<string, boolean>>;
  /** Days before a configuration snapshot/history file in the Config bucket expires. @default 90 */
  readonly expirationDays: number;
}

/** How often GuardDuty sends updates of an existing finding to EventBridge (new findings go out at once). */
export type FindingPublishingFrequency = 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';

/** GuardDuty (design.md "Security Configuration": GuardDuty enabled). */
export interface GuardDutySettings {
  /**
   * Create the account-region's GuardDuty detector on its foundational sources (CloudTrail management events, VPC
   * flow logs, DNS logs; the optional protection plans stay off) and send findings of severity 7 or more to the
   * critical topic. Billed on the volume analysed (the cost report prices it; a 30-day free trial applies once per
   * account). An account-region holds one detector: with several environments in one account, turn it on in one.
   * @default false (design.md cost model: "No GuardDuty initially"; true in the hardened profile)
   */
  readonly enabled: boolean;
  /** @default 'FIFTEEN_MINUTES' */
  readonly findingPublishingFrequency: FindingPublishingFrequency;
}

/** Session Manager (tasks.md 4.3). */
export interface SessionManagerConfig {
  /** Minutes of inactivity before Session Manager ends a session (1–60). @default 20 */
  readonly idleTimeoutMinutes: number;
}

/**
 * When the status command (tools/status) calls backups stale; published as JSON at
 * `/showcore/<env>/ops/status-thresholds` so the tool judges each environment by its own schedule.
 */
export interface StatusThresholdsConfig {
  /** The newest completed RDS recovery point must be younger than this (> 24: the plan runs daily). @default 26 */
  readonly recoveryPointMaxAgeHours: number;
  /** The newest ElastiCache snapshot must be younger than this (> 24: snapshots are daily). @default 26 */
  readonly cacheSnapshotMaxAgeHours: number;
  /** How far back failed, aborted or expired backup jobs count (1–30; AWS Backup lists 30 days). @default 7 */
  readonly failedJobsLookbackDays: number;
}

/**
 * What the ops tier must know at synth time about resources the other tiers configure: how many alarms and
 * graphs to build. Each field repeats a value of another tier's configuration (apps never import apps); keep
 * them equal, profile by profile.
 */
export interface MonitoredResourcesConfig {
  /**
   * Nodes of the data tier's Redis replication group: 1 + the data config's `cache.replicas`. The Redis alarms
   * combine the node metrics of `<group>-001` … `<group>-00N` with metric math, so they still watch the primary
   * after a failover moves it to another node. Each node adds one alarm metric per Redis metric (CloudWatch bills
   * alarms per metric they evaluate).
   * @default 1 (2 in the hardened profile)
   */
  readonly redisNodes: number;
  /**
   * The edge tier turns on CloudFront's additional metrics (edge config `distribution.additionalMetrics`).
   * CloudFront publishes `CacheHitRate` only then, so the dashboard draws that graph only when this is true.
   * @default false (true in the hardened profile)
   */
  readonly cloudFrontAdditionalMetrics: boolean;
}

/** The ops tier's settings for one environment. */
export interface OpsConfig {
  /**
   * Region of the main stack. When it is not us-east-1, the billing alarms (whose metric exists only there) go to
   * a second stack pinned to us-east-1.
   * @default 'us-east-1'
   */
  readonly region: string;
  /** Stack termination protection. @default false (true in prod) */
  readonly terminationProtection: boolean;
  /**
   * Replacements and removals of stateful or fixed-name resources that the change plan refuses, acknowledged for
   * this environment with a reason (docs/deploying.md, "What the plan refuses").
   * @default - none
   */
  readonly acknowledgedChanges?: readonly ChangeAcknowledgement[];
  /**
   * Put the standard tags on the SSM parameters. The local emulator fails on tagged parameters.
   * @default true (false in local)
   */
  readonly tagSsmParameters: boolean;
  /**
   * What happens to the audit and Config buckets, the log groups and the backup vault when the stack is deleted.
   * @default 'retain' ('destroy' in local)
   */
  readonly removal: RemovalChoice;
  /**
   * Key of the alert topics and the backup vault. With `aws-managed` (no monthly fee) the topics are unencrypted,
   * because the AWS managed SNS key's policy cannot let CloudWatch or EventBridge publish.
   * @default 'aws-managed' ('customer-managed' in hardened)
   */
  readonly encryptionKey: EncryptionKeyChoice;
  /**
   * Retention of every log group this tier creates (CloudTrail, Session Manager), in days; one of the values
   * CloudWatch Logs accepts. The data tier's RDS log group takes the same value from its own config.
   * @default 7 (30 in the hardened profile)
   */
  readonly logRetentionDays: number;
  readonly alertEmails: AlertRecipients;
  readonly billing: BillingConfig;
  readonly backup: BackupConfig;
  readonly backupCopy: BackupCopyConfig;
  readonly auditTrail: AuditTrailConfig;
  readonly awsConfig: AwsConfigSettings;
  readonly guardDuty: GuardDutySettings;
  readonly sessionManager: SessionManagerConfig;
  readonly statusThresholds: StatusThresholdsConfig;
  readonly monitoredResources: MonitoredResourcesConfig;
}

/** Overrides of a profile or an environment: any field; nested groups merge field by field. */
export type OpsConfigOverrides = Partial<
  Omit<
    OpsConfig,
    | 'alertEmails'
    | 'billing'
    | 'backup'
    | 'backupCopy'
    | 'auditTrail'
    | 'awsConfig'
    | 'guardDuty'
    | 'sessionManager'
    | 'statusThresholds'
    | 'monitoredResources'
  >
> & {
  readonly alertEmails?: Partial<AlertRecipients>;
  readonly billing?: Partial<BillingConfig>;
  readonly backup?: Partial<BackupConfig>;
  readonly backupCopy?: Partial<BackupCopyConfig>;
  readonly auditTrail?: Partial<AuditTrailConfig>;
  readonly awsConfig?: Partial<AwsConfigSettings>;
  readonly guardDuty?: Partial<GuardDutySettings>;
  readonly sessionManager?: Partial<SessionManagerConfig>;
  readonly statusThresholds?: Partial<StatusThresholdsConfig>;
  readonly monitoredResources?: Partial<MonitoredResourcesConfig>;
};

import type { CostAllocationTagsStatus } from './cost-tags';

/** What the status command learns about one environment, and the thresholds it judges it by. */
export interface AlarmStatus {
  readonly name: string;
  readonly state: string;
  readonly reason: string;
  readonly changedAt?: Date;
}

export interface RecoveryPointStatus {
  readonly arn: string;
  readonly resourceArn?: string;
  readonly completedAt: Date;
}

export interface BackupJobStatus {
  readonly id: string;
  readonly state: string;
  readonly resourceArn?: string;
  readonly createdAt?: Date;
  readonly message?: string;
}

export interface EnvironmentStatus {
  readonly environment: string;
  readonly checkedAt: Date;
  readonly alarms: AlarmStatus[];
  /** Alarm names the synthesized ops templates define that the account does not have. */
  readonly missingAlarms: string[];
  readonly backup: {
    readonly vaultName: string;
    readonly vaultFound: boolean;
    readonly planName: string;
    readonly planFound: boolean;
    readonly latestRdsRecoveryPoint?: RecoveryPointStatus;
    readonly failedJobs: BackupJobStatus[];
    /** False where the emulator does not run AWS Backup (local): nothing above is judged. @default true */
    readonly emulated?: boolean;
  };
  /** What the code or a placeholder names that the local emulator does not run (reported, never judged). */
  readonly notEmulated?: readonly { readonly name: string; readonly reason: string }[];
  readonly rds?: { readonly id: string; readonly backupWindow?: string; readonly latestRestorableTime?: Date };
  readonly elastiCache?: { readonly replicationGroupId: string; readonly newestSnapshot?: { readonly name: string; readonly createdAt: Date } };
  /**
   * The standard tags as cost allocation tags (Cost Explorer). Absent when not asked (tests of the other parts).
   * An inactive tag is degraded; a tag Billing has not seen yet is reported, not judged (it cannot be activated
   * yet); a refused call is "could not check".
   */
  readonly costAllocationTags?: CostAllocationTagsStatus;
  readonly thresholds: Thresholds;
  /** Where the thresholds came from (the ops tier's SSM parameter, or the defaults). */
  readonly thresholdsSource: string;
}

export interface Thresholds {
  /** The newest completed RDS recovery point must be younger than this. */
  readonly recoveryPointMaxAgeHours: number;
  /** The newest ElastiCache snapshot must be younger than this. */
  readonly cacheSnapshotMaxAgeHours: number;
  /** How far back failed or aborted backup jobs count. */
  readonly failedJobsLookbackDays: number;
}

/** A daily backup plus two hours of slack. */
export const DEFAULT_THRESHOLDS: Thresholds = { recoveryPointMaxAgeHours: 26, cacheSnapshotMaxAgeHours: 26, failedJobsLookbackDays: 7 };

/** `unknown`: nothing worse was found, but a part that could have been degraded could not be checked. */
export type Verdict = 'healthy' | 'degraded' | 'failing' | 'unknown';

/** Exit codes a cron job or CI step can use. */
export const EXIT_CODES: Record<Verdict, number> = { healthy: 0, degraded: 1, failing: 2, unknown: 3 };

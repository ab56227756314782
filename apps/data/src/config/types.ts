import type { ChangeAcknowledgement, EncryptionKeyChoice, RemovalChoice, StatefulRemovalChoice } from '@showcore/naming';

/** The RDS PostgreSQL instance (tasks.md 5.1–5.3, design.md "RDS PostgreSQL Component"). */
export interface DatabaseConfig {
  /**
   * PostgreSQL major version. Only the major is pinned: RDS applies minor versions (security fixes) on its own,
   * inside {@link maintenanceWindow}, and a major upgrade stays a reviewed change (major upgrades are not allowed
   * on the instance). The template names no minor version, so it never falls behind the running engine.
   * @default '16'
   */
  readonly engineVersion: string;
  /** @default 'db.t3.micro' */
  readonly instanceClass: string;
  /**
   * Allocated gp3 storage in GB; the ops tier alarms when free space falls below 15 % of it.
   * @default 20
   */
  readonly allocatedStorageGb: number;
  /**
   * Storage autoscaling: the ceiling in GB up to which RDS grows the storage by itself (`MaxAllocatedStorage`)
   * when free space stays at or below 10 % of the allocation for five minutes. 0 turns autoscaling off. Growth is
   * billed as the storage it adds (priced up to this ceiling in the cost report's notes); it never shrinks. The
   * ops storage alarm follows the allocation as it grows (it reads the real allocation, not this configuration).
   * Must be at least 10 % above {@link allocatedStorageGb} (RDS rejects less).
   * @default 100 (design.md `rds_max_allocated_storage`)
   */
  readonly maxAllocatedStorageGb: number;
  /**
   * A standby in a second AZ with automatic failover. Doubles the instance price.
   * @default false (tasks.md 5.2: single-AZ for cost)
   */
  readonly multiAz: boolean;
  /**
   * Days of automated backups and point-in-time recovery (RDS allows 0–35; 0 turns both off, which the spec forbids).
   * @default 7
   */
  readonly backupRetentionDays: number;
  /**
   * Daily backup window, UTC, `hh:mm-hh:mm`, at least 30 minutes.
   * @default '03:00-04:00'
   */
  readonly backupWindow: string;
  /**
   * Weekly maintenance window, UTC, `ddd:hh:mm-ddd:hh:mm`, at least 30 minutes, not overlapping the backup window.
   * @default 'sun:04:00-sun:05:00'
   */
  readonly maintenanceWindow: string;
  /** @default 'showcore' */
  readonly databaseName: string;
  /**
   * Master user name; RDS generates its password into Secrets Manager and rotates it.
   * @default 'showcore_admin'
   */
  readonly masterUsername: string;
  /** @default 5432 */
  readonly port: number;
  /**
   * Attach `RdsParameterGroup` (rds.force_ssl=1) to the instance. Only `local` turns it off: the emulator's
   * CloudFormation hands the instance the parameter-group object where RDS expects its name and crashes
   * mid-stack. The group is still created there, so its settings can be checked.
   * @default true
   */
  readonly attachParameterGroup: boolean;
  /**
   * Performance Insights (Database Insights standard mode). Seven days of history are free.
   * @default true
   */
  readonly performanceInsights: boolean;
  /**
   * Enhanced Monitoring: OS metrics (processes, memory, I/O) every this many seconds into the CloudWatch Logs
   * group RDSOSMetrics, billed as log ingestion (the cost report prices it). 0 turns it off; RDS accepts 1, 5,
   * 10, 15, 30 or 60.
   * @default 0 (60 in the hardened profile)
   */
  readonly enhancedMonitoringIntervalSeconds: number;
  /**
   * Keep the automated backups (point-in-time recovery) for their retention period when the instance is deleted
   * (`DeleteAutomatedBackups: false`), so deleting a stack does not delete the means to restore it.
   * Outside local it must stay true.
   * @default true (false in local)
   */
  readonly keepAutomatedBackups: boolean;
  /** @default false (on in prod) */
  readonly deletionProtection: boolean;
  /** @default 'snapshot' ('destroy' in local) */
  readonly removal: StatefulRemovalChoice;
  /**
   * Retention of the PostgreSQL and upgrade logs exported to CloudWatch Logs, in days (a value CloudWatch Logs accepts).
   * @default 7
   */
  readonly logRetentionDays: number;
  /** @default 'retain' ('destroy' in local) */
  readonly logRemoval: RemovalChoice;
}

/** The ElastiCache Redis replication group (tasks.md 6.1–6.3 with the spec README's correction). */
export interface CacheConfig {
  /**
   * Redis OSS version (major.minor); 7.0.5 or later is needed for `TransitEncryptionMode: required`.
   * @default '7.1'
   */
  readonly engineVersion: string;
  /** @default 'cache.t3.micro' */
  readonly nodeType: string;
  /**
   * Read replicas beside the primary (0–5). Any replica turns on automatic failover and Multi-AZ; each one
   * costs as much as the primary.
   * @default 0 (tasks.md 6.2: one node for cost)
   */
  readonly replicas: number;
  /**
   * Redis cluster mode (design.md "cluster mode enabled"): the key space split over {@link shards} node groups,
   * each a primary with {@link replicas} replicas (shards × (replicas + 1) nodes), with automatic failover always
   * on. Clients must then connect to the configuration endpoint with a cluster-aware client, and the replication
   * group must be replaced to switch it on or off. The data tier then publishes the configuration endpoint under
   * the `redis-primary-endpoint-*` parameters.
   * @default false (also in the hardened profile: see the README, "Redis cluster mode")
   */
  readonly clusterMode: boolean;
  /**
   * Node groups (shards) in cluster mode, 1–500; must be 1 without cluster mode.
   * @default 1
   */
  readonly shards: number;
  /**
   * Days of daily snapshots kept (ElastiCache allows 0–35; 0 turns snapshots off, which the spec forbids).
   * @default 7
   */
  readonly snapshotRetentionDays: number;
  /**
   * Daily snapshot window, UTC, `hh:mm-hh:mm`, at least 60 minutes.
   * @default '03:00-04:00'
   */
  readonly snapshotWindow: string;
  /**
   * Weekly maintenance window, UTC, `ddd:hh:mm-ddd:hh:mm`, at least 60 minutes, not overlapping the snapshot window.
   * @default 'sun:05:00-sun:06:00'
   */
  readonly maintenanceWindow: string;
  /** @default 6379 */
  readonly port: number;
  /** @default 'snapshot' ('destroy' in local) */
  readonly removal: StatefulRemovalChoice;
}

/** The data tier's settings for one environment. */
export interface DataConfig {
  /** @default 'us-east-1' */
  readonly region: string;
  /**
   * The network tier's availability zones, in the order of its private subnets. Their count is the number of
   * private subnet ids read from SSM; the first one holds the single-AZ database and cache node.
   * @default ['us-east-1a', 'us-east-1b']
   */
  readonly availabilityZones: readonly string[];
  /** Stack termination protection. @default false (on in prod) */
  readonly terminationProtection: boolean;
  /**
   * Replacements and removals of stateful or fixed-name resources that the change plan refuses, acknowledged for
   * this environment with a reason (docs/deploying.md, "What the plan refuses").
   * @default - none
   */
  readonly acknowledgedChanges?: readonly ChangeAcknowledgement[];
  /**
   * Put the standard tags on the SSM parameters. The emulator fails on tagged parameters.
   * @default true (false in local)
   */
  readonly tagSsmParameters: boolean;
  /** @default 'aws-managed' (tasks.md: AWS managed keys for cost) */
  readonly encryptionKey: EncryptionKeyChoice;
  /**
   * Publish the attributes of the replication group and of the RDS-managed secret. Only `local` turns it off:
   * the emulator implements neither, and a `Fn::GetAtt` on a resource it skipped fails the whole stack. The
   * parameters then hold {@link NOT_EMULATED}; the resources themselves stay in the template.
   * @default true
   */
  readonly publishUnemulatedAttributes: boolean;
  readonly database: DatabaseConfig;
  readonly cache: CacheConfig;
}

/** Overrides of a profile or an environment: any field, nested groups field by field. */
export type DataConfigOverrides = Partial<Omit<DataConfig, 'database' | 'cache'>> & {
  readonly database?: Partial<DatabaseConfig>;
  readonly cache?: Partial<CacheConfig>;
};

/** Value of the parameters whose resource the local emulator does not implement (see `publishUnemulatedAttributes`). */
export const NOT_EMULATED = 'not-emulated-locally';

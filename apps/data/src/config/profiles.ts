import type { DataConfig, DataConfigOverrides } from './types';

/**
 * The cost-optimized profile of tasks.md 5.x/6.x: single-AZ db.t3.micro with 20 GB gp3, one cache.t3.micro
 * node, AWS managed keys, 7-day backups and snapshots at 03:00–04:00 UTC.
 */
export const costOptimized: DataConfig = {
  region: 'us-east-1',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  terminationProtection: false,
  tagSsmParameters: true,
  encryptionKey: 'aws-managed',
  publishUnemulatedAttributes: true,
  database: {
    engineVersion: '16',
    instanceClass: 'db.t3.micro',
    allocatedStorageGb: 20,
    // design.md `rds_max_allocated_storage = 100`: autoscaling costs nothing until storage actually grows.
    maxAllocatedStorageGb: 100,
    multiAz: false,
    backupRetentionDays: 7,
    backupWindow: '03:00-04:00',
    maintenanceWindow: 'sun:04:00-sun:05:00',
    databaseName: 'showcore',
    masterUsername: 'showcore_admin',
    port: 5432,
    attachParameterGroup: true,
    performanceInsights: true,
    enhancedMonitoringIntervalSeconds: 0,
    keepAutomatedBackups: true,
    deletionProtection: false,
    removal: 'snapshot',
    logRetentionDays: 7,
    logRemoval: 'retain',
  },
  cache: {
    engineVersion: '7.1',
    nodeType: 'cache.t3.micro',
    replicas: 0,
    clusterMode: false,
    shards: 1,
    snapshotRetentionDays: 7,
    snapshotWindow: '03:00-04:00',
    maintenanceWindow: 'sun:05:00-sun:06:00',
    port: 6379,
    removal: 'snapshot',
  },
};

/**
 * The hardened profile: design.md "Infrastructure Configuration Examples" for the database and the cache —
 * Multi-AZ RDS, a Redis replica with automatic failover, a customer-managed KMS key, 30-day backups and log
 * retention, and RDS Enhanced Monitoring every minute. Redis stays in cluster-mode-disabled (the spec README's hardened profile asks for a replica with
 * failover; cluster mode would change how clients connect).
 */
export const hardened: DataConfigOverrides = {
  encryptionKey: 'customer-managed',
  database: { multiAz: true, backupRetentionDays: 30, logRetentionDays: 30, performanceInsights: true, enhancedMonitoringIntervalSeconds: 60 },
  cache: { replicas: 1, snapshotRetentionDays: 30 },
};

export const PROFILES = { hardened } as const satisfies Record<string, DataConfigOverrides>;

export type ProfileName = keyof typeof PROFILES;

/** Overrides merge field by field into nested groups (the shared rule of libs/naming). */
export { applyOverrides } from '@showcore/naming';

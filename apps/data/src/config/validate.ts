import {
  checkEncryptionKeyChoice,
  checkLogRetentionDays,
  checkRegion,
  checkRemovalChoice,
  checkTerminationProtection,
  ConfigProblems,
  REMOVAL_CHOICES,
  STATEFUL_REMOVAL_CHOICES,
  type EnvironmentName,
  dailyOverlapsWeekly,
  parseDailyWindow,
  parseWeeklyWindow,
} from '@showcore/naming';
import type { CacheConfig, DataConfig, DatabaseConfig } from './types';

const DB_INSTANCE_CLASS = /^db\.[a-z0-9]+\.[a-z0-9]+$/;
const CACHE_NODE_TYPE = /^cache\.[a-z0-9]+\.[a-z0-9]+$/;
const POSTGRES_IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;
/** RDS keeps these role names for itself. */
const RESERVED_USERNAMES = ['rdsadmin', 'rdsrepladmin', 'rds_superuser', 'rdstopmgr'];
const MAX_REPLICAS = 5;
/** ElastiCache's limit on node groups of a cluster-mode replication group. */
const MAX_SHARDS = 500;

/** The tier's parameter group family is postgres16: the major version it runs. */
const POSTGRES_MAJOR = '16';
/** The Enhanced Monitoring intervals RDS accepts (0 = off). */
const MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60];

function isWholeNumber(value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Checks a data configuration and throws one `ConfigError` listing every problem (field, value, what is wrong,
 * the fix), so one run shows everything to correct. Nothing is synthesized from an invalid configuration.
 *
 * @param environment rules that depend on it: stateful resources keep a snapshot outside local, prod keeps
 *   deletion protection, only local may publish placeholders
 * @param source named in the error: the environment and profile the configuration came from
 */
export function validateDataConfig(config: DataConfig, environment: EnvironmentName, source: string): DataConfig {
  const problems = new ConfigProblems(source);
  checkRegion(problems, 'region', config.region);
  const zones = config.availabilityZones;
  problems.check(
    Array.isArray(zones) &&
      zones.length >= 2 &&
      new Set(zones).size === zones.length &&
      zones.every((az) => typeof az === 'string' && az.startsWith(config.region)),
    'availabilityZones',
    zones,
    `is not a list of at least two distinct zones of ${config.region}; an RDS subnet group needs subnets in two AZs`,
    'list the network tier\'s availability zones in subnet order, e.g. ["us-east-1a", "us-east-1b"]',
  );
  checkEncryptionKeyChoice(problems, 'encryptionKey', config.encryptionKey);
  if (environment !== 'local') {
    problems.check(
      config.publishUnemulatedAttributes,
      'publishUnemulatedAttributes',
      config.publishUnemulatedAttributes,
      `is off in "${environment}": consumers would read placeholders instead of the Redis endpoint and the secret ARN`,
      'set it to true; only the local emulator needs placeholders',
    );
  }
  checkTerminationProtection(problems, config.terminationProtection, environment);
  validateDatabase(config.database, environment, problems);
  validateCache(config.cache, environment, problems);
  problems.throwIfAny();
  return config;
}

function validateRetention(field: string, value: unknown, service: string, problems: ConfigProblems): void {
  if (!isWholeNumber(value, 0, 35)) {
    problems.add(field, value, `is outside the 0–35 days ${service} allows`, 'use a whole number of days from 1 to 35, e.g. 7');
  } else {
    problems.check(value >= 1, field, value, `turns ${service} automated backups off, which the spec requires daily`, 'use at least 1 day, e.g. 7');
  }
}

function validateDatabase(db: DatabaseConfig, environment: EnvironmentName, problems: ConfigProblems): void {
  problems.check(
    db.engineVersion === POSTGRES_MAJOR,
    'database.engineVersion',
    db.engineVersion,
    `is not the PostgreSQL major version "${POSTGRES_MAJOR}" the tier and its parameter group family (postgres${POSTGRES_MAJOR}) are for; a minor version would leave the template behind the automatic minor upgrades`,
    `use "${POSTGRES_MAJOR}"`,
  );
  problems.check(
    MONITORING_INTERVALS.includes(db.enhancedMonitoringIntervalSeconds),
    'database.enhancedMonitoringIntervalSeconds',
    db.enhancedMonitoringIntervalSeconds,
    `is not an interval RDS accepts (${MONITORING_INTERVALS.join(', ')})`,
    'use 60, or 0 for no Enhanced Monitoring',
  );
  problems.check(
    db.keepAutomatedBackups === true || environment === 'local',
    'database.keepAutomatedBackups',
    db.keepAutomatedBackups,
    `is off in "${environment}": deleting the stack would delete the automated backups and with them point-in-time recovery`,
    'set it to true; only the local emulator discards them',
  );
  problems.check(
    DB_INSTANCE_CLASS.test(String(db.instanceClass)),
    'database.instanceClass',
    db.instanceClass,
    'is not an RDS instance class',
    'use a class such as "db.t3.micro"',
  );
  problems.check(
    isWholeNumber(db.allocatedStorageGb, 20, 65536),
    'database.allocatedStorageGb',
    db.allocatedStorageGb,
    'is outside the 20–65536 GB RDS allows for gp3 PostgreSQL storage',
    'use at least 20',
  );
  if (db.maxAllocatedStorageGb !== 0) {
    const minimum = isWholeNumber(db.allocatedStorageGb, 20, 65536) ? Math.ceil((db.allocatedStorageGb * 11) / 10) : 22;
    problems.check(
      isWholeNumber(db.maxAllocatedStorageGb, minimum, 65536),
      'database.maxAllocatedStorageGb',
      db.maxAllocatedStorageGb,
      `is neither 0 (autoscaling off) nor a whole number of GB from ${minimum} (10 % above database.allocatedStorageGb, as RDS requires) to 65536`,
      `use 0, or a whole number from ${minimum}, e.g. ${Math.max(100, minimum)}`,
    );
  }
  validateRetention('database.backupRetentionDays', db.backupRetentionDays, 'RDS', problems);
  const backup = parseDailyWindow(String(db.backupWindow));
  const maintenance = parseWeeklyWindow(String(db.maintenanceWindow));
  if (!backup || backup.minutes < 30) {
    problems.add('database.backupWindow', db.backupWindow, 'is not a daily UTC window "hh:mm-hh:mm" of at least 30 minutes', 'use e.g. "03:00-04:00"');
  }
  if (!maintenance || maintenance.minutes < 30) {
    problems.add(
      'database.maintenanceWindow',
      db.maintenanceWindow,
      'is not a weekly UTC window "ddd:hh:mm-ddd:hh:mm" of at least 30 minutes',
      'use e.g. "sun:04:00-sun:05:00"',
    );
  }
  if (backup && maintenance && backup.minutes >= 30 && maintenance.minutes >= 30) {
    problems.check(
      !dailyOverlapsWeekly(backup, maintenance),
      'database.maintenanceWindow',
      db.maintenanceWindow,
      `overlaps the daily backup window ${db.backupWindow}; RDS rejects overlapping windows`,
      'move one of them, e.g. backups "03:00-04:00" and maintenance "sun:04:00-sun:05:00"',
    );
  }
  problems.check(
    POSTGRES_IDENTIFIER.test(String(db.databaseName)),
    'database.databaseName',
    db.databaseName,
    'is not a PostgreSQL database name (a lowercase letter, then lowercase letters, digits or _; at most 63)',
    'use e.g. "showcore"',
  );
  problems.check(
    POSTGRES_IDENTIFIER.test(String(db.masterUsername)) && !RESERVED_USERNAMES.includes(db.masterUsername),
    'database.masterUsername',
    db.masterUsername,
    `is not a usable master user name (a lowercase letter, then lowercase letters, digits or _; not ${RESERVED_USERNAMES.join(', ')})`,
    'use e.g. "showcore_admin"',
  );
  problems.check(isWholeNumber(db.port, 1150, 65535), 'database.port', db.port, 'is outside the 1150–65535 RDS allows for PostgreSQL', 'use 5432');
  checkLogRetentionDays(problems, 'database.logRetentionDays', db.logRetentionDays);
  checkRemovalChoice(problems, 'database.removal', db.removal, STATEFUL_REMOVAL_CHOICES, environment);
  checkRemovalChoice(problems, 'database.logRemoval', db.logRemoval, REMOVAL_CHOICES, environment);
  if (environment !== 'local') {
    problems.check(
      db.attachParameterGroup === true,
      'database.attachParameterGroup',
      db.attachParameterGroup,
      `is off in "${environment}": the instance would run with the default parameter group, which accepts connections without TLS`,
      'set it to true; only the local emulator needs it off',
    );
  }
  if (environment === 'prod') {
    problems.check(
      db.deletionProtection === true,
      'database.deletionProtection',
      db.deletionProtection,
      'is off in prod',
      'set it to true; to delete the prod database on purpose, lift it on the instance itself (docs/deploying.md, "Destroying a tier")',
    );
  }
}

function validateCache(cache: CacheConfig, environment: EnvironmentName, problems: ConfigProblems): void {
  problems.check(
    /^7\.\d+$/.test(String(cache.engineVersion)),
    'cache.engineVersion',
    cache.engineVersion,
    'is not a Redis OSS 7 version (major.minor); the parameter group family is redis7 and required in-transit encryption needs 7',
    'use e.g. "7.1"',
  );
  problems.check(
    CACHE_NODE_TYPE.test(String(cache.nodeType)),
    'cache.nodeType',
    cache.nodeType,
    'is not an ElastiCache node type',
    'use a type such as "cache.t3.micro"',
  );
  problems.check(
    isWholeNumber(cache.replicas, 0, MAX_REPLICAS),
    'cache.replicas',
    cache.replicas,
    `is outside the 0–${MAX_REPLICAS} replicas a Redis replication group allows`,
    'use 0 (one node) or 1 (a replica with automatic failover)',
  );
  problems.check(
    typeof cache.clusterMode === 'boolean',
    'cache.clusterMode',
    cache.clusterMode,
    'is not true or false',
    'use false (one node group, the primary endpoint) or true (cluster mode)',
  );
  if (cache.clusterMode === true) {
    problems.check(
      isWholeNumber(cache.shards, 1, MAX_SHARDS),
      'cache.shards',
      cache.shards,
      `is outside the 1–${MAX_SHARDS} node groups a cluster-mode replication group allows`,
      'use e.g. 2',
    );
  } else {
    problems.check(
      cache.shards === 1,
      'cache.shards',
      cache.shards,
      'is not 1, but only cluster mode splits the data into shards',
      'set cache.clusterMode to true, or cache.shards to 1',
    );
  }
  validateRetention('cache.snapshotRetentionDays', cache.snapshotRetentionDays, 'ElastiCache', problems);
  const snapshot = parseDailyWindow(String(cache.snapshotWindow));
  const maintenance = parseWeeklyWindow(String(cache.maintenanceWindow));
  if (!snapshot || snapshot.minutes < 60) {
    problems.add('cache.snapshotWindow', cache.snapshotWindow, 'is not a daily UTC window "hh:mm-hh:mm" of at least 60 minutes', 'use e.g. "03:00-04:00"');
  }
  if (!maintenance || maintenance.minutes < 60 || maintenance.minutes > 24 * 60) {
    problems.add(
      'cache.maintenanceWindow',
      cache.maintenanceWindow,
      'is not a weekly UTC window "ddd:hh:mm-ddd:hh:mm" of 60 minutes to 24 hours',
      'use e.g. "sun:05:00-sun:06:00"',
    );
  }
  if (snapshot && maintenance && snapshot.minutes >= 60 && maintenance.minutes >= 60 && maintenance.minutes <= 24 * 60) {
    problems.check(
      !dailyOverlapsWeekly(snapshot, maintenance),
      'cache.maintenanceWindow',
      cache.maintenanceWindow,
      `overlaps the daily snapshot window ${cache.snapshotWindow}; ElastiCache rejects overlapping windows`,
      'move one of them, e.g. snapshots "03:00-04:00" and maintenance "sun:05:00-sun:06:00"',
    );
  }
  problems.check(isWholeNumber(cache.port, 1024, 65535), 'cache.port', cache.port, 'is outside 1024–65535', 'use 6379');
  checkRemovalChoice(problems, 'cache.removal', cache.removal, STATEFUL_REMOVAL_CHOICES, environment);
}

import { App, Stack } from 'aws-cdk-lib';
import { ConfigError, ENVIRONMENTS, type EnvironmentName } from '@showcore/naming';
import { buildDataApp } from '../../src/app';
import { applyOverrides, environmentConfig, loadConfig, validateDataConfig, type DataConfigOverrides } from '../../src/config';

function problemsOf(environment: EnvironmentName, overrides: DataConfigOverrides): string {
  try {
    validateDataConfig(applyOverrides(environmentConfig(environment), overrides), environment, `apps/data/src/config (environment "${environment}")`);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('data configuration', () => {
  it.each(ENVIRONMENTS)('%s is valid on its own and with the hardened profile', (environment) => {
    expect(loadConfig(environment)).toEqual(environmentConfig(environment));
    expect(loadConfig(environment, 'hardened').database.multiAz).toBe(true);
  });

  it('follows tasks.md in every environment: db.t3.micro, 20 GB, single-AZ, one cache.t3.micro, 7-day backups', () => {
    for (const environment of ENVIRONMENTS) {
      const { database, cache } = loadConfig(environment);
      expect([database.instanceClass, database.allocatedStorageGb, database.multiAz, database.backupRetentionDays]).toEqual(['db.t3.micro', 20, false, 7]);
      expect([cache.nodeType, cache.replicas, cache.snapshotRetentionDays, cache.snapshotWindow]).toEqual(['cache.t3.micro', 0, 7, '03:00-04:00']);
    }
  });

  it('rejects an unknown profile, naming the choices, before anything is built', () => {
    expect(() => loadConfig('dev', 'gold')).toThrow(
      'Unknown configuration profile "gold" (from the CDK context "profile"). Expected one of: hardened. ' +
        "Pass one with -c profile=<name>, or leave it out for the environment's own values.",
    );
    const app = new App({ context: { env: 'dev', profile: 'gold' } });
    expect(() => buildDataApp(app)).toThrow(/Unknown configuration profile "gold"/);
    expect(app.node.findAll().filter((c) => Stack.isStack(c))).toEqual([]);
  });

  it('reports the issue’s bad inputs all together: overlapping windows, retention out of range, engine major, storage', () => {
    expect(
      problemsOf('dev', {
        database: {
          backupWindow: '03:00-04:00',
          maintenanceWindow: 'sun:03:30-sun:04:30',
          backupRetentionDays: 40,
          engineVersion: '15.4',
          allocatedStorageGb: 10,
        },
      }),
    ).toBe(
      [
        'Invalid configuration in apps/data/src/config (environment "dev") (4 problems):',
        '  - database.engineVersion = "15.4": is not the PostgreSQL major version "16" the tier and its parameter group family (postgres16) are for; a minor version would leave the template behind the automatic minor upgrades. Fix: use "16"',
        '  - database.allocatedStorageGb = 10: is outside the 20–65536 GB RDS allows for gp3 PostgreSQL storage. Fix: use at least 20',
        '  - database.backupRetentionDays = 40: is outside the 0–35 days RDS allows. Fix: use a whole number of days from 1 to 35, e.g. 7',
        '  - database.maintenanceWindow = "sun:03:30-sun:04:30": overlaps the daily backup window 03:00-04:00; RDS rejects overlapping windows. Fix: move one of them, e.g. backups "03:00-04:00" and maintenance "sun:04:00-sun:05:00"',
      ].join('\n'),
    );
  });

  it('reports what would weaken a real environment, all together', () => {
    expect(
      problemsOf('prod', {
        publishUnemulatedAttributes: false,
        database: { removal: 'destroy', logRemoval: 'destroy', deletionProtection: false, attachParameterGroup: false },
        cache: { removal: 'destroy' },
      }),
    ).toBe(
      [
        'Invalid configuration in apps/data/src/config (environment "prod") (6 problems):',
        '  - publishUnemulatedAttributes = false: is off in "prod": consumers would read placeholders instead of the Redis endpoint and the secret ARN. Fix: set it to true; only the local emulator needs placeholders',
        '  - database.removal = "destroy": would delete the resource and its data, with no snapshot and nothing retained, when it leaves the "prod" stack. Fix: use "snapshot"; "destroy" is for the local emulator only',
        '  - database.logRemoval = "destroy": would delete the resource and its data, with no snapshot and nothing retained, when it leaves the "prod" stack. Fix: use "retain"; "destroy" is for the local emulator only',
        '  - database.attachParameterGroup = false: is off in "prod": the instance would run with the default parameter group, which accepts connections without TLS. Fix: set it to true; only the local emulator needs it off',
        '  - database.deletionProtection = false: is off in prod. Fix: set it to true; to delete the prod database on purpose, lift it on the instance itself (docs/deploying.md, "Destroying a tier")',
        '  - cache.removal = "destroy": would delete the resource and its data, with no snapshot and nothing retained, when it leaves the "prod" stack. Fix: use "snapshot"; "destroy" is for the local emulator only',
      ].join('\n'),
    );
  });

  it.each<[string, DataConfigOverrides, string[]]>([
    [
      'backups turned off',
      { database: { backupRetentionDays: 0 } },
      ['database.backupRetentionDays = 0: turns RDS automated backups off, which the spec requires daily. Fix: use at least 1 day, e.g. 7'],
    ],
    [
      'a pinned minor version, which automatic minor upgrades would overtake',
      { database: { engineVersion: '16.13' } },
      [
        'database.engineVersion = "16.13": is not the PostgreSQL major version "16" the tier and its parameter group family (postgres16) are for; a minor version would leave the template behind the automatic minor upgrades. Fix: use "16"',
      ],
    ],
    [
      'an Enhanced Monitoring interval RDS refuses',
      { database: { enhancedMonitoringIntervalSeconds: 20 } },
      [
        'database.enhancedMonitoringIntervalSeconds = 20: is not an interval RDS accepts (0, 1, 5, 10, 15, 30, 60). Fix: use 60, or 0 for no Enhanced Monitoring',
      ],
    ],
    [
      'automated backups deleted with the instance outside local',
      { database: { keepAutomatedBackups: false } },
      [
        'database.keepAutomatedBackups = false: is off in "dev": deleting the stack would delete the automated backups and with them point-in-time recovery. Fix: set it to true; only the local emulator discards them',
      ],
    ],
    [
      'a storage ceiling less than 10 % above the allocation',
      { database: { maxAllocatedStorageGb: 21 } },
      [
        'database.maxAllocatedStorageGb = 21: is neither 0 (autoscaling off) nor a whole number of GB from 22 (10 % above database.allocatedStorageGb, as RDS requires) to 65536. Fix: use 0, or a whole number from 22, e.g. 100',
      ],
    ],
    [
      'a fractional storage ceiling',
      { database: { allocatedStorageGb: 100, maxAllocatedStorageGb: 200.5 } },
      [
        'database.maxAllocatedStorageGb = 200.5: is neither 0 (autoscaling off) nor a whole number of GB from 110 (10 % above database.allocatedStorageGb, as RDS requires) to 65536. Fix: use 0, or a whole number from 110, e.g. 110',
      ],
    ],
    [
      'shards without cluster mode',
      { cache: { shards: 2 } },
      ['cache.shards = 2: is not 1, but only cluster mode splits the data into shards. Fix: set cache.clusterMode to true, or cache.shards to 1'],
    ],
    [
      'cluster mode without a shard',
      { cache: { clusterMode: true, shards: 0 } },
      ['cache.shards = 0: is outside the 1–500 node groups a cluster-mode replication group allows. Fix: use e.g. 2'],
    ],
    [
      'a backup window under 30 minutes',
      { database: { backupWindow: '03:00-03:10' } },
      ['database.backupWindow = "03:00-03:10": is not a daily UTC window "hh:mm-hh:mm" of at least 30 minutes. Fix: use e.g. "03:00-04:00"'],
    ],
    [
      'a maintenance window in the wrong format',
      { database: { maintenanceWindow: 'Sunday 04:00' } },
      [
        'database.maintenanceWindow = "Sunday 04:00": is not a weekly UTC window "ddd:hh:mm-ddd:hh:mm" of at least 30 minutes. Fix: use e.g. "sun:04:00-sun:05:00"',
      ],
    ],
    [
      'a non-RDS instance class and a reserved user',
      { database: { instanceClass: 't3.micro', masterUsername: 'rdsadmin' } },
      [
        'database.instanceClass = "t3.micro": is not an RDS instance class. Fix: use a class such as "db.t3.micro"',
        'database.masterUsername = "rdsadmin": is not a usable master user name (a lowercase letter, then lowercase letters, digits or _; not rdsadmin, rdsrepladmin, rds_superuser, rdstopmgr). Fix: use e.g. "showcore_admin"',
      ],
    ],
    [
      'a log retention CloudWatch refuses',
      { database: { logRetentionDays: 10 } },
      [
        'database.logRetentionDays = 10: is not a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653). Fix: use 7 or 14',
      ],
    ],
    [
      'Redis 6, too many replicas, snapshots kept too long',
      { cache: { engineVersion: '6.2', replicas: 6, snapshotRetentionDays: 36 } },
      [
        'cache.engineVersion = "6.2": is not a Redis OSS 7 version (major.minor); the parameter group family is redis7 and required in-transit encryption needs 7. Fix: use e.g. "7.1"',
        'cache.replicas = 6: is outside the 0–5 replicas a Redis replication group allows. Fix: use 0 (one node) or 1 (a replica with automatic failover)',
        'cache.snapshotRetentionDays = 36: is outside the 0–35 days ElastiCache allows. Fix: use a whole number of days from 1 to 35, e.g. 7',
      ],
    ],
    [
      'a snapshot window overlapping the cache maintenance',
      { cache: { snapshotWindow: '05:30-06:30' } },
      [
        'cache.maintenanceWindow = "sun:05:00-sun:06:00": overlaps the daily snapshot window 05:30-06:30; ElastiCache rejects overlapping windows. Fix: move one of them, e.g. snapshots "03:00-04:00" and maintenance "sun:05:00-sun:06:00"',
      ],
    ],
    [
      'one availability zone',
      { availabilityZones: ['us-east-1a'] },
      [
        'availabilityZones = ["us-east-1a"]: is not a list of at least two distinct zones of us-east-1; an RDS subnet group needs subnets in two AZs. Fix: list the network tier\'s availability zones in subnet order, e.g. ["us-east-1a", "us-east-1b"]',
      ],
    ],
  ])('rejects %s', (_what, overrides, problems) => {
    expect(problemsOf('dev', overrides)).toBe(
      [
        `Invalid configuration in apps/data/src/config (environment "dev") (${problems.length} problem${problems.length === 1 ? '' : 's'}):`,
        ...problems.map((p) => `  - ${p}`),
      ].join('\n'),
    );
  });

  it('accepts a maintenance window that starts when the backup window ends (RDS does)', () => {
    expect(() => loadConfig('dev')).not.toThrow();
    expect(environmentConfig('dev').database).toMatchObject({ backupWindow: '03:00-04:00', maintenanceWindow: 'sun:04:00-sun:05:00' });
  });

  it('lets only local destroy data, publish placeholders and leave the parameter group detached', () => {
    const local = loadConfig('local');
    expect([local.database.removal, local.cache.removal, local.publishUnemulatedAttributes, local.database.attachParameterGroup]).toEqual([
      'destroy',
      'destroy',
      false,
      false,
    ]);
    for (const environment of ['dev', 'staging', 'prod'] as const) {
      const config = loadConfig(environment);
      expect([
        config.database.removal,
        config.cache.removal,
        config.database.logRemoval,
        config.publishUnemulatedAttributes,
        config.database.attachParameterGroup,
      ]).toEqual(['snapshot', 'snapshot', 'retain', true, true]);
    }
  });
});

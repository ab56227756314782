import {
  BackupClient,
  CreateBackupPlanCommand,
  CreateBackupVaultCommand,
  ListBackupJobsCommand,
  ListBackupPlansCommand,
  ListBackupVaultsCommand,
  ListRecoveryPointsByBackupVaultCommand,
} from '@aws-sdk/client-backup';
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { CreateReplicationGroupCommand, CreateSnapshotCommand, DescribeSnapshotsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { parameterPath, resourceName } from '@showcore/naming';
import { mockClient } from 'aws-sdk-client-mock';
import { clientConfig } from '#tools/lib/aws-clients';
import { statusClients, type StatusClients } from '#tools/status/collect';
import { status } from '#tools/status/main';
import { e2eEnv, resetEmulator } from '#tools/emulator/harness';

// moto has no AWS Backup recovery points or backup jobs, and does not paginate DescribeAlarms: those paths are
// covered with aws-sdk-client-mock on the same client objects; everything else is real emulator state.
const NOW = new Date('2026-11-23T12:00:00Z');
const HOURS = (h: number) => new Date(NOW.getTime() - h * 3600 * 1000);
const expected = {
  alarmNames: [resourceName('rds', 'local', 'cpu-high'), resourceName('elasticache', 'local', 'memory-high'), resourceName('s3', 'local', '5xx-errors')],
  vaultName: resourceName('backup', 'local', 'vault'),
  planName: resourceName('rds', 'local', 'backup-plan'),
};

async function seed(): Promise<void> {
  const config = clientConfig(e2eEnv());
  const ssm = new SSMClient(config);
  const put = (name: Parameters<typeof parameterPath>[1], value: string) =>
    ssm.send(new PutParameterCommand({ Name: parameterPath('local', name), Value: value, Type: 'String', Overwrite: true }));
  await put('vpcId', 'vpc-123');
  await put('dbInstanceId', 'showcore-data-local-db');
  await put('redisReplicationGroupId', 'showcore-redis-local');
  await put('statusThresholds', JSON.stringify({ recoveryPointMaxAgeHours: 26, cacheSnapshotMaxAgeHours: 30, failedJobsLookbackDays: 7 }));
  const cw = new CloudWatchClient(config);
  for (const name of [...expected.alarmNames.slice(0, 2), resourceName('rds', 'prod', 'cpu-high')]) {
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: name,
        MetricName: 'CPUUtilization',
        Namespace: 'AWS/RDS',
        Statistic: 'Average',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 80,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    await cw.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: 'OK', StateReason: 'seeded OK' }));
  }
  await new RDSClient(config).send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'showcore-data-local-db',
      Engine: 'postgres',
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: 20,
      MasterUsername: 'showcore',
      MasterUserPassword: 'not-a-real-secret-1',
      PreferredBackupWindow: '03:00-04:00',
      BackupRetentionPeriod: 7,
    }),
  );
  const backup = new BackupClient(config);
  await backup.send(new CreateBackupVaultCommand({ BackupVaultName: expected.vaultName }));
  await backup.send(
    new CreateBackupPlanCommand({
      BackupPlan: {
        BackupPlanName: expected.planName,
        Rules: [{ RuleName: 'daily', TargetBackupVaultName: expected.vaultName, ScheduleExpression: 'cron(0 5 * * ? *)' }],
      },
    }),
  );
  const elastiCache = new ElastiCacheClient(config);
  await elastiCache.send(
    new CreateReplicationGroupCommand({
      ReplicationGroupId: 'showcore-redis-local',
      ReplicationGroupDescription: 'ShowCore Redis',
      Engine: 'redis',
      CacheNodeType: 'cache.t3.micro',
      NumCacheClusters: 1,
    }),
  );
  await elastiCache.send(new CreateSnapshotCommand({ ReplicationGroupId: 'showcore-redis-local', SnapshotName: 'showcore-redis-local-daily' }));
}

/** Real clients on the emulator, with the Backup APIs moto lacks answered by the mock. */
function clientsWith(options: { recoveryPointAgeHours?: number; failedJobs?: number; snapshotAgeHours?: number }): StatusClients {
  const real = statusClients(e2eEnv());
  const realBackup = new BackupClient(clientConfig(e2eEnv()));
  const backup = mockClient(real.backup);
  backup.on(ListBackupVaultsCommand).callsFake((input) => realBackup.send(new ListBackupVaultsCommand(input)));
  backup.on(ListBackupPlansCommand).callsFake((input) => realBackup.send(new ListBackupPlansCommand(input)));
  // Two pages of recovery points: the newest completed one is on the second page.
  const firstPage =
    options.recoveryPointAgeHours === undefined
      ? [{ RecoveryPointArn: 'arn:rp:failed', Status: 'EXPIRED' as const, CompletionDate: HOURS(50), ResourceType: 'RDS' }]
      : [{ RecoveryPointArn: 'arn:rp:old', Status: 'COMPLETED' as const, CompletionDate: HOURS(50), ResourceType: 'RDS' }];
  backup.on(ListRecoveryPointsByBackupVaultCommand, { NextToken: undefined }).resolves({ RecoveryPoints: firstPage, NextToken: 'page-2' });
  backup.on(ListRecoveryPointsByBackupVaultCommand, { NextToken: 'page-2' }).resolves({
    RecoveryPoints:
      options.recoveryPointAgeHours === undefined
        ? [{ RecoveryPointArn: 'arn:rp:partial', Status: 'PARTIAL', CompletionDate: HOURS(1), ResourceType: 'RDS' }]
        : [{ RecoveryPointArn: 'arn:rp:new', Status: 'COMPLETED', CompletionDate: HOURS(options.recoveryPointAgeHours), ResourceType: 'RDS' }],
  });
  backup.on(ListBackupJobsCommand).callsFake((input) =>
    Promise.resolve({
      BackupJobs:
        input.ByState === 'FAILED'
          ? Array.from({ length: options.failedJobs ?? 0 }, (_, i) => ({
              BackupJobId: `job-${i}`,
              State: 'FAILED',
              StatusMessage: 'Snapshot quota exceeded',
            }))
          : [],
    }),
  );
  if (options.snapshotAgeHours !== undefined) {
    mockClient(real.elastiCache)
      .on(DescribeSnapshotsCommand)
      .resolves({ Snapshots: [{ SnapshotName: 'old-daily', NodeSnapshots: [{ SnapshotCreateTime: HOURS(options.snapshotAgeHours) }] }] });
  }
  return real;
}

describe('ops status against the emulator', () => {
  beforeAll(async () => {
    await resetEmulator();
    await seed();
  });

  it('is healthy when every alarm is OK and the backups are fresh (exit 0)', async () => {
    const result = await status('local', {
      json: false,
      env: e2eEnv(),
      now: NOW,
      expected,
      clients: clientsWith({ recoveryPointAgeHours: 3, snapshotAgeHours: 5 }),
    });
    expect(result.output).toContain('Verdict: DEGRADED');
    // One alarm of `expected` was never created: drift makes it degraded, not healthy.
    expect(result.output).toContain(`MISSING           ${resourceName('s3', 'local', '5xx-errors')}`);
    expect(result.code).toBe(1);
    const complete = await status('local', {
      json: false,
      env: e2eEnv(),
      now: NOW,
      expected: { ...expected, alarmNames: expected.alarmNames.slice(0, 2) },
      clients: clientsWith({ recoveryPointAgeHours: 3, snapshotAgeHours: 5 }),
    });
    expect(complete.output).toContain('Verdict: HEALTHY');
    expect(complete.output).toContain('Cost allocation tags (Cost Explorer, us-east-1):\n  not checked locally (the emulator has no Cost Explorer)');
    expect(complete.output).not.toContain(resourceName('rds', 'prod', 'cpu-high'));
    expect(complete.output).toContain('newest RDS recovery point: 2026-11-23T09:00:00.000Z (3.0 h ago)');
    expect(complete.output).toContain('backup window 03:00-04:00');
    expect(complete.code).toBe(0);
  });

  it('is degraded when an alarm is in ALARM, listing it first (exit 1), and says so in JSON', async () => {
    const cw = new CloudWatchClient(clientConfig(e2eEnv()));
    const firing = resourceName('rds', 'local', 'cpu-high');
    await cw.send(new SetAlarmStateCommand({ AlarmName: firing, StateValue: 'ALARM', StateReason: 'Threshold crossed: 95 > 80' }));
    try {
      const result = await status('local', {
        json: true,
        env: e2eEnv(),
        now: NOW,
        expected: { ...expected, alarmNames: expected.alarmNames.slice(0, 2) },
        clients: clientsWith({ recoveryPointAgeHours: 3, failedJobs: 1, snapshotAgeHours: 5 }),
      });
      const json = JSON.parse(result.output);
      expect(json.verdict).toBe('degraded');
      expect(json.alarms[0]).toMatchObject({ name: firing, state: 'ALARM', reason: 'Threshold crossed: 95 > 80' });
      expect(json.reasons).toEqual([`1 failed/aborted backup job(s) in the last 7 days`, `1 alarm(s) in ALARM: ${firing}`]);
      expect(result.code).toBe(1);
      // moto has no Cost Explorer tag API: reported as not checked, not judged.
      expect(json.costAllocationTags).toEqual({ check: 'not-emulated', reason: 'not checked locally (the emulator has no Cost Explorer)' });
    } finally {
      await cw.send(new SetAlarmStateCommand({ AlarmName: firing, StateValue: 'OK', StateReason: 'reset' }));
    }
  });

  it('is failing when the newest recovery point is stale or missing, or the cache snapshot is stale (exit 2)', async () => {
    const staleRp = await status('local', {
      json: false,
      env: e2eEnv(),
      now: NOW,
      expected,
      clients: clientsWith({ recoveryPointAgeHours: 27, snapshotAgeHours: 5 }),
    });
    expect(staleRp.output).toContain('newest RDS recovery point is 27.0 h old (limit 26 h)');
    expect(staleRp.code).toBe(2);
    const none = await status('local', { json: true, env: e2eEnv(), now: NOW, expected, clients: clientsWith({ snapshotAgeHours: 5 }) });
    expect(JSON.parse(none.output).reasons).toContain('no completed RDS recovery point');
    expect(none.code).toBe(2);
    const staleCache = await status('local', {
      json: true,
      env: e2eEnv(),
      now: NOW,
      expected,
      clients: clientsWith({ recoveryPointAgeHours: 1, snapshotAgeHours: 31 }),
    });
    expect(JSON.parse(staleCache.output).reasons).toContain('newest ElastiCache snapshot is 31.0 h old (limit 30 h)');
    expect(staleCache.code).toBe(2);
  });

  it('queries ElastiCache snapshots by replication group (moto lists them without NodeSnapshots, so ages come from the mock above)', async () => {
    const listed = await new ElastiCacheClient(clientConfig(e2eEnv())).send(new DescribeSnapshotsCommand({ ReplicationGroupId: 'showcore-redis-local' }));
    expect(listed.Snapshots?.map((x) => x.SnapshotName)).toEqual(['showcore-redis-local-daily']);
    expect(listed.Snapshots?.[0].NodeSnapshots).toBeUndefined();
    const json = JSON.parse(
      (await status('local', { json: true, env: e2eEnv(), now: NOW, expected, clients: clientsWith({ recoveryPointAgeHours: 1 }) })).output,
    );
    expect(json.elastiCache.replicationGroupId).toBe('showcore-redis-local');
    expect(json.reasons).toContain('no ElastiCache snapshot of showcore-redis-local');
  });

  it('follows every page of DescribeAlarms (moto returns one page; the mock returns two)', async () => {
    const clients = clientsWith({ recoveryPointAgeHours: 1, snapshotAgeHours: 1 });
    const names = Array.from({ length: 150 }, (_, i) => resourceName('rds', 'local', `alarm-${i}`));
    mockClient(clients.cloudWatch)
      .on(DescribeAlarmsCommand, { NextToken: undefined })
      .resolves({ MetricAlarms: names.slice(0, 100).map((AlarmName) => ({ AlarmName, StateValue: 'OK' })), NextToken: 't2' })
      .on(DescribeAlarmsCommand, { NextToken: 't2' })
      .resolves({ MetricAlarms: names.slice(100).map((AlarmName) => ({ AlarmName, StateValue: 'OK' })) });
    const json = JSON.parse((await status('local', { json: true, env: e2eEnv(), now: NOW, expected: { ...expected, alarmNames: names }, clients })).output);
    expect(json.alarms).toHaveLength(150);
    expect(json.missingAlarms).toEqual([]);
  });

  it('says the environment was never deployed, naming the region (exit 3)', async () => {
    const result = await status('local', { json: false, env: { ...e2eEnv(), AWS_REGION: 'eu-west-3', AWS_DEFAULT_REGION: 'eu-west-3' }, now: NOW, expected });
    expect(result.code).toBe(3);
    expect(result.output).toContain(
      'Environment "local" has no ShowCore parameters in region eu-west-3: it was never deployed there, or this is the wrong region/account.',
    );
  });

  it('explains throttling that outlasts the retries, without a stack trace (exit 3)', async () => {
    const clients = clientsWith({ recoveryPointAgeHours: 1 });
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    mockClient(clients.cloudWatch).on(DescribeAlarmsCommand).rejects(throttled);
    const result = await status('local', { json: false, env: e2eEnv(), now: NOW, expected, clients });
    expect(result.code).toBe(3);
    expect(result.output).toBe('Could not check local: AWS throttled the requests even after retries with backoff (Rate exceeded). Try again in a minute.');
  });

  it('says when there are no credentials (exit 3)', async () => {
    const env = { ...e2eEnv() };
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    const result = await status('dev', {
      json: false,
      env: {
        PATH: env.PATH,
        AWS_REGION: 'us-east-1',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_EC2_METADATA_DISABLED: 'true',
      },
      now: NOW,
      expected,
    });
    expect(result.code).toBe(3);
    expect(result.output).toMatch(/^Could not check dev: No AWS credentials/);
  });
});

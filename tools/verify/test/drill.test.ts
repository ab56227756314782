import {
  CreateReplicationGroupCommand,
  CreateSnapshotCommand,
  DeleteReplicationGroupCommand,
  DeleteSnapshotCommand,
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  DescribeSnapshotsCommand,
} from '@aws-sdk/client-elasticache';
import {
  CreateDBSnapshotCommand,
  DeleteDBInstanceCommand,
  DeleteDBSnapshotCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
} from '@aws-sdk/client-rds';
import { creatableEngineVersion, drillIdentifier, duration, elastiCacheRestoreDrill, rdsRestoreDrill } from '../drill';
import { awsError as notFound, drillHarness, drillOptions, elasticache, FAILED, rds } from './restore-drill/harness';

const deps = drillHarness;
const options = drillOptions('20261124-a1b2c3', 10_000);

describe('durations in messages', () => {
  it('seconds under two minutes, minutes from there', () => {
    expect(duration(20_000)).toBe('20 s');
    expect(duration(60_000)).toBe('60 s');
    expect(duration(120_000)).toBe('2 min');
    expect(duration(90 * 60_000)).toBe('90 min');
  });
});

describe('engine versions for the create call', () => {
  it('Redis 6 and later as major.minor, earlier ones whole, anything unparsed as it came', () => {
    expect(creatableEngineVersion('7.1.0')).toBe('7.1');
    expect(creatableEngineVersion('6.2.6')).toBe('6.2');
    expect(creatableEngineVersion('7.1')).toBe('7.1');
    expect(creatableEngineVersion('5.0.6')).toBe('5.0.6');
    expect(creatableEngineVersion(undefined)).toBeUndefined();
    expect(creatableEngineVersion('latest')).toBe('latest');
  });
});

describe('drill identifiers', () => {
  it('fit RDS (63) and ElastiCache (40) limits, or say what to do', () => {
    expect(drillIdentifier('staging', '20261124-a1b2c3', 40)).toBe('showcore-drill-staging-20261124-a1b2c3');
    expect(() => drillIdentifier('staging', '20261124-a1b2c3-much-longer', 40)).toThrow(/at most 40 characters\): use a shorter run id/);
    expect(() => drillIdentifier('dev', 'bad--id', 63)).toThrow(/single hyphens/);
  });
});

describe('RDS restore drill', () => {
  function source() {
    rds.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'showcore-rds-staging-postgres' }).resolves({
      DBInstances: [
        {
          DBInstanceIdentifier: 'showcore-rds-staging-postgres',
          DBInstanceClass: 'db.t3.micro',
          DBSubnetGroup: { DBSubnetGroupName: 'showcore-rds-staging-subnets' },
          VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-rds' }],
          DBParameterGroups: [{ DBParameterGroupName: 'showcore-rds-staging-params' }],
          CACertificateIdentifier: 'rds-ca-rsa2048-g1',
          IAMDatabaseAuthenticationEnabled: true,
        },
      ],
    });
    rds.on(CreateDBSnapshotCommand).resolves({});
    rds
      .on(DescribeDBSnapshotsCommand)
      .resolvesOnce({ DBSnapshots: [{ Status: 'creating' }] })
      .resolves({ DBSnapshots: [{ Status: 'available' }] });
    rds.on(RestoreDBInstanceFromDBSnapshotCommand).resolves({});
    rds.on(DeleteDBInstanceCommand).resolves({});
    rds.on(DeleteDBSnapshotCommand).resolves({});
  }
  const copy = 'showcore-drill-staging-20261124-a1b2c3';
  function restoredThenGone() {
    rds
      .on(DescribeDBInstancesCommand, { DBInstanceIdentifier: copy })
      .resolvesOnce({ DBInstances: [{ DBInstanceStatus: 'creating' }] })
      .resolvesOnce({ DBInstances: [{ DBInstanceStatus: 'available', Endpoint: { Address: 'copy.rds.internal', Port: 5432 } }] })
      .resolvesOnce({ DBInstances: [{ DBInstanceStatus: 'deleting' }] })
      .rejects(notFound('DBInstanceNotFoundFault'));
  }

  it("snapshot → restore with the source's network and parameters → probe the copy → delete copy and snapshot", async () => {
    source();
    restoredThenGone();
    const { d, probed } = deps();
    const result = await rdsRestoreDrill(d, options, 'showcore-rds-staging-postgres');

    expect(rds.commandCalls(CreateDBSnapshotCommand)[0].args[0].input).toMatchObject({
      DBSnapshotIdentifier: copy,
      DBInstanceIdentifier: 'showcore-rds-staging-postgres',
    });
    expect(rds.commandCalls(RestoreDBInstanceFromDBSnapshotCommand)[0].args[0].input).toMatchObject({
      DBInstanceIdentifier: copy,
      DBSnapshotIdentifier: copy,
      DBInstanceClass: 'db.t3.micro',
      DBSubnetGroupName: 'showcore-rds-staging-subnets',
      VpcSecurityGroupIds: ['sg-rds'],
      DBParameterGroupName: 'showcore-rds-staging-params',
      PubliclyAccessible: false,
      MultiAZ: false,
      DeletionProtection: false,
      CACertificateIdentifier: 'rds-ca-rsa2048-g1',
      // The probe logs in as the IAM probe user the snapshot carries.
      EnableIAMDatabaseAuthentication: true,
      Tags: expect.arrayContaining([
        { Key: 'showcore:purpose', Value: 'restore-drill' },
        { Key: 'Environment', Value: 'Staging' },
        { Key: 'Tier', Value: 'ops' },
      ]),
    });
    expect(probed).toEqual([{ kind: 'postgres', target: { host: 'copy.rds.internal', port: 5432 } }]);
    expect(rds.commandCalls(DeleteDBInstanceCommand)[0].args[0].input).toEqual({
      DBInstanceIdentifier: copy,
      SkipFinalSnapshot: true,
      DeleteAutomatedBackups: true,
    });
    expect(rds.commandCalls(DeleteDBSnapshotCommand)[0].args[0].input).toEqual({ DBSnapshotIdentifier: copy });
    expect(result.restoreSeconds).toBe(10); // 'creating' once, then one poll interval of the fake clock
    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'deleted', problems: [] });
    expect(result.passed).toBe(true);
  });

  it('a failing probe fails the drill and still deletes the copy and the snapshot', async () => {
    source();
    restoredThenGone();
    const result = await rdsRestoreDrill(deps(FAILED).d, options, 'showcore-rds-staging-postgres');
    expect(result.passed).toBe(false);
    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'deleted', problems: [] });
  });

  it('a probe that throws is recorded and cleaned up after', async () => {
    source();
    restoredThenGone();
    const result = await rdsRestoreDrill(deps(new Error('instance lost')).d, options, 'showcore-rds-staging-postgres');
    expect(result.steps.find((s) => !s.ok)).toMatchObject({ step: 'PostgreSQL probe against the copy', detail: 'instance lost' });
    expect(rds.commandCalls(DeleteDBInstanceCommand)).toHaveLength(1);
    expect(result.passed).toBe(false);
  });

  it('a restore that never becomes available times out with where to look, and the copy is deleted', async () => {
    source();
    rds.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: copy }).resolves({ DBInstances: [{ DBInstanceStatus: 'creating' }] });
    rds.on(DeleteDBInstanceCommand).callsFake(() => {
      rds.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: copy }).rejects(notFound('DBInstanceNotFoundFault'));
      return {};
    });
    const { d, probed } = deps();
    const result = await rdsRestoreDrill(d, options, 'showcore-rds-staging-postgres');
    expect(result.steps.find((s) => !s.ok)?.detail).toMatch(new RegExp(`The restored instance ${copy} did not finish within 2 min\\. Check its events`));
    expect(probed).toEqual([]);
    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'deleted', problems: [] });
    expect(result.passed).toBe(false);
  });

  it('a snapshot that fails: no restore, the snapshot is deleted', async () => {
    source();
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ Status: 'failed' }] });
    const result = await rdsRestoreDrill(deps().d, options, 'showcore-rds-staging-postgres');
    expect(rds.commandCalls(RestoreDBInstanceFromDBSnapshotCommand)).toHaveLength(0);
    expect(rds.commandCalls(DeleteDBInstanceCommand)).toHaveLength(0);
    expect(result.cleanup.snapshot).toBe('deleted');
    expect(result.passed).toBe(false);
  });

  it('--keep-snapshots keeps the snapshot; a deletion that fails is reported with the command to finish it', async () => {
    source();
    restoredThenGone();
    const kept = await rdsRestoreDrill(deps().d, { ...options, keepSnapshots: true }, 'showcore-rds-staging-postgres');
    expect(kept.cleanup.snapshot).toBe('kept');
    expect(rds.commandCalls(DeleteDBSnapshotCommand)).toHaveLength(0);
    expect(kept.passed).toBe(true);

    rds.reset();
    source();
    restoredThenGone();
    rds.on(DeleteDBSnapshotCommand).rejects(new Error('InvalidDBSnapshotState'));
    const failed = await rdsRestoreDrill(deps().d, options, 'showcore-rds-staging-postgres');
    expect(failed.cleanup.problems).toEqual([expect.stringContaining(`aws rds delete-db-snapshot --db-snapshot-identifier ${copy}`)]);
    expect(failed.passed).toBe(false);
  });
});

describe('ElastiCache restore drill', () => {
  const copy = 'showcore-drill-staging-20261124-a1b2c3';
  function source() {
    elasticache.on(DescribeReplicationGroupsCommand, { ReplicationGroupId: 'showcore-redis-staging' }).resolves({
      ReplicationGroups: [
        {
          MemberClusters: ['showcore-redis-staging-001', 'showcore-redis-staging-002'],
          CacheNodeType: 'cache.t3.micro',
          TransitEncryptionEnabled: true,
          AtRestEncryptionEnabled: true,
          KmsKeyId: 'arn:aws:kms:key',
          UserGroupIds: ['showcore-redis-staging-users'],
        },
      ],
    });
    elasticache.on(DescribeCacheClustersCommand).resolves({
      CacheClusters: [
        {
          Engine: 'redis',
          EngineVersion: '7.1.0',
          CacheSubnetGroupName: 'showcore-redis-staging-subnets',
          SecurityGroups: [{ SecurityGroupId: 'sg-redis' }],
          CacheParameterGroup: { CacheParameterGroupName: 'showcore-redis-staging-params' },
        },
      ],
    });
    elasticache.on(CreateSnapshotCommand).resolves({});
    elasticache
      .on(DescribeSnapshotsCommand)
      .resolvesOnce({ Snapshots: [{ SnapshotStatus: 'creating' }] })
      .resolves({ Snapshots: [{ SnapshotStatus: 'available' }] });
    elasticache.on(CreateReplicationGroupCommand).resolves({});
    elasticache.on(DeleteReplicationGroupCommand).resolves({});
    elasticache.on(DeleteSnapshotCommand).resolves({});
    elasticache
      .on(DescribeReplicationGroupsCommand, { ReplicationGroupId: copy })
      .resolvesOnce({ ReplicationGroups: [{ Status: 'creating' }] })
      .resolvesOnce({ ReplicationGroups: [{ Status: 'available', NodeGroups: [{ PrimaryEndpoint: { Address: 'copy.cache.internal', Port: 6379 } }] }] })
      .rejects(notFound('ReplicationGroupNotFoundFault'));
  }

  it("snapshot of a replica → one-node group with the source's network and encryption → probe → delete both", async () => {
    source();
    const { d, probed } = deps();
    const result = await elastiCacheRestoreDrill(d, options, 'showcore-redis-staging');
    expect(elasticache.commandCalls(CreateSnapshotCommand)[0].args[0].input).toMatchObject({
      CacheClusterId: 'showcore-redis-staging-002',
      SnapshotName: copy,
    });
    expect(elasticache.commandCalls(CreateReplicationGroupCommand)[0].args[0].input).toMatchObject({
      ReplicationGroupId: copy,
      SnapshotName: copy,
      Engine: 'redis',
      EngineVersion: '7.1',
      CacheNodeType: 'cache.t3.micro',
      NumCacheClusters: 1,
      CacheSubnetGroupName: 'showcore-redis-staging-subnets',
      SecurityGroupIds: ['sg-redis'],
      CacheParameterGroupName: 'showcore-redis-staging-params',
      TransitEncryptionEnabled: true,
      AtRestEncryptionEnabled: true,
      KmsKeyId: 'arn:aws:kms:key',
      // RBAC on the copy too: the probe logs in as the IAM probe user of the source's user group.
      UserGroupIds: ['showcore-redis-staging-users'],
    });
    // The probe's IAM token is signed for the copy's replication group.
    expect(probed).toEqual([{ kind: 'redis', target: { host: 'copy.cache.internal', port: 6379, replicationGroupId: copy } }]);
    expect(elasticache.commandCalls(DeleteReplicationGroupCommand)[0].args[0].input).toEqual({ ReplicationGroupId: copy, RetainPrimaryCluster: false });
    expect(elasticache.commandCalls(DeleteSnapshotCommand)[0].args[0].input).toEqual({ SnapshotName: copy });
    expect(result.passed).toBe(true);
  });

  it('a failing probe still deletes the group and the snapshot', async () => {
    source();
    const result = await elastiCacheRestoreDrill(deps(FAILED).d, options, 'showcore-redis-staging');
    expect(result.passed).toBe(false);
    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'deleted', problems: [] });
  });

  it('a group that fails to create is deleted and the failure named', async () => {
    source();
    elasticache
      .on(DescribeReplicationGroupsCommand, { ReplicationGroupId: copy })
      .resolvesOnce({ ReplicationGroups: [{ Status: 'create-failed' }] })
      .rejects(notFound('ReplicationGroupNotFoundFault'));
    const { d, probed } = deps();
    const result = await elastiCacheRestoreDrill(d, options, 'showcore-redis-staging');
    expect(result.steps.find((s) => !s.ok)?.detail).toMatch(/creation failed\. Check its events/);
    expect(probed).toEqual([]);
    expect(elasticache.commandCalls(DeleteReplicationGroupCommand)).toHaveLength(1);
    expect(result.cleanup.copyDeleted).toBe(true);
  });

  it('a group that will not go away is reported with the command to delete it', async () => {
    source();
    elasticache
      .on(DescribeReplicationGroupsCommand, { ReplicationGroupId: copy })
      .resolves({ ReplicationGroups: [{ Status: 'available', NodeGroups: [{ PrimaryEndpoint: { Address: 'copy', Port: 6379 } }] }] });
    const result = await elastiCacheRestoreDrill(deps().d, options, 'showcore-redis-staging');
    expect(result.cleanup.copyDeleted).toBe(false);
    expect(result.cleanup.problems).toEqual([expect.stringContaining(`aws elasticache delete-replication-group --replication-group-id ${copy}`)]);
    expect(result.passed).toBe(false);
  });
});

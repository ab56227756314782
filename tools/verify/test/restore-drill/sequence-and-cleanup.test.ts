/**
 * The restore drill (tools/verify/drill/, tasks.md 15.1–15.2) beyond the happy paths of ../drill.test.ts: the exact
 * order of API calls (the probe runs between "copy available" and "delete the copy"), the drill tags on everything
 * it creates, and the clean-up on every ElastiCache exit path (wait timeouts, a probe that throws, --keep-snapshots)
 * and on the RDS paths that test does not take (no source, a snapshot that never finishes, a rejected restore, a
 * copy that will not go away). A fake clock advanced by the fake sleep: nothing here waits for real.
 */
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
import { ENVIRONMENTS } from '@showcore/naming';
import { drillIdentifier, elastiCacheRestoreDrill, rdsRestoreDrill } from '../../drill';
import { awsError as notFound, callNames as names, drillHarness, drillOptions, elasticache, rds, type Recorded } from './harness';

const RUN_ID = '1124-a1b2';
const COPY = `showcore-drill-staging-${RUN_ID}`;
const options = drillOptions(RUN_ID, 15_000);
const harness = (stub: Recorded, probe?: Parameters<typeof drillHarness>[0]) => drillHarness(probe, stub);

const tagsOf = (input: unknown) => (input as { Tags?: { Key?: string; Value?: string }[] }).Tags ?? [];

describe('ElastiCache drill: sequence, tags and clean-up', () => {
  const SOURCE = 'showcore-redis-staging';
  function source() {
    elasticache.on(DescribeReplicationGroupsCommand, { ReplicationGroupId: SOURCE }).resolves({
      ReplicationGroups: [{ MemberClusters: [`${SOURCE}-001`, `${SOURCE}-002`], CacheNodeType: 'cache.t4g.small', TransitEncryptionEnabled: true, AtRestEncryptionEnabled: true, KmsKeyId: 'arn:aws:kms:eu-west-1:1:key/k' }],
    });
    elasticache.on(DescribeCacheClustersCommand, { CacheClusterId: `${SOURCE}-002` }).resolves({
      CacheClusters: [{ Engine: 'redis', EngineVersion: '7.1.0', CacheSubnetGroupName: 'showcore-redis-staging-subnets', SecurityGroups: [{ SecurityGroupId: 'sg-redis' }] }],
    });
    elasticache.on(CreateSnapshotCommand).resolves({});
    elasticache.on(DescribeSnapshotsCommand).resolvesOnce({ Snapshots: [{ SnapshotStatus: 'creating' }] }).resolves({ Snapshots: [{ SnapshotStatus: 'available' }] });
    elasticache.on(CreateReplicationGroupCommand).resolves({});
    elasticache.on(DeleteReplicationGroupCommand).resolves({});
    elasticache.on(DeleteSnapshotCommand).resolves({});
  }
  function copyAvailableThenGone() {
    elasticache
      .on(DescribeReplicationGroupsCommand, { ReplicationGroupId: COPY })
      .resolvesOnce({ ReplicationGroups: [{ Status: 'creating' }] })
      .resolvesOnce({ ReplicationGroups: [{ Status: 'available', NodeGroups: [{ PrimaryEndpoint: { Address: 'master.copy.cache', Port: 6379 } }] }] })
      .resolvesOnce({ ReplicationGroups: [{ Status: 'deleting' }] })
      .rejects(notFound('ReplicationGroupNotFoundFault'));
  }

  it('calls the API in order, probes only the available copy, then deletes the copy before the snapshot', async () => {
    source();
    copyAvailableThenGone();
    const { d, journal } = harness(elasticache);
    const result = await elastiCacheRestoreDrill(d, options, SOURCE);

    expect(journal()).toEqual([
      'DescribeReplicationGroups',
      'DescribeCacheClusters',
      'CreateSnapshot',
      'DescribeSnapshots',
      'DescribeSnapshots',
      'CreateReplicationGroup',
      'DescribeReplicationGroups',
      'DescribeReplicationGroups',
      'probe redis master.copy.cache:6379',
      'DeleteReplicationGroup',
      'DescribeReplicationGroups',
      'DescribeReplicationGroups',
      'DeleteSnapshot',
    ]);
    expect(elasticache.commandCalls(DescribeSnapshotsCommand).map((c) => c.args[0].input)).toEqual([{ SnapshotName: COPY }, { SnapshotName: COPY }]);
    expect(result.restoreSeconds).toBe(15); // one poll interval of the fake clock between create and available
    expect(result.passed).toBe(true);
  });

  it('tags the snapshot and the copy as a drill of this environment and run', async () => {
    source();
    copyAvailableThenGone();
    await elastiCacheRestoreDrill(harness(elasticache).d, options, SOURCE);
    const expected = [
      { Key: 'Environment', Value: 'Staging' }, { Key: 'Project', Value: 'ShowCore' }, { Key: 'ManagedBy', Value: 'ops:restore-drill' },
      { Key: 'showcore:purpose', Value: 'restore-drill' },
      { Key: 'showcore:run-id', Value: RUN_ID },
    ];
    expect(tagsOf(elasticache.commandCalls(CreateSnapshotCommand)[0].args[0].input)).toEqual(expect.arrayContaining(expected));
    expect(tagsOf(elasticache.commandCalls(CreateReplicationGroupCommand)[0].args[0].input)).toEqual(expect.arrayContaining(expected));
  });

  it('one node, no failover, and only the source\'s settings in the create call', async () => {
    source();
    copyAvailableThenGone();
    await elastiCacheRestoreDrill(harness(elasticache).d, options, SOURCE);
    const input = elasticache.commandCalls(CreateReplicationGroupCommand)[0].args[0].input;
    expect(input).toMatchObject({ NumCacheClusters: 1, AutomaticFailoverEnabled: false, CacheNodeType: 'cache.t4g.small', EngineVersion: '7.1', SecurityGroupIds: ['sg-redis'] });
    // A one-node group: no replicas, shards or Multi-AZ asked for.
    expect(input).not.toHaveProperty('ReplicasPerNodeGroup');
    expect(input).not.toHaveProperty('NumNodeGroups');
    expect(input.MultiAZEnabled).not.toBe(true);
  });

  it('a snapshot that never becomes available: named with where to look, no group created, the snapshot deleted', async () => {
    source();
    elasticache.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotStatus: 'creating' }] });
    const { d, journal, clock } = harness(elasticache);
    const result = await elastiCacheRestoreDrill(d, options, SOURCE);

    const failed = result.steps.find((s) => !s.ok);
    expect(failed?.step).toBe('snapshot available');
    expect(failed?.detail).toBe(
      `Snapshot ${COPY} did not finish within 60 s. Check the ElastiCache events of ${SOURCE}-002 (aws elasticache describe-events --source-identifier ${SOURCE}-002 --source-type cache-cluster).`,
    );
    expect(journal()).not.toContain('CreateReplicationGroup');
    expect(journal()).not.toContain('DeleteReplicationGroup');
    expect(journal().at(-1)).toBe('DeleteSnapshot');
    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'deleted', problems: [] });
    expect(result.passed).toBe(false);
    expect(clock()).toBe(60_000); // the fake clock ran out exactly at the snapshot timeout: no real waiting
  });

  it('a group that never becomes available: timeout named, never probed, the group deleted and waited for, the snapshot deleted', async () => {
    source();
    elasticache.on(DescribeReplicationGroupsCommand, { ReplicationGroupId: COPY }).resolves({ ReplicationGroups: [{ Status: 'creating' }] });
    elasticache.on(DeleteReplicationGroupCommand).callsFake(() => {
      elasticache.on(DescribeReplicationGroupsCommand, { ReplicationGroupId: COPY }).rejects(notFound('ReplicationGroupNotFoundFault'));
      return {};
    });
    const { d, journal } = harness(elasticache);
    const result = await elastiCacheRestoreDrill(d, options, SOURCE);

    expect(result.steps.find((s) => !s.ok)?.detail).toMatch(new RegExp(`^The replication group ${COPY} did not finish within 2 min\\. Check its events`));
    expect(journal().some((e) => e.startsWith('probe'))).toBe(false);
    expect(result.probe).toBeUndefined();
    expect(result.restoreSeconds).toBeUndefined();
    expect(journal().slice(-3)).toEqual(['DeleteReplicationGroup', 'DescribeReplicationGroups', 'DeleteSnapshot']);
    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'deleted', problems: [] });
    expect(result.passed).toBe(false);
  });

  it('a group still creating when the wait gives up: its deletion is refused, asked again until accepted, then the snapshot', async () => {
    source();
    elasticache.on(DescribeReplicationGroupsCommand, { ReplicationGroupId: COPY }).resolves({ ReplicationGroups: [{ Status: 'creating' }] });
    const busy = () => Object.assign(new Error('Replication group must be in available state'), { name: 'InvalidReplicationGroupStateFault' });
    elasticache
      .on(DeleteReplicationGroupCommand)
      .rejectsOnce(busy())
      .rejectsOnce(busy())
      .callsFake(() => {
        elasticache.on(DescribeReplicationGroupsCommand, { ReplicationGroupId: COPY }).rejects(notFound('ReplicationGroupNotFoundFault'));
        return {};
      });
    const { d, journal, clock } = harness(elasticache);
    const result = await elastiCacheRestoreDrill(d, options, SOURCE);
    expect(journal().slice(-5)).toEqual(['DeleteReplicationGroup', 'DeleteReplicationGroup', 'DeleteReplicationGroup', 'DescribeReplicationGroups', 'DeleteSnapshot']);
    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'deleted', problems: [] });
    expect(clock()).toBeGreaterThanOrEqual(120_000 + 2 * options.pollMs);
  });

  it('a group that stays busy: reported with the command to delete it by hand, the snapshot still deleted', async () => {
    source();
    elasticache.on(DescribeReplicationGroupsCommand, { ReplicationGroupId: COPY }).resolves({ ReplicationGroups: [{ Status: 'creating' }] });
    elasticache.on(DeleteReplicationGroupCommand).rejects(Object.assign(new Error('not available'), { name: 'InvalidReplicationGroupStateFault' }));
    const result = await elastiCacheRestoreDrill(harness(elasticache).d, options, SOURCE);
    expect(result.cleanup.copyDeleted).toBe(false);
    expect(result.cleanup.problems).toEqual([
      expect.stringMatching(new RegExp(`^Deleting ${COPY} was still refused after 2 min \\(not available\\)\\. Delete it by hand: aws elasticache delete-replication-group --replication-group-id ${COPY}`)),
    ]);
    expect(result.cleanup.snapshot).toBe('deleted');
    expect(result.passed).toBe(false);
  });

  it('a probe that throws is recorded, and the group and the snapshot are still deleted', async () => {
    source();
    copyAvailableThenGone();
    const { d, journal } = harness(elasticache, new Error('The probe function showcore-verify-staging-probe did not answer within 75 s'));
    const result = await elastiCacheRestoreDrill(d, options, SOURCE);
    expect(result.steps.find((s) => !s.ok)).toMatchObject({ step: 'Redis probe against the copy', detail: 'The probe function showcore-verify-staging-probe did not answer within 75 s' });
    expect(journal().slice(-4)).toEqual(['DeleteReplicationGroup', 'DescribeReplicationGroups', 'DescribeReplicationGroups', 'DeleteSnapshot']);
    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'deleted', problems: [] });
    expect(result.passed).toBe(false);
  });

  it('--keep-snapshots keeps the snapshot but never the group', async () => {
    source();
    copyAvailableThenGone();
    const result = await elastiCacheRestoreDrill(harness(elasticache).d, { ...options, keepSnapshots: true }, SOURCE);
    expect(elasticache.commandCalls(DeleteSnapshotCommand)).toHaveLength(0);
    expect(elasticache.commandCalls(DeleteReplicationGroupCommand)).toHaveLength(1);
    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'kept', problems: [] });
    expect(result.passed).toBe(true);
  });

  it('a source without member clusters creates nothing and deletes nothing', async () => {
    elasticache.on(DescribeReplicationGroupsCommand, { ReplicationGroupId: SOURCE }).resolves({ ReplicationGroups: [] });
    const result = await elastiCacheRestoreDrill(harness(elasticache).d, options, SOURCE);
    expect(names(elasticache)).toEqual(['DescribeReplicationGroups']);
    expect(result.steps.find((s) => !s.ok)?.detail).toBe(`No replication group ${SOURCE} with member clusters.`);
    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'not created', problems: [] });
    expect(result.passed).toBe(false);
  });
});

describe('drill identifiers and the 40-character replication group limit', () => {
  it('the CLI\'s run id (MMDD-xxxx) fits 40 characters in every environment', () => {
    for (const environment of ENVIRONMENTS) {
      const id = drillIdentifier(environment, '1231-ffff', 40);
      expect(id).toBe(`showcore-drill-${environment}-1231-ffff`);
      expect(id.length).toBeLessThanOrEqual(40);
    }
  });

  it('exactly 40 is accepted, 41 is refused before any API call', async () => {
    // 'showcore-drill-staging-' is 23 characters: a 17-character run id makes 40.
    expect(drillIdentifier('staging', 'a'.repeat(17), 40)).toHaveLength(40);
    expect(() => drillIdentifier('staging', 'a'.repeat(18), 40)).toThrow(/at most 40 characters/);
    await expect(elastiCacheRestoreDrill(harness(elasticache).d, { ...options, runId: 'a'.repeat(18) }, 'showcore-redis-staging')).rejects.toThrow(/use a shorter run id/);
    expect(elasticache.calls()).toHaveLength(0);
  });

  it('RDS allows 63, and refuses identifiers RDS would reject', () => {
    expect(drillIdentifier('prod', 'a'.repeat(63 - 'showcore-drill-prod-'.length), 63)).toHaveLength(63);
    expect(() => drillIdentifier('prod', 'a'.repeat(64 - 'showcore-drill-prod-'.length), 63)).toThrow(/at most 63/);
    expect(() => drillIdentifier('prod', 'run-', 63)).toThrow(/not valid/); // may not end in a hyphen
    expect(() => drillIdentifier('prod', 'run_1', 63)).toThrow(/not valid/);
  });
});

describe('RDS drill: sequence, tags and the failure paths', () => {
  const SOURCE = 'showcore-rds-staging-postgres';
  function source() {
    rds.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: SOURCE }).resolves({
      DBInstances: [{ DBInstanceIdentifier: SOURCE, DBInstanceClass: 'db.t4g.small', DBSubnetGroup: { DBSubnetGroupName: 'showcore-rds-staging-subnets' }, VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-rds' }], PubliclyAccessible: false }],
    });
    rds.on(CreateDBSnapshotCommand).resolves({});
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ Status: 'available' }] });
    rds.on(RestoreDBInstanceFromDBSnapshotCommand).resolves({});
    rds.on(DeleteDBInstanceCommand).resolves({});
    rds.on(DeleteDBSnapshotCommand).resolves({});
  }
  function copyAvailableThenGone() {
    rds
      .on(DescribeDBInstancesCommand, { DBInstanceIdentifier: COPY })
      .resolvesOnce({ DBInstances: [{ DBInstanceStatus: 'available', Endpoint: { Address: 'copy.rds.internal', Port: 5432 } }] })
      .rejects(notFound('DBInstanceNotFoundFault'));
  }

  it('calls the API in order and probes the copy between restore and delete', async () => {
    source();
    copyAvailableThenGone();
    const { d, journal } = harness(rds);
    const result = await rdsRestoreDrill(d, options, SOURCE);
    expect(journal()).toEqual([
      'DescribeDBInstances',
      'CreateDBSnapshot',
      'DescribeDBSnapshots',
      'RestoreDBInstanceFromDBSnapshot',
      'DescribeDBInstances',
      'probe postgres copy.rds.internal:5432',
      'DeleteDBInstance',
      'DescribeDBInstances',
      'DeleteDBSnapshot',
    ]);
    expect(rds.commandCalls(DescribeDBInstancesCommand).map((c) => c.args[0].input.DBInstanceIdentifier)).toEqual([SOURCE, COPY, COPY]);
    expect(result.passed).toBe(true);
  });

  it('tags the snapshot and the restored instance as a drill of this environment and run', async () => {
    source();
    copyAvailableThenGone();
    await rdsRestoreDrill(harness(rds).d, options, SOURCE);
    const expected = [
      { Key: 'Environment', Value: 'Staging' }, { Key: 'Project', Value: 'ShowCore' }, { Key: 'ManagedBy', Value: 'ops:restore-drill' },
      { Key: 'showcore:purpose', Value: 'restore-drill' },
      { Key: 'showcore:run-id', Value: RUN_ID },
    ];
    expect(tagsOf(rds.commandCalls(CreateDBSnapshotCommand)[0].args[0].input)).toEqual(expect.arrayContaining(expected));
    expect(tagsOf(rds.commandCalls(RestoreDBInstanceFromDBSnapshotCommand)[0].args[0].input)).toEqual(expect.arrayContaining(expected));
  });

  it('no source instance: named, nothing created, nothing deleted', async () => {
    rds.on(DescribeDBInstancesCommand).rejects(notFound('DBInstanceNotFoundFault'));
    const result = await rdsRestoreDrill(harness(rds).d, options, SOURCE);
    expect(names(rds)).toEqual(['DescribeDBInstances']);
    expect(result.steps).toEqual([expect.objectContaining({ step: 'describe the source instance', ok: false })]);
    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'not created', problems: [] });
    expect(result.passed).toBe(false);
  });

  it('a snapshot that never finishes: timeout with the events command, no restore, the snapshot deleted', async () => {
    source();
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ Status: 'creating' }] });
    const { d, journal } = harness(rds);
    const result = await rdsRestoreDrill(d, options, SOURCE);
    expect(result.steps.find((s) => !s.ok)?.detail).toBe(
      `Snapshot ${COPY} did not finish within 60 s. Check the RDS events of ${SOURCE} (aws rds describe-events --source-identifier ${COPY} --source-type db-snapshot).`,
    );
    expect(journal()).not.toContain('RestoreDBInstanceFromDBSnapshot');
    expect(journal()).not.toContain('DeleteDBInstance');
    expect(journal().at(-1)).toBe('DeleteDBSnapshot');
    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'deleted', problems: [] });
  });

  it('a snapshot still creating when the wait gives up: its deletion is asked again until RDS accepts it', async () => {
    source();
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ Status: 'creating' }] });
    rds
      .on(DeleteDBSnapshotCommand)
      .rejectsOnce(Object.assign(new Error('Cannot delete the snapshot because it is not available'), { name: 'InvalidDBSnapshotStateFault' }))
      .resolves({});
    const { d, journal } = harness(rds);
    const result = await rdsRestoreDrill(d, options, SOURCE);
    expect(journal().slice(-2)).toEqual(['DeleteDBSnapshot', 'DeleteDBSnapshot']);
    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'deleted', problems: [] });
  });

  it('a snapshot deletion refused for another reason is not retried: reported with the command', async () => {
    source();
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ Status: 'creating' }] });
    rds.on(DeleteDBSnapshotCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));
    const { d, journal } = harness(rds);
    const result = await rdsRestoreDrill(d, options, SOURCE);
    expect(journal().filter((e) => e === 'DeleteDBSnapshot')).toHaveLength(1);
    expect(result.cleanup.problems).toEqual([`Could not delete snapshot ${COPY} (not authorized): aws rds delete-db-snapshot --db-snapshot-identifier ${COPY}`]);
  });

  it('a restore the API rejects: the copy that never existed counts as deleted, the snapshot is deleted', async () => {
    source();
    rds.on(RestoreDBInstanceFromDBSnapshotCommand).rejects(Object.assign(new Error('The DB subnet group does not cover enough AZs'), { name: 'InvalidVPCNetworkStateFault' }));
    rds.on(DeleteDBInstanceCommand).rejects(notFound('DBInstanceNotFoundFault'));
    rds.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: COPY }).rejects(notFound('DBInstanceNotFoundFault'));
    const { d, journal } = harness(rds);
    const result = await rdsRestoreDrill(d, options, SOURCE);
    expect(result.steps.find((s) => !s.ok)).toMatchObject({ step: 'restore into a new instance', detail: 'The DB subnet group does not cover enough AZs' });
    expect(journal().some((e) => e.startsWith('probe'))).toBe(false);
    expect(journal().slice(-3)).toEqual(['DeleteDBInstance', 'DescribeDBInstances', 'DeleteDBSnapshot']);
    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'deleted', problems: [] });
    expect(result.passed).toBe(false);
  });

  it('a copy that will not go away: reported with the command to delete it by hand, the snapshot still deleted', async () => {
    source();
    rds.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: COPY }).resolves({ DBInstances: [{ DBInstanceStatus: 'available', Endpoint: { Address: 'copy.rds.internal', Port: 5432 } }] });
    const result = await rdsRestoreDrill(harness(rds).d, options, SOURCE);
    expect(result.cleanup.copyDeleted).toBe(false);
    expect(result.cleanup.problems).toEqual([
      `Deleting ${COPY} did not finish within 60 s. Delete it by hand: aws rds delete-db-instance --db-instance-identifier ${COPY} --skip-final-snapshot --delete-automated-backups`,
    ]);
    expect(result.cleanup.snapshot).toBe('deleted');
    expect(result.passed).toBe(false);
  });
});

/** The ElastiCache restore drill against recorded API calls: the order of calls, the tags, and every clean-up path. */
import {
  CreateReplicationGroupCommand,
  CreateSnapshotCommand,
  DeleteReplicationGroupCommand,
  DeleteSnapshotCommand,
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  DescribeSnapshotsCommand,
} from '@aws-sdk/client-elasticache';
import { elastiCacheRestoreDrill } from '../../drill';
import {
  awsError as notFound,
  callNames as names,
  elasticache,
  recordedHarness as harness,
  sequenceOptions as options,
  COPY,
  tagsOf,
  DRILL_RUN_TAGS,
} from './harness';

describe('ElastiCache drill: sequence, tags and clean-up', () => {
  const SOURCE = 'showcore-redis-staging';
  function source() {
    elasticache.on(DescribeReplicationGroupsCommand, { ReplicationGroupId: SOURCE }).resolves({
      ReplicationGroups: [
        {
          MemberClusters: [`${SOURCE}-001`, `${SOURCE}-002`],
          CacheNodeType: 'cache.t4g.small',
          TransitEncryptionEnabled: true,
          AtRestEncryptionEnabled: true,
          KmsKeyId: 'arn:aws:kms:eu-west-1:1:key/k',
        },
      ],
    });
    elasticache.on(DescribeCacheClustersCommand, { CacheClusterId: `${SOURCE}-002` }).resolves({
      CacheClusters: [
        { Engine: 'redis', EngineVersion: '7.1.0', CacheSubnetGroupName: 'showcore-redis-staging-subnets', SecurityGroups: [{ SecurityGroupId: 'sg-redis' }] },
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
    const expected = DRILL_RUN_TAGS;
    expect(tagsOf(elasticache.commandCalls(CreateSnapshotCommand)[0].args[0].input)).toEqual(expect.arrayContaining(expected));
    expect(tagsOf(elasticache.commandCalls(CreateReplicationGroupCommand)[0].args[0].input)).toEqual(expect.arrayContaining(expected));
  });

  it("one node, no failover, and only the source's settings in the create call", async () => {
    source();
    copyAvailableThenGone();
    await elastiCacheRestoreDrill(harness(elasticache).d, options, SOURCE);
    const input = elasticache.commandCalls(CreateReplicationGroupCommand)[0].args[0].input;
    expect(input).toMatchObject({
      NumCacheClusters: 1,
      AutomaticFailoverEnabled: false,
      CacheNodeType: 'cache.t4g.small',
      EngineVersion: '7.1',
      SecurityGroupIds: ['sg-redis'],
    });
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
    expect(journal().slice(-5)).toEqual([
      'DeleteReplicationGroup',
      'DeleteReplicationGroup',
      'DeleteReplicationGroup',
      'DescribeReplicationGroups',
      'DeleteSnapshot',
    ]);
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
      expect.stringMatching(
        new RegExp(
          `^Deleting ${COPY} was still refused after 2 min \\(not available\\)\\. Delete it by hand: aws elasticache delete-replication-group --replication-group-id ${COPY}`,
        ),
      ),
    ]);
    expect(result.cleanup.snapshot).toBe('deleted');
    expect(result.passed).toBe(false);
  });

  it('a probe that throws is recorded, and the group and the snapshot are still deleted', async () => {
    source();
    copyAvailableThenGone();
    const { d, journal } = harness(elasticache, new Error('The probe function showcore-verify-staging-probe did not answer within 75 s'));
    const result = await elastiCacheRestoreDrill(d, options, SOURCE);
    expect(result.steps.find((s) => !s.ok)).toMatchObject({
      step: 'Redis probe against the copy',
      detail: 'The probe function showcore-verify-staging-probe did not answer within 75 s',
    });
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

/** The restore drill of the Redis replication group: snapshot, create a copy from it, probe it, delete both. */
import {
  CreateReplicationGroupCommand,
  CreateSnapshotCommand,
  DeleteReplicationGroupCommand,
  DeleteSnapshotCommand,
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  DescribeSnapshotsCommand,
} from '@aws-sdk/client-elasticache';
import { outcomeSummary } from '../model';
import { cleanUp, errorNamed, finish, startDrill, waitFor, type DrillDeps, type DrillOptions, type DrillResult } from './runner';

/**
 * The engine version a create call accepts for what DescribeCacheClusters reports: Redis 6 and later take
 * `<major>.<minor>` (`7.1.0` is reported, `7.1` is asked for); earlier versions the full number (`5.0.6`).
 */
export function creatableEngineVersion(reported: string | undefined): string | undefined {
  const match = /^(\d+)\.(\d+)/.exec(reported ?? '');
  if (!match) return reported;
  return Number(match[1]) >= 6 ? `${match[1]}.${match[2]}` : reported;
}

/**
 * ElastiCache (tasks.md 15.2): snapshot of a node of the replication group, a new one-node group from it with the
 * source's node type, engine version, subnet group, security groups, parameter group and encryption, the Redis
 * probe against it, then the group and the snapshot deleted, whatever happened in between.
 */
export async function elastiCacheRestoreDrill(deps: DrillDeps, options: DrillOptions, replicationGroupId: string): Promise<DrillResult> {
  const { copy, result, step, now, tags } = startDrill('elasticache', replicationGroupId, 40, deps, options);
  let createStarted = false;
  try {
    const group = await step('describe the source replication group', async () => {
      const found = (await deps.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: replicationGroupId }))).ReplicationGroups?.[0];
      if (!found?.MemberClusters?.length) throw new Error(`No replication group ${replicationGroupId} with member clusters.`);
      return found;
    });
    // A replica when there is one: the snapshot's fork does not load the primary.
    const node = group.MemberClusters?.at(-1) as string;
    const cluster = await step('describe its node', async () => {
      const found = (await deps.elasticache.send(new DescribeCacheClustersCommand({ CacheClusterId: node }))).CacheClusters?.[0];
      if (!found) throw new Error(`No cache cluster ${node}.`);
      return found;
    });
    await step(
      'create a manual snapshot',
      () => deps.elasticache.send(new CreateSnapshotCommand({ CacheClusterId: node, SnapshotName: result.snapshot, Tags: tags })),
      () => `${result.snapshot} of ${node}`,
    );
    result.cleanup.snapshot = 'not deleted';
    await step('snapshot available', () =>
      waitFor(
        deps,
        options,
        `Snapshot ${result.snapshot}`,
        options.timeouts.snapshotMs,
        `Check the ElastiCache events of ${node} (aws elasticache describe-events --source-identifier ${node} --source-type cache-cluster).`,
        async () => (await deps.elasticache.send(new DescribeSnapshotsCommand({ SnapshotName: result.snapshot }))).Snapshots?.[0]?.SnapshotStatus,
        (status) => status === 'available',
        (status) => (status === 'failed' ? 'failed' : undefined),
      ),
    );
    const started = now();
    createStarted = true;
    await step('create a replication group from the snapshot', () =>
      deps.elasticache.send(
        new CreateReplicationGroupCommand({
          ReplicationGroupId: copy,
          ReplicationGroupDescription: `ShowCore restore drill ${options.runId} of ${replicationGroupId}`,
          SnapshotName: result.snapshot,
          Engine: cluster.Engine ?? 'redis',
          EngineVersion: creatableEngineVersion(cluster.EngineVersion),
          CacheNodeType: group.CacheNodeType ?? cluster.CacheNodeType,
          NumCacheClusters: 1,
          AutomaticFailoverEnabled: false,
          CacheSubnetGroupName: cluster.CacheSubnetGroupName,
          SecurityGroupIds: (cluster.SecurityGroups ?? []).map((g) => g.SecurityGroupId as string),
          CacheParameterGroupName: cluster.CacheParameterGroup?.CacheParameterGroupName,
          TransitEncryptionEnabled: group.TransitEncryptionEnabled,
          AtRestEncryptionEnabled: group.AtRestEncryptionEnabled,
          KmsKeyId: group.KmsKeyId,
          // RBAC: the source's user group (default user off, the IAM probe and application users) guards the copy too.
          ...(group.UserGroupIds?.length ? { UserGroupIds: group.UserGroupIds } : {}),
          Tags: tags,
        }),
      ),
    );
    const restored = await step('restored group available', () =>
      waitFor(
        deps,
        options,
        `The replication group ${copy}`,
        options.timeouts.restoreMs,
        `Check its events (aws elasticache describe-events --source-identifier ${copy} --source-type replication-group).`,
        async () => (await deps.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: copy }))).ReplicationGroups?.[0],
        (g) => g?.Status === 'available' && Boolean(g.NodeGroups?.[0]?.PrimaryEndpoint?.Address),
        (g) => (g?.Status === 'create-failed' ? 'creation failed' : undefined),
      ),
    );
    result.restoreSeconds = (now() - started) / 1000;
    const endpoint = restored?.NodeGroups?.[0]?.PrimaryEndpoint;
    result.probe = await step(
      'Redis probe against the copy',
      () => deps.probe('redis', { host: endpoint?.Address as string, port: endpoint?.Port ?? 6379, replicationGroupId: copy }),
      outcomeSummary,
    );
  } catch (error) {
    deps.log(`ElastiCache drill: ${(error as Error).message}`);
  } finally {
    await cleanUp(deps, options, result, step, createStarted, {
      copyNoun: 'restored group',
      deleteCopy: () => deps.elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: copy, RetainPrimaryCluster: false })),
      copyGone: () =>
        deps.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: copy })).then(
          () => false,
          (e) => (errorNamed(e, 'ReplicationGroupNotFoundFault') ? true : Promise.reject(e)),
        ),
      copyNotFound: (e) => errorNamed(e, 'ReplicationGroupNotFoundFault'),
      copyBusy: (e) => errorNamed(e, 'InvalidReplicationGroupStateFault', 'InvalidReplicationGroupState'),
      snapshotBusy: (e) => errorNamed(e, 'InvalidSnapshotStateFault', 'InvalidSnapshotState'),
      deleteCopyByHand: `aws elasticache delete-replication-group --replication-group-id ${copy} --no-retain-primary-cluster`,
      deleteSnapshot: () => deps.elasticache.send(new DeleteSnapshotCommand({ SnapshotName: result.snapshot })),
      deleteSnapshotByHand: `aws elasticache delete-snapshot --snapshot-name ${result.snapshot}`,
    });
  }
  return finish(result);
}

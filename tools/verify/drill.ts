import {
  CreateReplicationGroupCommand,
  CreateSnapshotCommand,
  DeleteReplicationGroupCommand,
  DeleteSnapshotCommand,
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  DescribeSnapshotsCommand,
  type ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import {
  CreateDBSnapshotCommand,
  DeleteDBInstanceCommand,
  DeleteDBSnapshotCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
  type RDSClient,
} from '@aws-sdk/client-rds';
import type { EnvironmentName } from '@showcore/naming';
import { sleep as abortableSleep } from './abort';
import { outcomePassed, outcomeSummary, type ProbeOutcome } from './model';
import { recordSteps, type StepRecord } from './steps';
import { toolResourceTags } from './tags';

export interface DrillTarget {
  readonly host: string;
  readonly port: number;
  /** The restored replication group (the probe's IAM token is signed for it). */
  readonly replicationGroupId?: string;
}

export interface DrillDeps {
  readonly rds: RDSClient;
  readonly elasticache: ElastiCacheClient;
  /** Runs the data probe against the restored copy (through the in-VPC probe function, in real use). */
  readonly probe: (kind: 'postgres' | 'redis', target: DrillTarget) => Promise<ProbeOutcome>;
  readonly log: (line: string) => void;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now?: () => number;
  readonly signal?: AbortSignal;
}

export interface DrillOptions {
  readonly environment: EnvironmentName;
  readonly runId: string;
  readonly keepSnapshots: boolean;
  readonly pollMs: number;
  /** Per wait: a snapshot, a restore, a deletion. */
  readonly timeouts: { readonly snapshotMs: number; readonly restoreMs: number; readonly deleteMs: number };
}

export interface DrillResult {
  readonly kind: 'rds' | 'elasticache';
  readonly source: string;
  readonly snapshot: string;
  readonly copy: string;
  readonly steps: StepRecord[];
  probe?: ProbeOutcome;
  /** Seconds from the restore call until the copy was available: the evidence for the runbook's recovery time. */
  restoreSeconds?: number;
  readonly cleanup: { copyDeleted: boolean; snapshot: 'deleted' | 'kept' | 'not created' | 'not deleted'; problems: string[] };
  passed: boolean;
}

const DRILL_TAGS = (environment: EnvironmentName, runId: string) =>
  toolResourceTags(environment, 'ops:restore-drill', [
    { Key: 'showcore:purpose', Value: 'restore-drill' },
    { Key: 'showcore:run-id', Value: runId },
  ]);

/** `showcore-drill-<env>-<run id>`: a valid RDS identifier (≤ 63) and ElastiCache group id (≤ 40), or an error. */
export function drillIdentifier(environment: EnvironmentName, runId: string, maxLength: number): string {
  const id = `showcore-drill-${environment}-${runId}`.toLowerCase();
  if (id.length > maxLength || !/^[a-z][a-z0-9-]*[a-z0-9]$/.test(id) || id.includes('--')) {
    throw new Error(`Drill identifier "${id}" is not valid here (letters, digits and single hyphens, at most ${maxLength} characters): use a shorter run id.`);
  }
  return id;
}

class WaitTimeout extends Error {}

/**
 * The engine version a create call accepts for what DescribeCacheClusters reports: Redis 6 and later take
 * `<major>.<minor>` (`7.1.0` is reported, `7.1` is asked for); earlier versions the full number (`5.0.6`).
 */
export function creatableEngineVersion(reported: string | undefined): string | undefined {
  const match = /^(\d+)\.(\d+)/.exec(reported ?? '');
  if (!match) return reported;
  return Number(match[1]) >= 6 ? `${match[1]}.${match[2]}` : reported;
}

/** `45 s`, `2 min`: minutes from two minutes up. */
export function duration(ms: number): string {
  return ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

/** Polls until `done` holds; `gone` (a not-found error) counts as done for deletions. */
async function waitFor<T>(
  deps: DrillDeps,
  options: DrillOptions,
  what: string,
  timeoutMs: number,
  hint: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  failed: (value: T) => string | undefined = () => undefined,
): Promise<T> {
  const now = deps.now ?? Date.now;
  const wait = deps.sleep ?? abortableSleep;
  const deadline = now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    const failure = failed(value);
    if (failure) throw new Error(`${what}: ${failure}. ${hint}`);
    if (now() >= deadline) throw new WaitTimeout(`${what} did not finish within ${duration(timeoutMs)}. ${hint}`);
    await wait(options.pollMs, deps.signal);
  }
}

/** True when the error's name is one of `names` (the SDK names errors by their fault). */
function errorNamed(error: unknown, ...names: string[]): boolean {
  const name = (error as { name?: string }).name ?? '';
  return names.includes(name);
}

function finish(result: DrillResult): DrillResult {
  result.passed =
    result.probe !== undefined &&
    outcomePassed(result.probe) &&
    result.cleanup.copyDeleted &&
    (result.cleanup.snapshot === 'deleted' || result.cleanup.snapshot === 'kept') &&
    result.cleanup.problems.length === 0;
  return result;
}

interface CleanUpActions {
  readonly copyNoun: string;
  deleteCopy(): Promise<unknown>;
  copyGone(): Promise<boolean>;
  copyNotFound(error: unknown): boolean;
  /** The API refuses to delete the copy in its current state (still creating, modifying, …): wait and ask again. */
  copyBusy(error: unknown): boolean;
  readonly deleteCopyByHand: string;
  deleteSnapshot(): Promise<unknown>;
  /** The API refuses to delete the snapshot in its current state (still creating): wait and ask again. */
  snapshotBusy(error: unknown): boolean;
  readonly deleteSnapshotByHand: string;
}

/**
 * Runs a delete, asking again while the API refuses it because the resource is busy (a copy or snapshot still being
 * created when a wait timed out or Ctrl-C came). Not abortable: clean-up runs to the end.
 */
async function deleteWhenNotBusy(deps: DrillDeps, options: DrillOptions, timeoutMs: number, what: string, remove: () => Promise<unknown>, busy: (error: unknown) => boolean): Promise<void> {
  const now = deps.now ?? Date.now;
  const wait = deps.sleep ?? abortableSleep;
  const deadline = now() + timeoutMs;
  for (;;) {
    try {
      await remove();
      return;
    } catch (error) {
      if (!busy(error)) throw error;
      if (now() >= deadline) throw new Error(`${what} was still refused after ${duration(timeoutMs)} (${(error as Error).message})`, { cause: error });
      await wait(options.pollMs);
    }
  }
}

/** Deletes the copy (waiting until it is gone) and the snapshot unless kept; records problems with the command to finish by hand. */
async function cleanUp(deps: DrillDeps, options: DrillOptions, result: DrillResult, step: ReturnType<typeof recordSteps>, copyStarted: boolean, actions: CleanUpActions): Promise<void> {
  if (copyStarted) {
    await step(`delete the ${actions.copyNoun}`, async () => {
      try {
        await deleteWhenNotBusy(deps, options, options.timeouts.restoreMs, `Deleting ${result.copy}`, () => actions.deleteCopy(), (e) => actions.copyBusy(e));
      } catch (error) {
        if (!actions.copyNotFound(error)) throw new Error(`${(error as Error).message}. Delete it by hand: ${actions.deleteCopyByHand}`, { cause: error });
      }
      // Not abortable: after Ctrl-C the copy is still deleted.
      await waitFor({ ...deps, signal: undefined }, options, `Deleting ${result.copy}`, options.timeouts.deleteMs, `Delete it by hand: ${actions.deleteCopyByHand}`, () => actions.copyGone(), (gone) => gone);
    }).then(
      () => (result.cleanup.copyDeleted = true),
      (error) => result.cleanup.problems.push((error as Error).message),
    );
  } else {
    result.cleanup.copyDeleted = true;
  }
  if (result.cleanup.snapshot !== 'not deleted') return;
  if (options.keepSnapshots) {
    result.cleanup.snapshot = 'kept';
    return;
  }
  await step('delete the snapshot', () => deleteWhenNotBusy(deps, options, options.timeouts.snapshotMs, `Deleting snapshot ${result.snapshot}`, () => actions.deleteSnapshot(), (e) => actions.snapshotBusy(e))).then(
    () => (result.cleanup.snapshot = 'deleted'),
    (error) => result.cleanup.problems.push(`Could not delete snapshot ${result.snapshot} (${(error as Error).message}): ${actions.deleteSnapshotByHand}`),
  );
}

/**
 * RDS (tasks.md 15.1): manual snapshot of the source, restore into a new instance with the source's subnet group,
 * security groups, class and parameter group, the PostgreSQL probe against the copy, then the copy (no final
 * snapshot) and the snapshot deleted, whatever happened in between.
 */
export async function rdsRestoreDrill(deps: DrillDeps, options: DrillOptions, dbInstanceId: string): Promise<DrillResult> {
  const copy = drillIdentifier(options.environment, options.runId, 63);
  const result: DrillResult = { kind: 'rds', source: dbInstanceId, snapshot: copy, copy, steps: [], cleanup: { copyDeleted: false, snapshot: 'not created', problems: [] }, passed: false };
  const step = recordSteps(result.steps, deps.log);
  const now = deps.now ?? Date.now;
  const tags = DRILL_TAGS(options.environment, options.runId);
  let restoreStarted = false;
  try {
    const source = await step('describe the source instance', async () => {
      const found = (await deps.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: dbInstanceId }))).DBInstances?.[0];
      if (!found) throw new Error(`No RDS instance ${dbInstanceId}.`);
      return found;
    });
    await step('create a manual snapshot', () => deps.rds.send(new CreateDBSnapshotCommand({ DBSnapshotIdentifier: result.snapshot, DBInstanceIdentifier: dbInstanceId, Tags: tags })), () => result.snapshot);
    result.cleanup.snapshot = 'not deleted';
    await step('snapshot available', () =>
      waitFor(
        deps,
        options,
        `Snapshot ${result.snapshot}`,
        options.timeouts.snapshotMs,
        `Check the RDS events of ${dbInstanceId} (aws rds describe-events --source-identifier ${result.snapshot} --source-type db-snapshot).`,
        async () => (await deps.rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: result.snapshot }))).DBSnapshots?.[0]?.Status,
        (status) => status === 'available',
        (status) => (status === 'failed' ? 'failed' : undefined),
      ),
    );
    const started = now();
    restoreStarted = true;
    await step('restore into a new instance', () =>
      deps.rds.send(
        new RestoreDBInstanceFromDBSnapshotCommand({
          DBInstanceIdentifier: copy,
          DBSnapshotIdentifier: result.snapshot,
          DBInstanceClass: source.DBInstanceClass,
          DBSubnetGroupName: source.DBSubnetGroup?.DBSubnetGroupName,
          VpcSecurityGroupIds: (source.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId as string),
          DBParameterGroupName: source.DBParameterGroups?.[0]?.DBParameterGroupName,
          CACertificateIdentifier: source.CACertificateIdentifier,
          // The probe logs in as the IAM probe user, which the snapshot carries; IAM auth is an instance setting.
          EnableIAMDatabaseAuthentication: source.IAMDatabaseAuthenticationEnabled,
          PubliclyAccessible: false,
          MultiAZ: false,
          DeletionProtection: false,
          Tags: tags,
        }),
      ),
    );
    const restored = await step('restored instance available', () =>
      waitFor(
        deps,
        options,
        `The restored instance ${copy}`,
        options.timeouts.restoreMs,
        `Check its events (aws rds describe-events --source-identifier ${copy} --source-type db-instance).`,
        async () => (await deps.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: copy }))).DBInstances?.[0],
        (instance) => instance?.DBInstanceStatus === 'available' && Boolean(instance.Endpoint?.Address),
        (instance) => (['failed', 'incompatible-restore', 'incompatible-parameters', 'incompatible-network'].includes(instance?.DBInstanceStatus ?? '') ? `went to "${instance?.DBInstanceStatus}"` : undefined),
      ),
    );
    result.restoreSeconds = (now() - started) / 1000;
    const target = { host: restored?.Endpoint?.Address as string, port: restored?.Endpoint?.Port ?? 5432 };
    result.probe = await step('PostgreSQL probe against the copy', () => deps.probe('postgres', target), outcomeSummary);
  } catch (error) {
    deps.log(`RDS drill: ${(error as Error).message}`);
  } finally {
    await cleanUp(deps, options, result, step, restoreStarted, {
      copyNoun: 'restored instance',
      deleteCopy: () => deps.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: copy, SkipFinalSnapshot: true, DeleteAutomatedBackups: true })),
      copyGone: () => deps.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: copy })).then(() => false, (e) => (errorNamed(e, 'DBInstanceNotFoundFault', 'DBInstanceNotFound') ? true : Promise.reject(e))),
      copyNotFound: (e) => errorNamed(e, 'DBInstanceNotFoundFault', 'DBInstanceNotFound'),
      copyBusy: (e) => errorNamed(e, 'InvalidDBInstanceStateFault', 'InvalidDBInstanceState'),
      snapshotBusy: (e) => errorNamed(e, 'InvalidDBSnapshotStateFault', 'InvalidDBSnapshotState'),
      deleteCopyByHand: `aws rds delete-db-instance --db-instance-identifier ${copy} --skip-final-snapshot --delete-automated-backups`,
      deleteSnapshot: () => deps.rds.send(new DeleteDBSnapshotCommand({ DBSnapshotIdentifier: result.snapshot })),
      deleteSnapshotByHand: `aws rds delete-db-snapshot --db-snapshot-identifier ${result.snapshot}`,
    });
  }
  return finish(result);
}

/**
 * ElastiCache (tasks.md 15.2): snapshot of a node of the replication group, a new one-node group from it with the
 * source's node type, engine version, subnet group, security groups, parameter group and encryption, the Redis
 * probe against it, then the group and the snapshot deleted, whatever happened in between.
 */
export async function elastiCacheRestoreDrill(deps: DrillDeps, options: DrillOptions, replicationGroupId: string): Promise<DrillResult> {
  const copy = drillIdentifier(options.environment, options.runId, 40);
  const result: DrillResult = { kind: 'elasticache', source: replicationGroupId, snapshot: copy, copy, steps: [], cleanup: { copyDeleted: false, snapshot: 'not created', problems: [] }, passed: false };
  const step = recordSteps(result.steps, deps.log);
  const now = deps.now ?? Date.now;
  const tags = DRILL_TAGS(options.environment, options.runId);
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
    await step('create a manual snapshot', () => deps.elasticache.send(new CreateSnapshotCommand({ CacheClusterId: node, SnapshotName: result.snapshot, Tags: tags })), () => `${result.snapshot} of ${node}`);
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
    result.probe = await step('Redis probe against the copy', () => deps.probe('redis', { host: endpoint?.Address as string, port: endpoint?.Port ?? 6379, replicationGroupId: copy }), outcomeSummary);
  } catch (error) {
    deps.log(`ElastiCache drill: ${(error as Error).message}`);
  } finally {
    await cleanUp(deps, options, result, step, createStarted, {
      copyNoun: 'restored group',
      deleteCopy: () => deps.elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: copy, RetainPrimaryCluster: false })),
      copyGone: () => deps.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: copy })).then(() => false, (e) => (errorNamed(e, 'ReplicationGroupNotFoundFault') ? true : Promise.reject(e))),
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

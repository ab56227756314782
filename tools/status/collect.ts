import {
  BackupClient,
  paginateListBackupJobs,
  paginateListBackupPlans,
  paginateListBackupVaults,
  paginateListRecoveryPointsByBackupVault,
  type BackupJobState,
} from '@aws-sdk/client-backup';
import { CloudWatchClient, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { ElastiCacheClient, paginateDescribeSnapshots } from '@aws-sdk/client-elasticache';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { SSMClient } from '@aws-sdk/client-ssm';
import { isResourceOfEnvironment, NAME_PREFIX, parameterPath, type EnvironmentName } from '@showcore/naming';
import { clientConfig } from '#tools/lib/aws-clients';
import { readParameters } from '#tools/lib/ssm-preflight';
import { costAllocationTags, costExplorerClient, NOT_EMULATED } from './cost-tags';
import type { NotEmulated } from './emulated';
import { DEFAULT_THRESHOLDS, type AlarmStatus, type BackupJobStatus, type EnvironmentStatus, type RecoveryPointStatus, type Thresholds } from './model';

export interface StatusClients {
  readonly cloudWatch: CloudWatchClient;
  readonly backup: BackupClient;
  readonly rds: RDSClient;
  readonly elastiCache: ElastiCacheClient;
  readonly ssm: SSMClient;
  /** In us-east-1, Cost Explorer's only endpoint, whatever the environment's region. */
  readonly costExplorer: CostExplorerClient;
}

/** SDK clients with adaptive retries: throttling is retried with backoff before the command gives up. */
export function statusClients(env: NodeJS.ProcessEnv): StatusClients {
  const config = { ...clientConfig(env), maxAttempts: 6, retryMode: 'adaptive' };
  return {
    cloudWatch: new CloudWatchClient(config),
    backup: new BackupClient(config),
    rds: new RDSClient(config),
    elastiCache: new ElastiCacheClient(config),
    ssm: new SSMClient(config),
    costExplorer: costExplorerClient(config),
  };
}

/** What the code defines, read from the synthesized ops templates. */
export interface Expected {
  readonly alarmNames: string[];
  readonly vaultName: string;
  readonly planName: string;
  /** Logical id in the ops templates of each name above (to tell what the local emulator skipped). */
  readonly logicalIds?: Record<string, string>;
  /** The ops stacks that define them. */
  readonly stackNames?: string[];
}

/** Every alarm of the environment (all pages), ALARM first, then by name. */
export async function environmentAlarms(cloudWatch: CloudWatchClient, environment: EnvironmentName): Promise<AlarmStatus[]> {
  const alarms: AlarmStatus[] = [];
  for await (const page of paginateDescribeAlarms(
    { client: cloudWatch, pageSize: 100 },
    { AlarmNamePrefix: `${NAME_PREFIX}-`, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] },
  )) {
    for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) {
      if (!alarm.AlarmName || !isResourceOfEnvironment(alarm.AlarmName, environment)) continue;
      alarms.push({ name: alarm.AlarmName, state: alarm.StateValue ?? 'UNKNOWN', reason: alarm.StateReason ?? '', changedAt: alarm.StateUpdatedTimestamp });
    }
  }
  const rank = (state: string) => (state === 'ALARM' ? 0 : state === 'INSUFFICIENT_DATA' ? 1 : 2);
  return alarms.sort((a, b) => rank(a.state) - rank(b.state) || a.name.localeCompare(b.name));
}

async function latestRdsRecoveryPoint(backup: BackupClient, vaultName: string): Promise<RecoveryPointStatus | undefined> {
  let latest: RecoveryPointStatus | undefined;
  for await (const page of paginateListRecoveryPointsByBackupVault({ client: backup }, { BackupVaultName: vaultName, ByResourceType: 'RDS' })) {
    for (const point of page.RecoveryPoints ?? []) {
      const completedAt = point.CompletionDate ?? point.CreationDate;
      if (point.Status !== 'COMPLETED' || !completedAt || !point.RecoveryPointArn) continue;
      if (!latest || completedAt > latest.completedAt) latest = { arn: point.RecoveryPointArn, resourceArn: point.ResourceArn, completedAt };
    }
  }
  return latest;
}

async function failedJobs(backup: BackupClient, since: Date): Promise<BackupJobStatus[]> {
  const jobs: BackupJobStatus[] = [];
  for (const state of ['FAILED', 'ABORTED', 'EXPIRED'] as BackupJobState[]) {
    for await (const page of paginateListBackupJobs({ client: backup }, { ByState: state, ByCreatedAfter: since })) {
      for (const job of page.BackupJobs ?? []) {
        jobs.push({
          id: job.BackupJobId ?? '?',
          state: job.State ?? state,
          resourceArn: job.ResourceArn,
          createdAt: job.CreationDate,
          message: job.StatusMessage,
        });
      }
    }
  }
  return jobs;
}

async function exists<T>(pages: AsyncIterable<T>, found: (page: T) => boolean): Promise<boolean> {
  for await (const page of pages) if (found(page)) return true;
  return false;
}

/** Thresholds the ops tier published for the environment, or the defaults when it has not. */
export async function thresholdsFor(ssm: SSMClient, environment: EnvironmentName): Promise<{ thresholds: Thresholds; source: string }> {
  const path = parameterPath(environment, 'statusThresholds');
  const value = (await readParameters(ssm, [path])).get(path);
  if (!value) return { thresholds: DEFAULT_THRESHOLDS, source: `defaults (${path} not found)` };
  try {
    return { thresholds: { ...DEFAULT_THRESHOLDS, ...JSON.parse(value) }, source: path };
  } catch {
    throw new Error(`${path} is not valid JSON (${value.slice(0, 80)}). Redeploy the ops tier.`);
  }
}

/** Reads the live state of one environment (every API paginated). */
export async function collectStatus(
  clients: StatusClients,
  environment: EnvironmentName,
  expected: Expected,
  ids: { dbInstanceId?: string; replicationGroupId?: string },
  now = new Date(),
  emulation: { notEmulated: NotEmulated[]; backupEmulated: boolean; costExplorerEmulated?: boolean } = { notEmulated: [], backupEmulated: true },
): Promise<EnvironmentStatus> {
  const { thresholds, source } = await thresholdsFor(clients.ssm, environment);
  const alarms = await environmentAlarms(clients.cloudWatch, environment);
  const present = new Set(alarms.map((a) => a.name));
  const backupEmulated = emulation.backupEmulated;
  const vaultFound =
    backupEmulated &&
    (await exists(paginateListBackupVaults({ client: clients.backup }, {}), (p) =>
      (p.BackupVaultList ?? []).some((v) => v.BackupVaultName === expected.vaultName),
    ));
  const planFound =
    backupEmulated &&
    (await exists(paginateListBackupPlans({ client: clients.backup }, {}), (p) =>
      (p.BackupPlansList ?? []).some((v) => v.BackupPlanName === expected.planName),
    ));
  const since = new Date(now.getTime() - thresholds.failedJobsLookbackDays * 24 * 3600 * 1000);
  let rds: EnvironmentStatus['rds'];
  if (ids.dbInstanceId) {
    const db = (await clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: ids.dbInstanceId }))).DBInstances?.[0];
    rds = { id: ids.dbInstanceId, backupWindow: db?.PreferredBackupWindow, latestRestorableTime: db?.LatestRestorableTime };
  }
  let elastiCache: EnvironmentStatus['elastiCache'];
  if (ids.replicationGroupId) {
    let newest: { name: string; createdAt: Date } | undefined;
    for await (const page of paginateDescribeSnapshots({ client: clients.elastiCache }, { ReplicationGroupId: ids.replicationGroupId })) {
      for (const snapshot of page.Snapshots ?? []) {
        const createdAt = snapshot.NodeSnapshots?.[0]?.SnapshotCreateTime;
        if (createdAt && (!newest || createdAt > newest.createdAt)) newest = { name: snapshot.SnapshotName ?? '?', createdAt };
      }
    }
    elastiCache = { replicationGroupId: ids.replicationGroupId, newestSnapshot: newest };
  }
  return {
    environment,
    checkedAt: now,
    alarms,
    missingAlarms: expected.alarmNames.filter((name) => !present.has(name)).sort(),
    backup: {
      vaultName: expected.vaultName,
      vaultFound,
      planName: expected.planName,
      planFound,
      latestRdsRecoveryPoint: vaultFound ? await latestRdsRecoveryPoint(clients.backup, expected.vaultName) : undefined,
      failedJobs: backupEmulated ? await failedJobs(clients.backup, since) : [],
      emulated: backupEmulated,
    },
    notEmulated: emulation.notEmulated,
    costAllocationTags: emulation.costExplorerEmulated === false ? NOT_EMULATED : await costAllocationTags(clients.costExplorer),
    rds,
    elastiCache,
    thresholds,
    thresholdsSource: source,
  };
}

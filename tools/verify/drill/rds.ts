/** The restore drill of the RDS instance: snapshot, restore a copy, probe it with PostgreSQL, delete both. */
import {
  CreateDBSnapshotCommand,
  DeleteDBInstanceCommand,
  DeleteDBSnapshotCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
} from '@aws-sdk/client-rds';
import { outcomeSummary } from '../model';
import { cleanUp, errorNamed, finish, startDrill, waitFor, type DrillDeps, type DrillOptions, type DrillResult } from './runner';

/**
 * RDS (tasks.md 15.1): manual snapshot of the source, restore into a new instance with the source's subnet group,
 * security groups, class and parameter group, the PostgreSQL probe against the copy, then the copy (no final
 * snapshot) and the snapshot deleted, whatever happened in between.
 */
export async function rdsRestoreDrill(deps: DrillDeps, options: DrillOptions, dbInstanceId: string): Promise<DrillResult> {
  const { copy, result, step, now, tags } = startDrill('rds', dbInstanceId, 63, deps, options);
  let restoreStarted = false;
  try {
    const source = await step('describe the source instance', async () => {
      const found = (await deps.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: dbInstanceId }))).DBInstances?.[0];
      if (!found) throw new Error(`No RDS instance ${dbInstanceId}.`);
      return found;
    });
    await step(
      'create a manual snapshot',
      () => deps.rds.send(new CreateDBSnapshotCommand({ DBSnapshotIdentifier: result.snapshot, DBInstanceIdentifier: dbInstanceId, Tags: tags })),
      () => result.snapshot,
    );
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
        (instance) =>
          ['failed', 'incompatible-restore', 'incompatible-parameters', 'incompatible-network'].includes(instance?.DBInstanceStatus ?? '')
            ? `went to "${instance?.DBInstanceStatus}"`
            : undefined,
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
      copyGone: () =>
        deps.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: copy })).then(
          () => false,
          (e) => (errorNamed(e, 'DBInstanceNotFoundFault', 'DBInstanceNotFound') ? true : Promise.reject(e)),
        ),
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

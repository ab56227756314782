/** The RDS restore drill against recorded API calls: the order of calls, the tags, and every failure and clean-up path. */
import {
  CreateDBSnapshotCommand,
  DeleteDBInstanceCommand,
  DeleteDBSnapshotCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
} from '@aws-sdk/client-rds';
import { rdsRestoreDrill } from '../../drill';
import { awsError as notFound, callNames as names, rds, recordedHarness as harness, sequenceOptions as options, COPY, tagsOf, DRILL_RUN_TAGS } from './harness';

describe('RDS drill: sequence, tags and the failure paths', () => {
  const SOURCE = 'showcore-rds-staging-postgres';
  function source() {
    rds.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: SOURCE }).resolves({
      DBInstances: [
        {
          DBInstanceIdentifier: SOURCE,
          DBInstanceClass: 'db.t4g.small',
          DBSubnetGroup: { DBSubnetGroupName: 'showcore-rds-staging-subnets' },
          VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-rds' }],
          PubliclyAccessible: false,
        },
      ],
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
    const expected = DRILL_RUN_TAGS;
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
    expect(result.cleanup.problems).toEqual([
      `Could not delete snapshot ${COPY} (not authorized): aws rds delete-db-snapshot --db-snapshot-identifier ${COPY}`,
    ]);
  });

  it('a restore the API rejects: the copy that never existed counts as deleted, the snapshot is deleted', async () => {
    source();
    rds
      .on(RestoreDBInstanceFromDBSnapshotCommand)
      .rejects(Object.assign(new Error('The DB subnet group does not cover enough AZs'), { name: 'InvalidVPCNetworkStateFault' }));
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
    rds
      .on(DescribeDBInstancesCommand, { DBInstanceIdentifier: COPY })
      .resolves({ DBInstances: [{ DBInstanceStatus: 'available', Endpoint: { Address: 'copy.rds.internal', Port: 5432 } }] });
    const result = await rdsRestoreDrill(harness(rds).d, options, SOURCE);
    expect(result.cleanup.copyDeleted).toBe(false);
    expect(result.cleanup.problems).toEqual([
      `Deleting ${COPY} did not finish within 60 s. Delete it by hand: aws rds delete-db-instance --db-instance-identifier ${COPY} --skip-final-snapshot --delete-automated-backups`,
    ]);
    expect(result.cleanup.snapshot).toBe('deleted');
    expect(result.passed).toBe(false);
  });
});

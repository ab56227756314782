/**
 * The restore drill's API sequence against moto: RDS snapshot → restore → probe → delete. A region of its own
 * (eu-west-1), so the deploy tests' us-east-1 state is never touched.
 */
import { CreateSubnetCommand, CreateVpcCommand, CreateSecurityGroupCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { CreateDBInstanceCommand, CreateDBSubnetGroupCommand, DescribeDBInstancesCommand, DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import { clientConfig } from '#tools/lib/aws-clients';
import { e2eEnv, resetEmulator } from '#tools/emulator/harness';
import { rdsRestoreDrill, type DrillDeps, type DrillTarget } from '../drill';
import type { ProbeOutcome } from '../model';

const REGION = 'eu-west-1';
const SOURCE = 'showcore-rds-dev-postgres';

function config() {
  return { ...clientConfig(e2eEnv()), region: REGION };
}

async function sourceDatabase(): Promise<{ subnetGroup: string; securityGroup: string }> {
  await resetEmulator();
  const ec2 = new EC2Client(config());
  const rds = new RDSClient(config());
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16' }))).Vpc?.VpcId as string;
  const subnets = await Promise.all(
    ['a', 'b'].map(
      async (az, i) =>
        (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.30.${i}.0/24`, AvailabilityZone: `${REGION}${az}` }))).Subnet
          ?.SubnetId as string,
    ),
  );
  const securityGroup = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'showcore-rds-dev', Description: 'rds' }))).GroupId as string;
  const subnetGroup = 'showcore-rds-dev-subnets';
  await rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: subnetGroup, DBSubnetGroupDescription: 'private', SubnetIds: subnets }));
  await rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: SOURCE,
      Engine: 'postgres',
      EngineVersion: '16.4',
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: 20,
      MasterUsername: 'showcore_admin',
      ManageMasterUserPassword: true,
      DBSubnetGroupName: subnetGroup,
      VpcSecurityGroupIds: [securityGroup],
      PubliclyAccessible: false,
    }),
  );
  return { subnetGroup, securityGroup };
}

function deps(outcome: ProbeOutcome, seen: { target?: DrillTarget; copyDuringProbe?: string }): DrillDeps {
  const rds = new RDSClient(config());
  return {
    rds,
    elasticache: new ElastiCacheClient(config()),
    probe: async (_kind, target) => {
      seen.target = target;
      const copy = (await rds.send(new DescribeDBInstancesCommand({}))).DBInstances?.find((i) => i.DBInstanceIdentifier !== SOURCE);
      seen.copyDuringProbe = `${copy?.DBInstanceIdentifier} ${copy?.DBInstanceStatus} ${copy?.DBSubnetGroup?.DBSubnetGroupName} ${copy?.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId).join(',')} public=${copy?.PubliclyAccessible}`;
      return outcome;
    },
    log: () => undefined,
  };
}

const options = {
  environment: 'dev' as const,
  runId: 'e2e1',
  keepSnapshots: false,
  pollMs: 200,
  timeouts: { snapshotMs: 30000, restoreMs: 30000, deleteMs: 30000 },
};

async function leftovers(): Promise<{ instances: string[]; snapshots: string[] }> {
  const rds = new RDSClient(config());
  const instances = ((await rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? []).map((i) => i.DBInstanceIdentifier as string);
  const snapshots = ((await rds.send(new DescribeDBSnapshotsCommand({ SnapshotType: 'manual' }))).DBSnapshots ?? []).map(
    (s) => s.DBSnapshotIdentifier as string,
  );
  return { instances, snapshots };
}

describe('RDS restore drill against the emulator', () => {
  it('restores a copy next to the source, probes its endpoint, then leaves only the source', async () => {
    const { subnetGroup, securityGroup } = await sourceDatabase();
    const seen: { target?: DrillTarget; copyDuringProbe?: string } = {};
    const result = await rdsRestoreDrill(
      deps({ results: [{ probe: 'postgres', check: 'crud', passed: true, detail: '' }], exitCode: 0, problems: [] }, seen),
      options,
      SOURCE,
    );

    expect(result.steps.filter((s) => !s.ok)).toEqual([]);
    expect(seen.copyDuringProbe).toBe(`showcore-drill-dev-e2e1 available ${subnetGroup} ${securityGroup} public=false`);
    expect(seen.target?.host).toMatch(/^showcore-drill-dev-e2e1\./);
    expect(seen.target?.port).toBe(5432);
    expect(result.restoreSeconds).toBeGreaterThanOrEqual(0);
    expect(result.passed).toBe(true);
    expect(await leftovers()).toEqual({ instances: [SOURCE], snapshots: [] });
  });

  it('a failing probe fails the drill and still leaves only the source', async () => {
    await sourceDatabase();
    const result = await rdsRestoreDrill(
      deps({ results: [{ probe: 'postgres', check: 'tls', passed: false, detail: '' }], exitCode: 1, problems: [] }, {}),
      options,
      SOURCE,
    );
    expect(result.passed).toBe(false);
    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'deleted', problems: [] });
    expect(await leftovers()).toEqual({ instances: [SOURCE], snapshots: [] });
  });

  it('--keep-snapshots leaves the manual snapshot for the runbook', async () => {
    await sourceDatabase();
    const result = await rdsRestoreDrill(
      deps({ results: [{ probe: 'postgres', check: 'crud', passed: true, detail: '' }], exitCode: 0, problems: [] }, {}),
      { ...options, keepSnapshots: true },
      SOURCE,
    );
    expect(result.cleanup.snapshot).toBe('kept');
    expect(await leftovers()).toEqual({ instances: [SOURCE], snapshots: ['showcore-drill-dev-e2e1'] });
  });
});

/**
 * The RDS restore drill (tools/verify/drill/) against moto, for what drill.e2e.ts does not look at: while the
 * probe runs, the manual snapshot exists and carries the drill's tags, the probe is pointed at exactly the copy's
 * endpoint, the copy was restored without public access or deletion protection; afterwards the source is as it was
 * and neither copy nor snapshot is left; a probe that throws (an invoke that timed out) still leaves nothing behind.
 *
 * The source has no deletion protection and no Multi-AZ: moto 5.2.1's RestoreDBInstanceFromDBSnapshot drops every
 * falsy override (`if value:`), so the drill's DeletionProtection/MultiAZ/PubliclyAccessible = false would be
 * replaced by the source's values there and a protected copy could not be deleted. AWS applies them as sent; the
 * parameters themselves are asserted in tools/verify/test/drill.test.ts. A copy that turned out true here would
 * still fail the assertions below.
 *
 * Region eu-west-1, and no emulator reset: every name here is this file's own, so the deploy tests' us-east-1 state
 * and other files' resources are never touched.
 *
 * ElastiCache is not tested here: moto 5.2.1 keeps one member cluster whatever NumCacheClusters says, and none of
 * them is visible to DescribeCacheClusters (CacheClusterNotFoundFault), so the drill's per-node snapshot cannot even
 * start; it also creates a group from a snapshot name that does not exist, and a deleted group stays "deleting"
 * forever. The ElastiCache sequence and clean-up are covered with aws-sdk-client-mock in
 * tools/verify/test/drill.test.ts and tools/verify/test/restore-drill/.
 */
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import {
  CreateDBInstanceCommand,
  CreateDBSubnetGroupCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
  type DBInstance,
} from '@aws-sdk/client-rds';
import { clientConfig } from '#tools/lib/aws-clients';
import { e2eEnv } from '#tools/emulator/harness';
import * as fs from 'node:fs';
import { rdsRestoreDrill, type DrillDeps, type DrillOptions, type DrillTarget } from '../drill';
import type { FunctionRequest } from '../function/protocol';
import type { VerifyTargets } from '../inputs';
import { InProcessInvoker, type ProbeInvoker } from '../invoker';
import type { ProbeOutcome } from '../model';
import { drillProbe } from '../restore-drill-main';
import { generateCertificates, startPostgres, tempDir } from '../test/probes/servers';

const REGION = 'eu-west-1';
const PASSED: ProbeOutcome = { results: [{ probe: 'postgres', check: 'crud', passed: true, detail: '' }], exitCode: 0, problems: [] };

function rdsClient(): RDSClient {
  return new RDSClient({ ...clientConfig(e2eEnv()), region: REGION });
}

/** A private PostgreSQL instance in a subnet group over two subnets of a fresh VPC; `n` keeps names and CIDRs apart. */
async function sourceDatabase(n: number): Promise<string> {
  const ec2 = new EC2Client({ ...clientConfig(e2eEnv()), region: REGION });
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: `10.4${n}.0.0/16` }))).Vpc?.VpcId as string;
  const subnets: string[] = [];
  for (const [i, az] of ['a', 'b'].entries()) {
    subnets.push(
      (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.4${n}.${i}.0/24`, AvailabilityZone: `${REGION}${az}` }))).Subnet
        ?.SubnetId as string,
    );
  }
  const securityGroup = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: `showcore-rds-dev-rd${n}`, Description: 'rds' })))
    .GroupId as string;
  const id = `showcore-rds-dev-rd${n}`;
  await rdsClient().send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: `${id}-subnets`, DBSubnetGroupDescription: 'private', SubnetIds: subnets }));
  await rdsClient().send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: id,
      Engine: 'postgres',
      EngineVersion: '16.4',
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: 20,
      MasterUsername: 'showcore_admin',
      ManageMasterUserPassword: true,
      DBSubnetGroupName: `${id}-subnets`,
      VpcSecurityGroupIds: [securityGroup],
      PubliclyAccessible: false,
    }),
  );
  return id;
}

/** What the drill must not change about the source. */
async function sourceState(id: string) {
  const db = (await rdsClient().send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances?.[0] as DBInstance;
  return {
    status: db.DBInstanceStatus,
    class: db.DBInstanceClass,
    endpoint: db.Endpoint?.Address,
    subnetGroup: db.DBSubnetGroup?.DBSubnetGroupName,
    securityGroups: db.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId),
    deletionProtection: db.DeletionProtection,
    multiAz: db.MultiAZ,
  };
}

async function instancesAndSnapshotsNamed(prefix: string): Promise<{ instances: string[]; snapshots: string[] }> {
  const instances = ((await rdsClient().send(new DescribeDBInstancesCommand({}))).DBInstances ?? []).map((i) => i.DBInstanceIdentifier as string);
  const snapshots = ((await rdsClient().send(new DescribeDBSnapshotsCommand({ SnapshotType: 'manual' }))).DBSnapshots ?? []).map(
    (s) => s.DBSnapshotIdentifier as string,
  );
  return { instances: instances.filter((i) => i.startsWith(prefix)), snapshots: snapshots.filter((s) => s.startsWith(prefix)) };
}

interface DuringProbe {
  target?: DrillTarget;
  copy?: DBInstance;
  snapshotStatus?: string;
  snapshotTags?: Record<string, string>;
}

function deps(copyId: string, outcome: ProbeOutcome | Error, seen: DuringProbe): DrillDeps {
  const rds = rdsClient();
  return {
    rds,
    elasticache: new ElastiCacheClient({ ...clientConfig(e2eEnv()), region: REGION }),
    probe: async (_kind, target) => {
      seen.target = target;
      seen.copy = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: copyId }))).DBInstances?.[0];
      const snapshot = (await rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: copyId }))).DBSnapshots?.[0];
      seen.snapshotStatus = snapshot?.Status;
      seen.snapshotTags = Object.fromEntries((snapshot?.TagList ?? []).map((t) => [t.Key, t.Value]));
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    log: () => undefined,
  };
}

const options = (runId: string): DrillOptions => ({
  environment: 'dev',
  runId,
  keepSnapshots: false,
  pollMs: 100,
  timeouts: { snapshotMs: 30_000, restoreMs: 30_000, deleteMs: 30_000 },
});

describe('RDS restore drill against the emulator: what exists while the probe runs, and what is left after', () => {
  it("probes exactly the copy's endpoint while snapshot and copy exist, then leaves only the unchanged source", async () => {
    const source = await sourceDatabase(1);
    const before = await sourceState(source);
    const copyId = 'showcore-drill-dev-rd1';
    const seen: DuringProbe = {};

    const result = await rdsRestoreDrill(deps(copyId, PASSED, seen), options('rd1'), source);

    expect(result.steps.filter((s) => !s.ok)).toEqual([]);
    expect(seen.copy?.DBInstanceStatus).toBe('available');
    expect(seen.target).toEqual({ host: seen.copy?.Endpoint?.Address, port: seen.copy?.Endpoint?.Port });
    expect(seen.target?.host).not.toBe(before.endpoint);
    expect(seen.copy?.PubliclyAccessible).toBe(false);
    expect(seen.copy?.DeletionProtection).toBe(false);
    expect(seen.copy?.MultiAZ).toBe(false);
    expect(seen.copy?.DBInstanceClass).toBe(before.class);
    expect(seen.snapshotStatus).toBe('available');
    expect(seen.snapshotTags).toMatchObject({
      'showcore:purpose': 'restore-drill',
      'showcore:run-id': 'rd1',
      Environment: 'Development',
      Project: 'ShowCore',
      ManagedBy: 'ops:restore-drill',
    });

    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'deleted', problems: [] });
    expect(result.passed).toBe(true);
    expect(await instancesAndSnapshotsNamed(copyId)).toEqual({ instances: [], snapshots: [] });
    expect(await sourceState(source)).toEqual(before);
  });

  it('a probe that throws fails the drill and still deletes the copy and the snapshot', async () => {
    const source = await sourceDatabase(2);
    const before = await sourceState(source);
    const seen: DuringProbe = {};

    const result = await rdsRestoreDrill(
      deps('showcore-drill-dev-rd2', new Error('The probe function showcore-verify-dev-probe did not answer within 75 s'), seen),
      options('rd2'),
      source,
    );

    expect(seen.copy?.DBInstanceStatus).toBe('available'); // the probe did run against a live copy
    expect(result.steps.find((s) => !s.ok)).toMatchObject({
      step: 'PostgreSQL probe against the copy',
      detail: 'The probe function showcore-verify-dev-probe did not answer within 75 s',
    });
    expect(result.passed).toBe(false);
    expect(result.cleanup).toEqual({ copyDeleted: true, snapshot: 'deleted', problems: [] });
    expect(await instancesAndSnapshotsNamed('showcore-drill-dev-rd2')).toEqual({ instances: [], snapshots: [] });
    expect(await sourceState(source)).toEqual(before);
  });

  it("probes the copy through the probe function: the request names the copy's endpoint, and the handler (in-process) runs the PostgreSQL probe", async () => {
    const source = await sourceDatabase(3);
    const copyId = 'showcore-drill-dev-rd3';
    const certs = generateCertificates(tempDir('drill-e2e'));
    // The copy's server: moto's restored instance has an address and no server behind it, so the handler is
    // pointed at a TLS-only PostgreSQL on 127.0.0.1 after the request (built from the copy's endpoint) is recorded.
    const server = await startPostgres(certs, 'tls-only');
    try {
      const requests: FunctionRequest[] = [];
      const handler = new InProcessInvoker(
        { region: REGION, postgresPassword: async () => server.password, redisPassword: async () => '', s3: () => undefined as never },
        'showcore-verify-dev-probe',
      );
      const seam: ProbeInvoker = {
        kind: 'in-process',
        invoke: (request, invokeOptions) => {
          requests.push(request);
          const local =
            request.action === 'probe' && request.postgres
              ? { ...request, postgres: { ...request.postgres, host: 'localhost', port: server.port, user: server.user } }
              : request;
          return handler.invoke(local, invokeOptions);
        },
      };
      const ca = fs.readFileSync(certs.ca, 'utf8');
      const probe = drillProbe(seam, { redisReplicationGroupId: 'unused', redisProbeUser: 'unused' } as VerifyTargets, {
        runId: 'rd3',
        caBundle: ca,
        probeTimeoutMs: 20_000,
      });
      const rds = rdsClient();
      let copyEndpoint: string | undefined;
      const result = await rdsRestoreDrill(
        {
          rds,
          elasticache: new ElastiCacheClient({ ...clientConfig(e2eEnv()), region: REGION }),
          probe: async (kind, target) => {
            copyEndpoint = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: copyId }))).DBInstances?.[0]?.Endpoint?.Address;
            return probe(kind, target);
          },
          log: () => undefined,
        },
        options('rd3'),
        source,
      );
      expect(requests).toEqual([
        {
          action: 'probe',
          runId: 'rd3',
          probes: ['postgres'],
          probeTimeoutMs: 20_000,
          postgres: { host: copyEndpoint, port: expect.any(Number), user: 'showcore_probe', caBundle: ca },
        },
      ]);
      expect(result.probe?.results.map((r) => `${r.passed ? 'PASS' : 'FAIL'} ${r.probe}.${r.check}`)).toEqual([
        'PASS postgres.tls',
        'PASS postgres.crud',
        'PASS postgres.plaintext-refused',
      ]);
      expect(result.passed).toBe(true);
      expect(await instancesAndSnapshotsNamed(copyId)).toEqual({ instances: [], snapshots: [] });
    } finally {
      await server.stop();
      fs.rmSync(certs.dir, { recursive: true, force: true });
    }
  });
});

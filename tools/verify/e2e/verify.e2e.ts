/**
 * The verify orchestration against moto: preflight refusals create nothing; a run launches a tagged instance in the
 * private subnet (no key, no public IP, IMDSv2, the verification profile), drives it through a channel, and always
 * terminates it and removes what it staged — also when the instance never answers, a probe hangs, or Ctrl-C.
 * moto launches instances that never boot, so the channel here is this machine's shell (LocalShellChannel);
 * Run Command itself is covered with aws-sdk-client-mock in tools/verify/test/channel.test.ts.
 */
import * as net from 'node:net';
import { DescribeIamInstanceProfileAssociationsCommand, DescribeInstancesCommand, EC2Client, RunInstancesCommand, type IamInstanceProfileAssociation, type Instance } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { ListObjectVersionsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { clientConfig } from '../../cdk/staleness';
import { UsageError } from '../../lib/process';
import { e2eEnv, resetEmulator } from '../../local/e2e/harness';
import { LocalShellChannel, type ProbeChannel } from '../channel';
import { main } from '../main';
import { verifyClients, EXIT } from '../main';
import type { VerifyOptions } from '../verify';
import { verifyEnvironment } from '../verify';
import { generateCertificates, startPostgres, startRedis, tempDir } from '../test/probes/servers';
import { createFixture, type Fixture } from './fixture';

const ALL_ENDPOINTS = ['ssm', 'ssmmessages', 'ec2messages', 'logs', 'secretsmanager', 'monitoring'];

function clients() {
  const env = e2eEnv();
  const config = clientConfig(env);
  return { env, ...verifyClients(env), iam: new IAMClient(config), ec2: new EC2Client(config), s3: new S3Client({ ...config, forcePathStyle: true }), ssm: new SSMClient(config) };
}

async function fixture(endpointServices = ALL_ENDPOINTS, dbHost = 'not-emulated-locally', ports = { db: 5432, redis: 6379 }, redisHost = 'not-emulated-locally', dbSecretArn?: string): Promise<Fixture> {
  await resetEmulator();
  return createFixture(clients(), { environment: 'local', region: 'us-east-1', endpointServices, db: { host: dbHost, port: ports.db, secretArn: dbSecretArn }, redis: { host: redisHost, port: ports.redis } });
}

async function probeInstances(): Promise<Instance[]> {
  const answer = await clients().ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:showcore:purpose', Values: ['verification'] }] }));
  return (answer.Reservations ?? []).flatMap((r) => r.Instances ?? []);
}

async function stagedObjects(bucket: string): Promise<number> {
  const answer = await clients().s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: '_verify/' }));
  return (answer.Versions ?? []).length + (answer.DeleteMarkers ?? []).length;
}

/** A Run Command channel for the refusals: they must come before it is ever used. */
function unusedRunCommand(): ProbeChannel {
  const unused = (): never => {
    throw new Error('the channel was used before the preflight refused');
  };
  return { name: 'run-command', waitUntilReachable: unused, run: unused };
}

function options(overrides: Partial<VerifyOptions> = {}): VerifyOptions {
  const env = e2eEnv();
  return {
    environment: 'local',
    region: 'us-east-1',
    env,
    runId: `e2e-${Date.now().toString(36)}`,
    probes: ['s3'],
    edge: true,
    instanceType: 't3.micro',
    maxLifetimeMinutes: 60,
    timeouts: { runningMs: 10000, reachableMs: 5000, probeSeconds: 20, runSeconds: 60, edgeSeconds: 30 },
    channel: new LocalShellChannel(env),
    log: () => undefined,
    ...overrides,
  };
}

/** main() reads AWS_ENDPOINT_URL and friends from the process environment, like the CLI. */
async function runMain(argv: string[], onLog: (line: string) => void = () => undefined): Promise<{ code: number; log: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, e2eEnv());
  const lines: string[] = [];
  // The report's Markdown goes to standard output: kept with the log lines.
  const log = jest.spyOn(console, 'log').mockImplementation((text: string) => void lines.push(text));
  try {
    const code = await main(argv, (line) => {
      lines.push(line);
      onLog(line);
    });
    return { code, log: lines.join('\n') };
  } finally {
    log.mockRestore();
    process.env = saved;
  }
}

describe('verify against the emulator', () => {
  it('launches a private, keyless, tagged probe instance, runs the probes through the channel, then terminates it and removes what it staged', async () => {
    const f = await fixture();
    const seen: string[] = [];
    // Looks at the instance while it exists (moto drops the profile association on termination).
    let whileRunning: { instance?: Instance; profile?: IamInstanceProfileAssociation } = {};
    class InspectingChannel extends LocalShellChannel {
      override async waitUntilReachable(instanceId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
        const ec2 = clients().ec2;
        const instance = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))).Reservations?.[0]?.Instances?.[0];
        const [profile] = (await ec2.send(new DescribeIamInstanceProfileAssociationsCommand({ Filters: [{ Name: 'instance-id', Values: [instanceId] }] }))).IamInstanceProfileAssociations ?? [];
        whileRunning = { instance, profile };
        return super.waitUntilReachable(instanceId, timeoutMs, signal);
      }
    }
    const report = await verifyEnvironment(clients(), options({ runId: 'e2e-happy', log: (l) => seen.push(l), channel: new InspectingChannel(e2eEnv()) }));

    expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    expect(report.inside?.results.map((r) => `${r.passed ? 'PASS' : 'FAIL'} ${r.probe}.${r.check}`)).toEqual(expect.arrayContaining(['PASS s3.put', 'PASS s3.get', 'PASS s3.delete']));
    expect(report.skipped).toEqual([
      { probe: 'edge', reason: expect.stringContaining('CDN is not deployed') },
    ]);
    expect(report.passed).toBe(true);

    const [instance] = await probeInstances();
    expect(instance.InstanceId).toBe(report.instanceId);
    expect(instance.SubnetId).toBe(f.subnetId);
    const [eni] = instance.NetworkInterfaces ?? [];
    expect(eni.Groups?.map((g) => g.GroupId)).toEqual([f.securityGroupId]);
    expect(eni.Association?.PublicIp).toBeUndefined();
    expect(instance.KeyName).toBeUndefined();
    expect(instance.PublicIpAddress).toBeUndefined();
    expect(whileRunning.instance?.State?.Name).toBe('running');
    expect(whileRunning.instance?.MetadataOptions?.HttpTokens).toBe('required');
    expect(whileRunning.profile?.IamInstanceProfile?.Arn).toMatch(new RegExp(`instance-profile/${f.instanceProfileName}$`));
    expect(instance.Tags).toEqual(expect.arrayContaining([
      { Key: 'showcore:purpose', Value: 'verification' },
      { Key: 'showcore:run-id', Value: 'e2e-happy' },
      { Key: 'Environment', Value: 'Local' },
      { Key: 'Project', Value: 'ShowCore' },
      { Key: 'ManagedBy', Value: 'ops:verify' },
      { Key: 'Name', Value: 'showcore-verify-local-instance' },
    ]));
    expect(instance.State?.Name).toBe('terminated');
    expect(report.cleanup).toEqual({ terminated: true, removedObjects: expect.any(Number), problems: [] });
    expect(report.cleanup.removedObjects).toBeGreaterThan(0);
    expect(await stagedObjects(f.backupsBucket)).toBe(0);
    expect(seen.indexOf('… launch probe instance')).toBeLessThan(seen.indexOf('… terminate probe instance'));
  });

  it('end to end with the data probes: targets from SSM, PostgreSQL and Redis over TLS on loopback', async () => {
    const certs = generateCertificates(tempDir('e2e-certs'));
    const postgres = await startPostgres(certs, 'tls-only');
    const redis = await startRedis(certs, 'tls-only');
    try {
      await fixture(ALL_ENDPOINTS, 'localhost', { db: postgres.port, redis: redis.port }, 'localhost');
      const report = await verifyEnvironment(
        clients(),
        options({
          probes: ['postgres', 'redis', 's3'],
          // What the instance would read from the secret and its CA stores.
          probeEnvOverrides: { PGUSER: postgres.user, PGPASSWORD: postgres.password, PROBE_DB_CA_BUNDLE: certs.ca, PROBE_REDIS_CA_BUNDLE: certs.ca },
        }),
      );
      expect(report.inside?.results.map((r) => `${r.passed ? 'PASS' : 'FAIL'} ${r.probe}.${r.check}`)).toEqual([
        'PASS postgres.tls',
        'PASS postgres.crud',
        'PASS postgres.plaintext-refused',
        'PASS redis.tls',
        'PASS redis.set-get-del',
        'PASS redis.plain-tcp-refused',
        'PASS s3.put',
        'PASS s3.get',
        'PASS s3.delete',
      ]);
      expect(report.passed).toBe(true);
      expect(report.cleanup.terminated).toBe(true);
    } finally {
      await Promise.all([postgres.stop(), redis.stop()]);
    }
  });

  it('an instance that never registers: times out naming the endpoints and the role, and is still terminated', async () => {
    const f = await fixture();
    const env = e2eEnv();
    const report = await verifyEnvironment(clients(), options({ channel: new LocalShellChannel(env, Number.POSITIVE_INFINITY), timeouts: { runningMs: 10000, reachableMs: 1500, probeSeconds: 20, runSeconds: 60, edgeSeconds: 30 } }));
    expect(report.passed).toBe(false);
    const failed = report.steps.find((s) => !s.ok);
    expect(failed?.step).toBe('reachable through Systems Manager');
    expect(failed?.detail).toMatch(/ssmmessages and ec2messages/);
    expect(failed?.detail).toMatch(/AmazonSSMManagedInstanceCore/);
    expect(report.inside).toBeUndefined();
    expect((await probeInstances()).map((i) => i.State?.Name)).toEqual(['terminated']);
    expect(await stagedObjects(f.backupsBucket)).toBe(0);
  });

  it('a launch whose answer is lost: the instance is found by its run tag and still terminated', async () => {
    const f = await fixture();
    const c = clients();
    const send = c.ec2.send.bind(c.ec2) as (command: unknown) => Promise<unknown>;
    // RunInstances reaches the emulator and starts the instance; the answer never reaches the tool.
    (c.ec2 as unknown as { send: (command: unknown) => Promise<unknown> }).send = async (command) => {
      const answer = await send(command);
      if (command instanceof RunInstancesCommand) throw new Error('socket hang up');
      return answer;
    };
    const report = await verifyEnvironment(c, options({ runId: 'e2e-lost-launch' }));
    expect(report.passed).toBe(false);
    expect(report.steps.find((s) => !s.ok)).toEqual(expect.objectContaining({ step: 'launch probe instance', detail: 'socket hang up' }));
    expect(report.cleanup).toEqual({ terminated: true, removedObjects: expect.any(Number), problems: [] });
    const instances = await probeInstances();
    expect(instances.map((i) => [i.State?.Name, i.Tags?.find((t) => t.Key === 'showcore:run-id')?.Value])).toEqual([['terminated', 'e2e-lost-launch']]);
    expect(report.instanceId).toBe(instances[0].InstanceId);
    expect(await stagedObjects(f.backupsBucket)).toBe(0);
  });

  it('through Run Command the script carries the region before the fetch and never this machine\'s keys', async () => {
    const f = await fixture();
    const scripts: string[] = [];
    const runCommand: ProbeChannel = {
      name: 'run-command',
      waitUntilReachable: async () => undefined,
      run: async (_id, script) => {
        scripts.push(script);
        return { status: 'Success', exitCode: 0, stdout: 'PASS s3.put ok\nSUMMARY passed=1 failed=0\n', stderr: '' };
      },
    };
    const report = await verifyEnvironment(clients(), options({ channel: runCommand, rdsCaBundle: '-----BEGIN CERTIFICATE-----\n' }));
    expect(report.passed).toBe(true);
    const [script] = scripts;
    expect(script).toMatch(/aws s3 cp /);
    expect(script.indexOf("export AWS_REGION='us-east-1'")).toBeGreaterThan(-1);
    expect(script.indexOf("export AWS_REGION='us-east-1'")).toBeLessThan(script.indexOf('aws s3 cp '));
    expect(script).not.toMatch(/AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID|PROBE_S3_ENDPOINT/);
    expect(script).not.toContain(e2eEnv().AWS_SECRET_ACCESS_KEY as string);
    expect(await stagedObjects(f.backupsBucket)).toBe(0);
  });

  it('a staging that fails half-way: what it uploaded is removed, and no instance is launched', async () => {
    const f = await fixture();
    const c = clients();
    const send = c.s3.send.bind(c.s3) as (command: unknown) => Promise<unknown>;
    let puts = 0;
    (c.s3 as unknown as { send: (command: unknown) => Promise<unknown> }).send = async (command) => {
      if (command instanceof PutObjectCommand && ++puts === 3) throw new Error('SlowDown');
      return send(command);
    };
    const report = await verifyEnvironment(c, options());
    expect(report.passed).toBe(false);
    expect(report.steps.find((s) => !s.ok)).toEqual(expect.objectContaining({ step: 'stage probes', detail: 'SlowDown' }));
    expect(report.cleanup.removedObjects).toBe(2);
    expect(await stagedObjects(f.backupsBucket)).toBe(0);
    expect(await probeInstances()).toEqual([]);
  });

  it('a probe that hangs is killed after its own timeout and reported as failed; the instance is terminated', async () => {
    const f = await fixture();
    // Accepts connections and never answers.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const report = await verifyEnvironment(clients(), options({ probeEnvOverrides: { PROBE_S3_ENDPOINT: `http://127.0.0.1:${port}/${f.backupsBucket}`, PROBE_TIMEOUT_SECONDS: '2' } }));
      expect(report.inside?.results).toEqual(expect.arrayContaining([expect.objectContaining({ probe: 's3', check: 'timeout', passed: false, detail: expect.stringContaining('2s') })]));
      expect(report.passed).toBe(false);
      expect(report.cleanup.terminated).toBe(true);
      expect((await probeInstances()).map((i) => i.State?.Name)).toEqual(['terminated']);
    } finally {
      sockets.forEach((s) => s.destroy());
      silent.close();
    }
  });

  it('Ctrl-C during the run: exit 130, the instance terminated and the staged probes removed', async () => {
    const f = await fixture();
    const { code, log } = await runMain(['--environment=local', '--probes=s3', '--no-edge'], (line) => {
      if (line === '… instance running') process.emit('SIGINT', 'SIGINT');
    });
    expect(log).toMatch(/SIGINT: stopping/);
    expect(code).toBe(EXIT.interrupted);
    expect((await probeInstances()).map((i) => i.State?.Name)).toEqual(['terminated']);
    expect(await stagedObjects(f.backupsBucket)).toBe(0);
  });

  it('Ctrl-C during the preflight: exit 130 and nothing created', async () => {
    const f = await fixture();
    const { code } = await runMain(['--environment=local', '--probes=s3', '--no-edge'], (line) => {
      if (line === '… VPC endpoints') process.emit('SIGINT', 'SIGINT');
    });
    expect(code).toBe(EXIT.interrupted);
    expect(await probeInstances()).toEqual([]);
    expect(await stagedObjects(f.backupsBucket)).toBe(0);
  });

  it('the CLI: exit 0 and a report when every check passes', async () => {
    await fixture();
    const { code, log } = await runMain(['--environment=local', '--probes=s3', '--no-edge']);
    expect(log).toMatch(/Report: .*reports\/local\/verify\.md/);
    expect(code).toBe(EXIT.passed);
  });

  it('locally the probes run on this machine: the spec\'s three endpoints are enough, and the CLI says so', async () => {
    await fixture(['ssm', 'logs', 'monitoring']);
    const { code, log } = await runMain(['--environment=local', '--probes=s3', '--no-edge']);
    expect(log).toMatch(/interface endpoints: logs, monitoring, ssm \(not needed here: the probes run on this machine\)/);
    expect(code).toBe(EXIT.passed);
    expect((await probeInstances()).map((i) => i.State?.Name)).toEqual(['terminated']);
  });

  it('as deployed locally: moto emulates the database but not its secret, so the PostgreSQL probe is skipped and said so', async () => {
    // The host is loopback: were the probe not skipped, it would still never leave this machine.
    await fixture(['ssm', 'logs', 'monitoring'], 'localhost', undefined, 'not-emulated-locally', 'not-emulated-locally');
    const report = await verifyEnvironment(clients(), options({ probes: ['postgres', 'redis', 's3'] }));
    expect(report.skipped).toEqual([
      { probe: 'postgres', reason: 'the data tier published "not-emulated-locally" for its secret' },
      { probe: 'redis', reason: 'the data tier published "not-emulated-locally" for its endpoint' },
      { probe: 'edge', reason: expect.stringContaining('CDN is not deployed') },
    ]);
    expect(report.inside?.results.map((r) => r.probe)).toEqual(['s3', 's3', 's3']);
    expect(report.passed).toBe(true);
  });

  describe('refusals before anything is created (exit 2)', () => {
    it('missing Session Manager endpoints: names them and the configuration change', async () => {
      const f = await fixture(['ssm', 'logs', 'monitoring']);
      const report = verifyEnvironment(clients(), options({ channel: unusedRunCommand() }));
      await expect(report).rejects.toThrow(UsageError);
      await expect(report).rejects.toThrow(/lacks interface endpoint\(s\) the probe instance needs: ssmmessages, ec2messages\./);
      await expect(report).rejects.toThrow(/interfaceEndpoints of "local" in apps\/network\/src\/config\/environments\.ts/);
      await expect(report).rejects.toThrow(/npx nx run network:deploy -c local/);
      expect(await probeInstances()).toEqual([]);
      expect(await stagedObjects(f.backupsBucket)).toBe(0);
    });

    it('the PostgreSQL probe also needs the secretsmanager endpoint', async () => {
      await fixture(['ssm', 'ssmmessages', 'ec2messages', 'logs'], 'showcore-db.example.internal');
      const report = verifyEnvironment(clients(), options({ probes: ['postgres', 's3'], channel: unusedRunCommand() }));
      await expect(report).rejects.toThrow(/lacks interface endpoint\(s\) the probe instance needs: secretsmanager\./);
      expect(await probeInstances()).toEqual([]);
    });

    it('credentials of another account', async () => {
      await fixture();
      const { code, log } = await runMain(['--environment=local', '--probes=s3', '--account=999999999999']);
      expect(code).toBe(EXIT.usage);
      expect(log).toMatch(/belong to account 123456789012 .* but --account says 999999999999/);
      expect(await probeInstances()).toEqual([]);
    });

    it('an environment whose tiers are not deployed: the parameters and the tiers to deploy', async () => {
      await resetEmulator();
      const { code, log } = await runMain(['--environment=local', '--probes=s3']);
      expect(code).toBe(EXIT.usage);
      expect(log).toMatch(/\/showcore\/local\/network\/vpc-id \(published by the network tier\)/);
      expect(log).toMatch(/\/showcore\/local\/ops\/verify-instance-profile-name \(published by the ops tier\)/);
      expect(log).toMatch(/Deploy the network tier \(npx nx run network:deploy -c local\)/);
      expect(await probeInstances()).toEqual([]);
    });

    it('probes that would leave this machine are refused for the emulator', async () => {
      const { code, log } = await runMain(['--environment=local', '--probes=internet']);
      expect(code).toBe(EXIT.usage);
      expect(log).toMatch(/internet resolve public AWS names/);
    });
  });
});

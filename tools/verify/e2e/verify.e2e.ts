/**
 * The verify orchestration against moto, with the probe function's handler executed in this process through the
 * invoker seam (moto runs Lambda functions only in Docker, which this project does not use): the preflight's
 * refusals create nothing; a run invokes the function once, reports its checks, and always removes what was
 * written under `_verify/<run id>/` — also when the invoke times out, a probe hangs, or on Ctrl-C. The function
 * itself exists in the emulator (created by the fixture), so "not deployed" and "not in the application security
 * group" are the real API answers. The synchronous Lambda invoke is covered with aws-sdk-client-mock in
 * tools/verify/test/invoker.test.ts.
 */
import * as fs from 'node:fs';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { clientConfig } from '#tools/lib/aws-clients';
import { e2eEnv } from '#tools/emulator/harness';
import { EXIT } from '../cli';
import { verifyEnvironment } from '../verify';
import { generateCertificates, startPostgres, startRedis, tempDir } from '../test/probes/servers';
import { clients, fixture, leftUnderVerify, seam, options, runMain, silentServer } from './verify-support';

describe('verify against the emulator (the handler in-process through the invoker seam)', () => {
  it("on the default configuration (the spec's three endpoints): one invoke of the function, its checks reported, nothing left behind", async () => {
    const f = await fixture();
    const invoked: string[] = [];
    const lines: string[] = [];
    const report = await verifyEnvironment(clients(), options({ runId: 'e2e-happy', invoker: seam({}, invoked), log: (l) => lines.push(l) }));

    expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    expect(report.steps.map((s) => s.step)).toEqual(['credentials', 'inputs from SSM', 'probe function', 'probes inside the VPC (probe function)']);
    expect(report.steps[2].detail).toBe(`${f.functionName} (nodejs22.x, subnets ${f.subnetId})`);
    expect(invoked).toEqual([f.functionName]);
    expect(report.probeFunction).toEqual({ name: f.functionName, invoker: 'in-process' });
    expect(report.inside?.results.map((r) => `${r.passed ? 'PASS' : 'FAIL'} ${r.probe}.${r.check}`)).toEqual(['PASS s3.put', 'PASS s3.get', 'PASS s3.delete']);
    expect(report.inside?.results[0].detail).toMatch(new RegExp(`^PUT s3://${f.backupsBucket}/_verify/e2e-happy/s3-probe-`));
    expect(report.skipped).toEqual([{ probe: 'edge', reason: expect.stringContaining('CDN is not deployed') }]);
    expect(report.cleanup).toEqual({ removedObjects: 0, problems: [] });
    expect(report.passed).toBe(true);
    expect(await leftUnderVerify(f.backupsBucket)).toBe(0);
    // No instance, no Run Command, no extra endpoint: nothing of the old path is even looked at.
    expect(lines.join('\n')).not.toMatch(/instance|Systems Manager|endpoint/i);
  });

  it("end to end with the data probes: targets from SSM, PostgreSQL and Redis over TLS on loopback, through the function's handler", async () => {
    const certs = generateCertificates(tempDir('e2e-certs'));
    const acl = {
      user: 'showcore-redis-local-probe',
      password: `pw-${Math.random().toString(36).slice(2)}`,
      rules: '~showcore:verify:* -@all +ping +set +get +del +exists',
    };
    const postgres = await startPostgres(certs, 'tls-only');
    const redis = await startRedis(certs, 'tls-only', acl);
    try {
      await fixture({ dbHost: 'localhost', redisHost: 'localhost', ports: { db: postgres.port, redis: redis.port } });
      const ca = fs.readFileSync(certs.ca, 'utf8');
      const report = await verifyEnvironment(
        clients(),
        options({
          probes: ['postgres', 'redis', 's3'],
          rdsCaBundle: ca,
          // What the function's role would sign as IAM tokens; the test servers take passwords. The user names come
          // from SSM (Redis) and the contract (PostgreSQL); the test server's login is its own.
          invoker: seam({ postgresPassword: async () => postgres.password, redisPassword: async () => acl.password, redisCa: ca }),
          requestOverrides: { postgres: { host: 'localhost', port: postgres.port, user: postgres.user, caBundle: ca } },
        }),
      );
      expect(report.inside?.results.map((r) => `${r.passed ? 'PASS' : 'FAIL'} ${r.probe}.${r.check}`)).toEqual([
        'PASS postgres.tls',
        'PASS postgres.crud',
        'PASS postgres.plaintext-refused',
        'PASS redis.default-user-off',
        'PASS redis.tls',
        'PASS redis.set-get-del',
        'PASS redis.plain-tcp-refused',
        'PASS s3.put',
        'PASS s3.get',
        'PASS s3.delete',
      ]);
      expect(report.inside?.results.find((r) => r.check === 'tls' && r.probe === 'redis')?.detail).toContain('as showcore-redis-local-probe');
      expect(report.passed).toBe(true);
      expect(JSON.stringify(report)).not.toContain(postgres.password);
    } finally {
      await Promise.all([postgres.stop(), redis.stop()]);
      fs.rmSync(certs.dir, { recursive: true, force: true });
    }
  });

  it("a database that refuses the probe user's login: the check fails, the report names --create-probe-user, exit 1", async () => {
    const certs = generateCertificates(tempDir('e2e-certs'));
    const postgres = await startPostgres(certs, 'tls-only');
    try {
      await fixture({ dbHost: 'localhost', ports: { db: postgres.port, redis: 6379 } });
      const ca = fs.readFileSync(certs.ca, 'utf8');
      const report = await verifyEnvironment(
        clients(),
        options({
          probes: ['postgres'],
          rdsCaBundle: ca,
          invoker: seam({ postgresPassword: async () => 'a-token-for-a-user-that-does-not-exist' }),
          requestOverrides: { postgres: { host: 'localhost', port: postgres.port, user: 'showcore_probe', caBundle: ca } },
        }),
      );
      expect(report.inside?.results.map((r) => `${r.passed ? 'PASS' : 'FAIL'} ${r.probe}.${r.check}`)).toEqual(['FAIL postgres.tls']);
      expect(report.inside?.problems).toEqual([
        expect.stringMatching(/refused the IAM login of showcore_probe.*npm run verify -- --environment=local --create-probe-user/),
      ]);
      expect(report.passed).toBe(false);
    } finally {
      await postgres.stop();
      fs.rmSync(certs.dir, { recursive: true, force: true });
    }
  });

  it('a probe that hangs is cut at its own timeout and reported as failed; the run still cleans up', async () => {
    const f = await fixture();
    const silent = await silentServer();
    try {
      const hanging = () => new S3Client({ ...clientConfig(e2eEnv()), endpoint: `http://127.0.0.1:${silent.port}`, forcePathStyle: true, maxAttempts: 1 });
      const report = await verifyEnvironment(
        clients(),
        options({ invoker: seam({ s3: hanging }), timeouts: { probeMs: 1500, invokeMs: 20_000, edgeSeconds: 30 } }),
      );
      expect(report.inside?.results).toEqual([
        expect.objectContaining({ probe: 's3', check: 'timeout', passed: false, detail: 'the s3 probe did not finish within 1500 ms' }),
      ]);
      expect(report.passed).toBe(false);
      expect(report.cleanup.problems).toEqual([]);
      expect(await leftUnderVerify(f.backupsBucket)).toBe(0);
    } finally {
      silent.close();
    }
  });

  it("an invoke that times out: the step fails naming the limit and the function's log group, and what the run left is removed", async () => {
    const f = await fixture();
    const runId = 'e2e-invoke-timeout';
    // What a function cut short by the limit may leave: an object of the S3 probe under the run's prefix.
    await clients().s3.send(new PutObjectCommand({ Bucket: f.backupsBucket, Key: `_verify/${runId}/s3-probe-left.txt`, Body: 'left' }));
    const never = { send: () => new Promise(() => undefined) } as unknown as S3Client;
    const lines: string[] = [];
    const report = await verifyEnvironment(
      clients(),
      options({ runId, invoker: seam({ s3: () => never }), timeouts: { probeMs: 20_000, invokeMs: 1000, edgeSeconds: 30 }, log: (l) => lines.push(l) }),
    );
    const failed = report.steps.find((s) => !s.ok);
    expect(failed?.step).toBe('probes inside the VPC (probe function)');
    expect(failed?.detail).toMatch(new RegExp(`${f.functionName} did not answer within 1 s.*--invoke-timeout.*/aws/lambda/${f.functionName}`));
    expect(report.inside).toBeUndefined();
    expect(report.passed).toBe(false);
    expect(report.cleanup).toEqual({ removedObjects: 1, problems: [] });
    expect(await leftUnderVerify(f.backupsBucket)).toBe(0);
  });

  it('the CLI: exit 0, the report written, the function named in it', async () => {
    const f = await fixture();
    const { code, log } = await runMain(['--environment=local', '--probes=s3', '--no-edge']);
    expect(log).toMatch(/Report: .*reports\/local\/verify\.md/);
    expect(log).toContain(`probe function ${f.functionName} (in-process)`);
    expect(code).toBe(EXIT.passed);
    expect(await leftUnderVerify(f.backupsBucket)).toBe(0);
  });

  it("as deployed locally: the data tier's placeholders and the emulator's names are skipped, each with its reason", async () => {
    await fixture({ dbHost: 'showcore-rds-local-postgres.abc.us-east-1.rds.amazonaws.com' });
    const report = await verifyEnvironment(clients(), options({ probes: ['postgres', 'redis', 's3'] }));
    expect(report.skipped).toEqual([
      {
        probe: 'postgres',
        reason: expect.stringMatching(/^locally the probe runs on this machine and showcore-rds-local-postgres\..* is the emulator's name, not a server/),
      },
      { probe: 'redis', reason: 'the data tier published "not-emulated-locally" for its endpoint' },
      { probe: 'edge', reason: expect.stringContaining('CDN is not deployed') },
    ]);
    expect(report.inside?.results.map((r) => r.probe)).toEqual(['s3', 's3', 's3']);
    expect(report.passed).toBe(true);
  });

  it('Ctrl-C as the invoke starts: exit 130, and nothing left under _verify/', async () => {
    const f = await fixture();
    const { code, log } = await runMain(['--environment=local', '--probes=s3', '--no-edge'], (line) => {
      if (line === '… probes inside the VPC (probe function)') process.emit('SIGINT', 'SIGINT');
    });
    expect(log).toMatch(/SIGINT: stopping; what the run wrote under _verify\/.* is removed before exit/);
    expect(log).toMatch(/Interrupted; clean-up done\./);
    expect(code).toBe(EXIT.interrupted);
    expect(await leftUnderVerify(f.backupsBucket)).toBe(0);
  });
});

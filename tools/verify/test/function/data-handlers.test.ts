/**
 * The probe function's PostgreSQL and Redis probes (through `serve`, the handler's seam) against real TLS-only
 * servers on 127.0.0.1: each passes against the correctly configured server and fails, on exactly the right
 * check, against a misconfigured one (plain TCP allowed, no TLS, wrong CA, default user on).
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { serve, type ProbeEnvironment } from '../../function/handler';
import type { ProbeRequest } from '../../function/protocol';
import { redisStepWaitMs } from '../../function/redis-probe';
import { generateCertificates, startPostgres, startRedis, tempDir, type Certificates, type PostgresServer, type RedisServer } from '../probes/servers';

jest.setTimeout(60000);

const lines = (results: readonly { passed: boolean; probe: string; check: string; detail: string }[]) =>
  results.map((r) => {
    if (process.env.SHOW_DETAIL) console.log(r.detail);
    return `${r.passed ? 'PASS' : 'FAIL'} ${r.probe}.${r.check}`;
  });

let certs: Certificates;
let otherCa: Certificates;
beforeAll(() => {
  certs = generateCertificates(tempDir('certs'));
  otherCa = generateCertificates(tempDir('other-ca'));
});
afterAll(() => {
  for (const c of [certs, otherCa]) fs.rmSync(c.dir, { recursive: true, force: true });
});

function environment(password: string, overrides: Partial<ProbeEnvironment> = {}): ProbeEnvironment {
  const s3 = () => {
    throw new Error('the data probes never use S3');
  };
  return {
    region: 'us-east-1',
    redisCa: fs.readFileSync(certs.ca, 'utf8'),
    postgresPassword: async () => password,
    redisPassword: async () => password,
    s3,
    ...overrides,
  };
}

describe('postgres probe', () => {
  const servers: PostgresServer[] = [];
  afterAll(async () => void (await Promise.all(servers.map((s) => s.stop()))));
  const start = async (mode: Parameters<typeof startPostgres>[1]) => {
    const server = await startPostgres(certs, mode);
    servers.push(server);
    return server;
  };
  const request = async (server: PostgresServer, host = 'localhost', ca = certs.ca): Promise<ProbeRequest> => ({
    action: 'probe',
    runId: 'test-run',
    probes: ['postgres'],
    probeTimeoutMs: 30000,
    postgres: { host, port: server.port, user: server.user, caBundle: await fsp.readFile(ca, 'utf8') },
  });

  it('passes against a TLS-only (hostssl) server: verify-full, CRUD, plain TCP refused — and leaves no table behind', async () => {
    const server = await start('tls-only');
    const response = await serve(await request(server), environment(server.password));
    expect(lines(response.results)).toEqual(['PASS postgres.tls', 'PASS postgres.crud', 'PASS postgres.plaintext-refused']);
    expect(server.query("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'showcore_verify_%'")).toBe('0');
    expect(JSON.stringify(response)).not.toContain(server.password);
  });

  it('fails when the server also accepts plain TCP', async () => {
    const server = await start('plain-allowed');
    const response = await serve(await request(server), environment(server.password));
    expect(lines(response.results)).toEqual(['PASS postgres.tls', 'PASS postgres.crud', 'FAIL postgres.plaintext-refused']);
  });

  it('fails when the server has no TLS at all', async () => {
    const server = await start('no-tls');
    expect(lines((await serve(await request(server), environment(server.password))).results)).toEqual(['FAIL postgres.tls']);
  });

  it('fails verify-full against another CA (a server it cannot authenticate)', async () => {
    const server = servers[0];
    const wrongCa = await serve(await request(server, 'localhost', otherCa.ca), environment(server.password));
    expect(lines(wrongCa.results)).toEqual(['FAIL postgres.tls']);
    expect(wrongCa.results[0].detail).toMatch(/unable to verify the first certificate/);
  });

  it('a refused login names the fix: create the IAM probe user once', async () => {
    const response = await serve(await request(servers[0]), environment('not-the-password'));
    expect(lines(response.results)).toEqual(['FAIL postgres.tls']);
    expect(response.results[0].detail).toMatch(
      /may not exist yet \(or lacks rds_iam\) — create it once with "npm run verify -- --environment=<env> --create-probe-user"/,
    );
  });

  it('create-probe-user makes an rds_iam login with its own schema, idempotently, and the probe then works as that user', async () => {
    const server = servers[0];
    server.query('CREATE ROLE rds_iam');
    const caBundle = await fsp.readFile(certs.ca, 'utf8');
    const create = {
      action: 'create-probe-user',
      postgres: { host: 'localhost', port: server.port, user: 'showcore_probe', caBundle },
      master: { user: server.user, password: server.password },
    };
    for (const attempt of [1, 2]) {
      const response = await serve(create, environment('unused'));
      expect({ attempt, lines: lines(response.results) }).toEqual({ attempt, lines: ['PASS probe-user.created'] });
      expect(JSON.stringify(response)).not.toContain(server.password);
    }
    expect(server.query("SELECT pg_has_role('showcore_probe', 'rds_iam', 'member')")).toBe('t');
    expect(server.query("SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'showcore_probe'")).toBe('showcore_probe');
    // Locally there is no IAM: give the role a password to prove it can run the probe (PostgreSQL 15 lets no one else create in public).
    server.query("ALTER ROLE showcore_probe PASSWORD 'probe-local-only'");
    const probe = await request(server);
    const response = await serve(
      { ...probe, postgres: { ...(probe.postgres as NonNullable<ProbeRequest['postgres']>), user: 'showcore_probe' } },
      environment('probe-local-only'),
    );
    expect(lines(response.results)).toEqual(['PASS postgres.tls', 'PASS postgres.crud', 'PASS postgres.plaintext-refused']);
  });

  it('create-probe-user with a wrong master password fails without echoing it', async () => {
    const server = servers[0];
    const caBundle = await fsp.readFile(certs.ca, 'utf8');
    const response = await serve(
      {
        action: 'create-probe-user',
        postgres: { host: 'localhost', port: server.port, user: 'showcore_probe', caBundle },
        master: { user: server.user, password: 'wrong-secret-value' },
      },
      environment('unused'),
    );
    expect(lines(response.results)).toEqual(['FAIL probe-user.created']);
    expect(JSON.stringify(response)).not.toContain('wrong-secret-value');
  });
});

describe("the redis probe's step limit", () => {
  it('is 5 s from the default 45 s probe limit, an eighth of a shorter one, and never under 1 s', () => {
    expect(redisStepWaitMs(45000)).toBe(5000);
    expect(redisStepWaitMs(40000)).toBe(5000);
    expect(redisStepWaitMs(16000)).toBe(2000);
    expect(redisStepWaitMs(1500)).toBe(1000);
  });
});

describe('redis probe', () => {
  const servers: RedisServer[] = [];
  afterAll(async () => void (await Promise.all(servers.map((s) => s.stop()))));
  const acl = {
    user: 'showcore-redis-test-probe',
    password: `pw-${Math.random().toString(36).slice(2)}`,
    rules: '~showcore:verify:* -@all +ping +set +get +del +exists',
  };
  const request = (server: RedisServer): ProbeRequest => ({
    action: 'probe',
    runId: 'test-run',
    probes: ['redis'],
    probeTimeoutMs: 30000,
    redis: { host: 'localhost', port: server.port, replicationGroupId: 'showcore-redis-test-cache', user: acl.user },
  });

  it('passes against a TLS-only server with RBAC: default user off, SET/GET/DEL as the probe user, plain TCP unanswered — and leaves no key', async () => {
    const server = await startRedis(certs, 'tls-only', acl);
    servers.push(server);
    const response = await serve(request(server), environment(acl.password));
    expect(lines(response.results)).toEqual(['PASS redis.default-user-off', 'PASS redis.tls', 'PASS redis.set-get-del', 'PASS redis.plain-tcp-refused']);
    expect(server.cli('DBSIZE')).toBe('0');
  });

  it('fails when the default user is on (no RBAC)', async () => {
    const server = await startRedis(certs, 'tls-only');
    servers.push(server);
    const response = await serve(request(server), environment(acl.password));
    expect(lines(response.results)[0]).toBe('FAIL redis.default-user-off');
  });

  it('fails against a plain-TCP server: no TLS, and plain TCP answers', async () => {
    const server = await startRedis(certs, 'plain', acl);
    servers.push(server);
    // The server never answers a TLS hello, so two steps wait out their limit: 2 s each from a 16 s probe limit.
    const response = await serve({ ...request(server), probeTimeoutMs: 16000 }, { ...environment(acl.password) });
    expect(lines(response.results)).toEqual(['FAIL redis.default-user-off', 'FAIL redis.tls', 'FAIL redis.plain-tcp-refused']);
  });

  it('fails TLS against a server it cannot authenticate (another CA), and with a wrong token', async () => {
    const wrongCa = await serve(request(servers[0]), environment(acl.password, { redisCa: fs.readFileSync(otherCa.ca, 'utf8') }));
    expect(lines(wrongCa.results)).toEqual(['FAIL redis.default-user-off', 'FAIL redis.tls', 'PASS redis.plain-tcp-refused']);
    const wrongToken = await serve(request(servers[0]), environment('not-the-token'));
    expect(lines(wrongToken.results)).toEqual(['PASS redis.default-user-off', 'FAIL redis.tls', 'PASS redis.plain-tcp-refused']);
    expect(wrongToken.results[1].detail).toMatch(/WRONGPASS/);
  });

  it("a server that never answers is reported as the probe's timeout, and the function answers anyway", async () => {
    const net = await import('node:net');
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    const started = Date.now();
    const response = await serve(
      {
        ...request(servers[0]),
        probeTimeoutMs: 1500,
        redis: { ...(request(servers[0]).redis as NonNullable<ProbeRequest['redis']>), host: '127.0.0.1', port },
      },
      environment(acl.password),
    );
    silent.close();
    expect(lines(response.results)).toEqual(['FAIL redis.timeout']);
    expect(response.results[0].detail).toMatch(/within 1500 ms/);
    expect(Date.now() - started).toBeLessThan(10000);
  });
});

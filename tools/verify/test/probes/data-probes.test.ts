/**
 * postgres.sh and redis.sh against real servers on 127.0.0.1: each passes against the correctly configured server
 * and fails, on exactly the right check, against a misconfigured one.
 */
import * as fs from 'node:fs';
import { parseProbeOutput } from '../../results';
import { generateCertificates, runProbe, startPostgres, startRedis, tempDir, type Certificates, type PostgresServer, type RedisServer } from './servers';

jest.setTimeout(60000);

function lines(stdout: string): string[] {
  return parseProbeOutput(stdout).map((r) => `${r.passed ? 'PASS' : 'FAIL'} ${r.probe}.${r.check}`);
}

let certs: Certificates;
beforeAll(() => {
  certs = generateCertificates(tempDir('certs'));
});
afterAll(() => fs.rmSync(certs.dir, { recursive: true, force: true }));

describe('postgres.sh', () => {
  const servers: PostgresServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });
  const start = async (mode: Parameters<typeof startPostgres>[1]) => {
    const server = await startPostgres(certs, mode);
    servers.push(server);
    return server;
  };
  const inputs = (server: PostgresServer, extra: Record<string, string> = {}) => ({
    PGHOST: 'localhost',
    PGPORT: String(server.port),
    PGUSER: server.user,
    PGPASSWORD: server.password,
    PGDATABASE: 'postgres',
    PROBE_DB_CA_BUNDLE: certs.ca,
    ...extra,
  });

  it('passes against a TLS-only (hostssl) server: verify-full, CRUD, plain TCP refused — and leaves no table behind', async () => {
    const server = await start('tls-only');
    const run = await runProbe('postgres.sh', inputs(server));
    expect(lines(run.stdout)).toEqual(['PASS postgres.tls', 'PASS postgres.crud', 'PASS postgres.plaintext-refused']);
    expect(run.code).toBe(0);
    expect(server.query("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'showcore_verify_%'")).toBe('0');
    expect(run.stdout + run.stderr).not.toContain(server.password);
  });

  it('fails when the server also accepts plain TCP', async () => {
    const server = await start('plain-allowed');
    const run = await runProbe('postgres.sh', inputs(server));
    expect(lines(run.stdout)).toEqual(['PASS postgres.tls', 'PASS postgres.crud', 'FAIL postgres.plaintext-refused']);
    expect(run.code).toBe(1);
  });

  it('fails when the server has no TLS at all', async () => {
    const server = await start('no-tls');
    const run = await runProbe('postgres.sh', inputs(server));
    expect(lines(run.stdout)).toEqual(['FAIL postgres.tls']);
    expect(run.code).toBe(1);
  });

  it('fails verify-full against another CA (a server it cannot authenticate)', async () => {
    const server = servers[0];
    const other = generateCertificates(tempDir('other-ca'));
    const run = await runProbe('postgres.sh', inputs(server, { PROBE_DB_CA_BUNDLE: other.ca }));
    expect(lines(run.stdout)).toEqual(['FAIL postgres.tls']);
    expect(run.stdout).toMatch(/certificate verify failed/);
    fs.rmSync(other.dir, { recursive: true, force: true });
  });

  it('fails verify-full when the host name is not the certificate\'s', async () => {
    const server = servers[0];
    // 127.0.0.2 is loopback too, but neither DNS:localhost nor IP:127.0.0.1.
    const run = await runProbe('postgres.sh', inputs(server, { PGHOST: '127.0.0.2' }));
    expect(lines(run.stdout)).toEqual(['FAIL postgres.tls']);
  });

  it('exits 2 naming a missing input', async () => {
    const run = await runProbe('postgres.sh', { PGHOST: 'localhost', PGPORT: '1', PGUSER: 'x', PROBE_DB_CA_BUNDLE: certs.ca });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/missing input PGPASSWORD/);
    expect(run.stdout).toBe('');
  });
});

describe('redis.sh', () => {
  const servers: RedisServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });
  const inputs = (server: RedisServer, extra: Record<string, string> = {}) => ({
    PROBE_REDIS_HOST: 'localhost',
    PROBE_REDIS_PORT: String(server.port),
    PROBE_REDIS_CA_BUNDLE: certs.ca,
    ...extra,
  });

  it('passes against a TLS-only server: SET/GET/DEL over TLS, plain TCP gets no PONG — and leaves no key', async () => {
    const server = await startRedis(certs, 'tls-only');
    servers.push(server);
    const run = await runProbe('redis.sh', inputs(server));
    expect(lines(run.stdout)).toEqual(['PASS redis.tls', 'PASS redis.set-get-del', 'PASS redis.plain-tcp-refused']);
    expect(run.code).toBe(0);
    expect(server.cli('DBSIZE')).toBe('0');
  });

  it('fails against a plain-TCP server: no TLS, and plain TCP answers', async () => {
    const server = await startRedis(certs, 'plain');
    servers.push(server);
    // A TLS handshake with a plain server hangs until the probe's own timeout.
    const run = await runProbe('redis.sh', inputs(server, { PROBE_REDIS_TIMEOUT: '2' }));
    expect(lines(run.stdout)).toEqual(['FAIL redis.tls', 'FAIL redis.plain-tcp-refused']);
    expect(run.code).toBe(1);
  });

  it('fails TLS against a server it cannot authenticate (another CA)', async () => {
    const other = generateCertificates(tempDir('other-ca'));
    const run = await runProbe('redis.sh', inputs(servers[0], { PROBE_REDIS_CA_BUNDLE: other.ca }));
    expect(lines(run.stdout)).toEqual(['FAIL redis.tls', 'PASS redis.plain-tcp-refused']);
    fs.rmSync(other.dir, { recursive: true, force: true });
  });

  it('a server that never answers is given up on within the probe\'s own timeout', async () => {
    const net = await import('node:net');
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    const run = await runProbe('redis.sh', { PROBE_REDIS_HOST: '127.0.0.1', PROBE_REDIS_PORT: String(port), PROBE_REDIS_CA_BUNDLE: certs.ca, PROBE_REDIS_TIMEOUT: '1' });
    silent.close();
    expect(lines(run.stdout)).toEqual(['FAIL redis.tls', 'PASS redis.plain-tcp-refused']);
  });
});

/**
 * s3.sh against moto's S3, endpoints.sh and internet.sh against servers on 127.0.0.1, and run-probes.sh (timeouts,
 * the secret, the summary). Only loopback addresses are contacted; the probes' public defaults never are.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as path from 'node:path';
import { CreateBucketCommand, ListObjectVersionsCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { startEmulator, type Emulator } from '../../../local/moto';
import { parseProbeOutput } from '../../results';
import { freeLoopbackPort, generateCertificates, PROBES, runProbe, tempDir, type Certificates } from './servers';

jest.setTimeout(60000);

function lines(stdout: string): string[] {
  return parseProbeOutput(stdout).map((r) => `${r.passed ? 'PASS' : 'FAIL'} ${r.probe}.${r.check}`);
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

let certs: Certificates;
beforeAll(() => {
  certs = generateCertificates(tempDir('certs'));
});
afterAll(() => fs.rmSync(certs.dir, { recursive: true, force: true }));

describe('s3.sh against the emulator', () => {
  let emulator: Emulator;
  let s3: S3Client;
  const bucket = 'showcore-backups-probe-test';
  beforeAll(async () => {
    emulator = await startEmulator({ logFile: path.join(tempDir('moto'), 'moto.log'), preferredPort: 5700 });
    s3 = new S3Client({ endpoint: emulator.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  });
  afterAll(async () => emulator?.stop());
  const inputs = (b: string) => ({ PROBE_S3_BUCKET: b, PROBE_S3_PREFIX: '_verify/test/', AWS_REGION: 'us-east-1', PROBE_S3_ENDPOINT: `${emulator.endpoint}/${b}`, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' });

  it('PUT, GET and DELETE of a versioned object, leaving no object, no version and no temporary file behind', async () => {
    const tmp = tempDir('s3-tmp');
    const run = await runProbe('s3.sh', { ...inputs(bucket), TMPDIR: tmp });
    expect(fs.readdirSync(tmp)).toEqual([]);
    fs.rmSync(tmp, { recursive: true, force: true });
    expect(lines(run.stdout)).toEqual(['PASS s3.put', 'PASS s3.get', 'PASS s3.delete']);
    expect(run.stdout).toMatch(/PASS s3\.put PUT s3:\/\/showcore-backups-probe-test\/_verify\/test\/s3-probe-\S+\.txt \(version \S+\)/);
    expect(run.code).toBe(0);
    const left = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: '_verify/' }));
    expect([...(left.Versions ?? []), ...(left.DeleteMarkers ?? [])]).toEqual([]);
    expect(run.stdout + run.stderr).not.toMatch(/testing/);
  });

  it('fails on a bucket it cannot write (here: one that does not exist)', async () => {
    const run = await runProbe('s3.sh', inputs('showcore-no-such-bucket'));
    expect(lines(run.stdout)).toEqual(['FAIL s3.put']);
    expect(run.stdout).toMatch(/HTTP 404/);
    expect(run.code).toBe(1);
  });

  it('without credentials and without instance metadata: exit 2 saying so', async () => {
    const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, ...rest } = inputs(bucket);
    // The metadata address is not loopback: point the probe's IMDS lookups at a closed loopback port instead.
    const fakeCurl = tempDir('fake-curl');
    fs.writeFileSync(path.join(fakeCurl, 'curl'), '#!/bin/sh\nexit 7\n', { mode: 0o755 });
    const run = await runProbe('s3.sh', { ...rest, PATH: `${fakeCurl}:${process.env.PATH}` });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no AWS_ACCESS_KEY_ID and no instance metadata \(IMDSv2\)/);
    fs.rmSync(fakeCurl, { recursive: true, force: true });
  });
});

describe('endpoints.sh', () => {
  let port: number;
  let server: https.Server;
  beforeAll(async () => {
    server = https.createServer({ cert: fs.readFileSync(certs.cert), key: fs.readFileSync(certs.key) }, (_req, res) => {
      res.statusCode = 404;
      res.end('<UnknownOperationException/>');
    });
    port = await listen(server);
  });
  afterAll(() => server.close());
  const inputs = (cidr: string, p = port) => ({ PROBE_ENDPOINT_HOSTS: 'localhost', PROBE_ENDPOINT_PORT: String(p), PROBE_VPC_CIDR: cidr, PROBE_ENDPOINT_CA_BUNDLE: certs.ca, PROBE_ENDPOINT_TIMEOUT: '3' });

  it('passes when the name resolves inside the VPC CIDR and answers HTTPS (any status)', async () => {
    const run = await runProbe('endpoints.sh', inputs('127.0.0.0/8'));
    expect(lines(run.stdout)).toEqual(['PASS endpoints.localhost-private-dns', 'PASS endpoints.localhost-answers']);
    expect(run.stdout).toMatch(/answered HTTP 404/);
    expect(run.code).toBe(0);
  });

  it('fails when the name resolves outside the VPC (no endpoint, or private DNS off)', async () => {
    const run = await runProbe('endpoints.sh', inputs('10.0.0.0/16'));
    expect(lines(run.stdout)).toEqual(['FAIL endpoints.localhost-private-dns', 'PASS endpoints.localhost-answers']);
    expect(run.stdout).toMatch(/resolves outside 10\.0\.0\.0\/16: 127\.0\.0\.1/);
    expect(run.code).toBe(1);
  });

  it('fails when nothing answers HTTPS (endpoint security group)', async () => {
    const closed = await freeLoopbackPort();
    const run = await runProbe('endpoints.sh', inputs('127.0.0.0/8', closed));
    expect(lines(run.stdout)).toEqual(['PASS endpoints.localhost-private-dns', 'FAIL endpoints.localhost-answers']);
  });

  it.each([
    ['127.0.0.1', '127.0.0.0/8', true],
    ['127.0.0.1', '127.0.0.1/32', true],
    ['127.0.0.1', '127.0.0.2/32', false],
    ['127.0.0.1', '10.0.0.0/8', false],
  ])('the CIDR arithmetic: %s in %s is %s', async (_address, cidr, inside) => {
    const run = await runProbe('endpoints.sh', { PROBE_ENDPOINT_HOSTS: '127.0.0.1', PROBE_ENDPOINT_PORT: String(port), PROBE_VPC_CIDR: cidr, PROBE_ENDPOINT_CA_BUNDLE: certs.ca, PROBE_ENDPOINT_TIMEOUT: '3' });
    expect(lines(run.stdout)[0]).toBe(`${inside ? 'PASS' : 'FAIL'} endpoints.127-0-0-1-private-dns`);
  });
});

describe('internet.sh', () => {
  it('passes when every URL is unreachable', async () => {
    const closed = await freeLoopbackPort();
    const run = await runProbe('internet.sh', { PROBE_INTERNET_URLS: `http://127.0.0.1:${closed}/ http://127.0.0.1:${closed}/again`, PROBE_INTERNET_TIMEOUT: '2' });
    expect(lines(run.stdout)).toEqual(['PASS internet.unreachable-1', 'PASS internet.unreachable-2']);
    expect(run.code).toBe(0);
  });

  it('fails when a URL answers: the subnet has a way out', async () => {
    const server = http.createServer((_req, res) => res.end('reachable'));
    const port = await listen(server);
    const closed = await freeLoopbackPort();
    const run = await runProbe('internet.sh', { PROBE_INTERNET_URLS: `http://127.0.0.1:${closed}/ http://127.0.0.1:${port}/`, PROBE_INTERNET_TIMEOUT: '2' });
    server.close();
    expect(lines(run.stdout)).toEqual(['PASS internet.unreachable-1', 'FAIL internet.unreachable-2']);
    expect(run.code).toBe(1);
  });
});

describe('run-probes.sh', () => {
  function probeDir(probes: Record<string, string>): string {
    const dir = tempDir('probes');
    fs.copyFileSync(path.join(PROBES, 'lib.sh'), path.join(dir, 'lib.sh'));
    for (const [name, body] of Object.entries(probes)) fs.writeFileSync(path.join(dir, `${name}.sh`), `. "$(dirname "$0")/lib.sh"\nPROBE_NAME=${name}\n${body}\n`);
    return dir;
  }

  it('runs the probes in order, passes their lines through, and sums them up', async () => {
    const dir = probeDir({ one: 'pass a ok; finish', two: 'pass b ok; fail c broken; finish' });
    const run = await runProbe('run-probes.sh', { PROBE_DIR: dir, PROBES: 'one two' });
    expect(run.stdout).toBe('PASS one.a ok\nPASS two.b ok\nFAIL two.c broken\nSUMMARY passed=2 failed=1\n');
    expect(run.code).toBe(1);
  });

  it('kills a probe that hangs after its own timeout and reports it as failed, then goes on', async () => {
    const dir = probeDir({ hang: 'pass started ok; sleep 60; finish', after: 'pass ran ok; finish' });
    const run = await runProbe('run-probes.sh', { PROBE_DIR: dir, PROBES: 'hang after', PROBE_TIMEOUT_SECONDS: '1' });
    expect(lines(run.stdout)).toEqual(['PASS hang.started', 'FAIL hang.timeout', 'PASS after.ran']);
    expect(run.stdout).toMatch(/FAIL hang\.timeout killed after 1s/);
    expect(run.stdout).toMatch(/SUMMARY passed=2 failed=1/);
    expect(run.code).toBe(1);
  });

  it('reports incomplete input and unknown probes as failures', async () => {
    const dir = probeDir({ needs: 'require SOMETHING; finish' });
    const run = await runProbe('run-probes.sh', { PROBE_DIR: dir, PROBES: 'needs nosuch' });
    expect(run.stdout).toMatch(/^FAIL needs\.input needs: missing input SOMETHING/m);
    expect(run.stdout).toMatch(/^FAIL nosuch\.input no probe named nosuch/m);
    expect(run.code).toBe(1);
  });

  it('reads the database password from the secret into the probe only, never printing it', async () => {
    const bin = tempDir('fake-aws');
    const secret = 'S3cret-value-never-printed';
    fs.writeFileSync(path.join(bin, 'aws'), `#!/bin/sh\n[ "$6" = "arn:test" ] || exit 255\necho '{"username":"showcore_admin","password":"${secret}"}'\n`, { mode: 0o755 });
    const dir = probeDir({ postgres: 'if [ "$PGPASSWORD" = "' + secret + '" ] && [ "$PGUSER" = showcore_admin ]; then pass creds from-secret; else fail creds missing; fi; finish' });
    const run = await runProbe('run-probes.sh', { PROBE_DIR: dir, PROBES: 'postgres', PROBE_DB_SECRET_ARN: 'arn:test', PATH: `${bin}:${process.env.PATH}` });
    expect(lines(run.stdout)).toEqual(['PASS postgres.creds']);
    expect(run.stdout + run.stderr).not.toContain(secret);
    expect(run.code).toBe(0);
  });

  it('a probe passes on its checks, never on its exit code alone', async () => {
    const dir = probeDir({ silent: 'finish', quiet: 'exit 1', odd: 'pass a ok; exit 1', fine: 'pass b ok; finish' });
    const run = await runProbe('run-probes.sh', { PROBE_DIR: dir, PROBES: 'silent quiet odd fine' });
    expect(lines(run.stdout)).toEqual(['FAIL silent.no-checks', 'FAIL quiet.no-checks', 'PASS odd.a', 'FAIL odd.exit', 'PASS fine.b']);
    expect(run.stdout).toMatch(/^FAIL silent\.no-checks exited 0 without a PASS or FAIL line/m);
    expect(run.stdout).toMatch(/^FAIL odd\.exit exited 1 without a FAIL line/m);
    expect(run.stdout).toMatch(/SUMMARY passed=2 failed=3/);
    expect(run.code).toBe(1);
  });

  it('clean-ups run last-registered first, so one that needs a temporary file runs before its removal', async () => {
    const out = path.join(tempDir('cleanups'), 'order');
    const dir = probeDir({ order: `on_exit "echo removes-file >> '${out}'"; on_exit "echo uses-file >> '${out}'"; pass ran ok; finish` });
    const run = await runProbe('run-probes.sh', { PROBE_DIR: dir, PROBES: 'order' });
    expect(run.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe('uses-file\nremoves-file\n');
  });

  it('a secret endpoint that never answers is cut off at the probes\' own limit and named', async () => {
    const bin = tempDir('fake-aws');
    fs.writeFileSync(path.join(bin, 'aws'), '#!/bin/sh\nsleep 60\n', { mode: 0o755 });
    const dir = probeDir({ postgres: 'require PGPASSWORD; finish' });
    const started = Date.now();
    const run = await runProbe('run-probes.sh', { PROBE_DIR: dir, PROBES: 'postgres', PROBE_DB_SECRET_ARN: 'arn:test', PROBE_TIMEOUT_SECONDS: '1', PATH: `${bin}:${process.env.PATH}` });
    expect(run.stdout).toMatch(/^FAIL postgres\.secret could not read arn:test/m);
    expect(run.stdout).toMatch(/^SUMMARY passed=0 failed=2/m);
    // Not a speed assertion: the fake never answers, so only the limit can have ended the call.
    expect(Date.now() - started).toBeLessThan(55_000);
  });

  it('a secret it cannot read is a failure naming what to check', async () => {
    const bin = tempDir('fake-aws');
    fs.writeFileSync(path.join(bin, 'aws'), '#!/bin/sh\necho "AccessDeniedException: not authorized" >&2\nexit 255\n', { mode: 0o755 });
    const dir = probeDir({ postgres: 'require PGPASSWORD; finish' });
    const run = await runProbe('run-probes.sh', { PROBE_DIR: dir, PROBES: 'postgres', PROBE_DB_SECRET_ARN: 'arn:test', PATH: `${bin}:${process.env.PATH}` });
    expect(run.stdout).toMatch(/^FAIL postgres\.secret could not read arn:test \(secretsmanager endpoint, the role's ReadDatabaseSecret\): AccessDeniedException/m);
    expect(run.stdout).toMatch(/^FAIL postgres\.input/m);
  });
});

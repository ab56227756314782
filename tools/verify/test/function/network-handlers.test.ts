/**
 * The probe function's S3 probe against moto's S3, its endpoints and internet probes against servers on
 * 127.0.0.1, and the request checks. Only loopback addresses are contacted.
 */
import * as fs from 'node:fs';
import * as https from 'node:https';
import type * as net from 'node:net';
import * as path from 'node:path';
import { CreateBucketCommand, ListObjectVersionsCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { startEmulator, type Emulator } from '#tools/emulator/moto';
import { serve, type ProbeEnvironment } from '../../function/handler';
import { inCidr } from '../../function/network-probes';
import type { ProbeRequest } from '../../function/protocol';
import { generateCertificates, tempDir, type Certificates } from '../probes/servers';

jest.setTimeout(60000);

const lines = (results: readonly { passed: boolean; probe: string; check: string }[]) =>
  results.map((r) => `${r.passed ? 'PASS' : 'FAIL'} ${r.probe}.${r.check}`);
const unused = async (): Promise<string> => {
  throw new Error('not used by these probes');
};

let certs: Certificates;
let emulator: Emulator;
let s3: S3Client;
const bucket = 'showcore-backups-function-test';
beforeAll(async () => {
  certs = generateCertificates(tempDir('certs'));
  emulator = await startEmulator({ logFile: path.join(tempDir('moto'), 'moto.log'), preferredPort: 5710 });
  s3 = new S3Client({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
});
afterAll(async () => {
  await emulator?.stop();
  fs.rmSync(certs.dir, { recursive: true, force: true });
});

function environment(network: ProbeEnvironment['network'] = {}): ProbeEnvironment {
  return { region: 'us-east-1', postgresPassword: unused, redisPassword: unused, s3: () => s3, network: { ca: fs.readFileSync(certs.ca, 'utf8'), ...network } };
}
const base = { action: 'probe', runId: 'test-run', probeTimeoutMs: 20000 } as const;

describe('s3 probe', () => {
  it('PUT, GET and DELETE of a versioned object, leaving no object and no version behind', async () => {
    const response = await serve({ ...base, probes: ['s3'], s3: { bucket, prefix: '_verify/test-run/' } } satisfies ProbeRequest, environment());
    expect(lines(response.results)).toEqual(['PASS s3.put', 'PASS s3.get', 'PASS s3.delete']);
    expect(response.results[0].detail).toMatch(/\(version \S+\)/);
    const left = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: '_verify/' }));
    expect([...(left.Versions ?? []), ...(left.DeleteMarkers ?? [])]).toEqual([]);
  });

  it('fails on a bucket it cannot write (here: one that does not exist)', async () => {
    const response = await serve({ ...base, probes: ['s3'], s3: { bucket: 'showcore-no-such-bucket', prefix: '_verify/x/' } }, environment());
    expect(lines(response.results)).toEqual(['FAIL s3.put']);
    expect(response.results[0].detail).toMatch(/NoSuchBucket|does not exist/);
  });
});

describe('endpoints and internet probes', () => {
  let server: https.Server;
  let port: number;
  beforeAll(async () => {
    server = https.createServer({ cert: fs.readFileSync(certs.cert), key: fs.readFileSync(certs.key) }, (_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => server.close());
  const network = (cidr: string, urls: string[] = []) => ({ vpcCidr: cidr, endpointHosts: ['localhost'], internetUrls: urls });

  it('endpoints pass when the name resolves inside the VPC CIDR and answers HTTPS (any status)', async () => {
    const response = await serve({ ...base, probes: ['endpoints'], network: network('127.0.0.0/8') }, environment({ endpointPort: port }));
    expect(lines(response.results)).toEqual(['PASS endpoints.localhost-private-dns', 'PASS endpoints.localhost-answers']);
  });

  it('endpoints fail when the name resolves outside the CIDR, or nothing answers', async () => {
    const closed = await serve({ ...base, probes: ['endpoints'], network: network('10.0.0.0/16') }, environment({ endpointPort: 1, endpointWaitMs: 1000 }));
    expect(lines(closed.results)).toEqual(['FAIL endpoints.localhost-private-dns', 'FAIL endpoints.localhost-answers']);
  });

  it('internet passes when nothing answers, and fails when a URL answers (a route out)', async () => {
    const silent = `https://127.0.0.1:1/`;
    const reachable = `https://localhost:${port}/`;
    const response = await serve(
      { ...base, probes: ['internet'], network: network('127.0.0.0/8', [silent, reachable]) },
      environment({ internetWaitMs: 1000 }),
    );
    expect(lines(response.results)).toEqual(['PASS internet.unreachable-1', 'FAIL internet.unreachable-2']);
    expect(response.results[1].detail).toMatch(/HTTP 404/);
  });

  it('inCidr follows the prefix length', () => {
    expect([
      inCidr('10.0.3.7', '10.0.0.0/16'),
      inCidr('10.1.0.1', '10.0.0.0/16'),
      inCidr('127.0.0.1', '127.0.0.0/8'),
      inCidr('10.0.0.255', '10.0.0.0/24'),
    ]).toEqual([true, false, true, true]);
  });
});

describe('requests', () => {
  it('reports every problem of a bad request at once, naming each field, and runs nothing', async () => {
    const response = await serve({ action: 'probe', runId: 'Bad Id', probes: ['postgres', 'redis'], probeTimeoutMs: 0 }, environment());
    expect(response.results).toEqual([]);
    expect(response.problems).toEqual([
      'runId is "Bad Id": expected lowercase letters, digits and hyphens',
      'probeTimeoutMs is 0: expected a positive integer',
      'postgres is undefined: expected an object',
      'redis is undefined: expected an object',
    ]);
  });

  it('refuses an unknown probe or action, and never echoes a master password', async () => {
    expect((await serve({ ...base, probes: ['ssh'] }, environment())).problems).toEqual([
      'probes is ["ssh"]: expected a non-empty list of postgres, redis, s3, endpoints, internet',
    ]);
    expect((await serve({ action: 'drop' }, environment())).problems).toEqual(['action is "drop": expected "probe" or "create-probe-user"']);
    const noHost = await serve(
      { action: 'create-probe-user', postgres: { port: 5432, user: 'p', caBundle: 'x' }, master: { user: 'm', password: 7 } },
      environment(),
    );
    expect(noHost.problems).toEqual(['postgres.host is undefined: expected a non-empty string', 'master.password is (hidden): expected a non-empty string']);
  });
});

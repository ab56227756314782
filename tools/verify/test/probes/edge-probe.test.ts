/**
 * edge.sh against an HTTPS + HTTP server pair on 127.0.0.1 that behaves like CloudFront in front of a private
 * bucket, and against variants that each get one thing wrong: exactly that check must fail.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type * as net from 'node:net';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { parseProbeOutput } from '../../results';
import { generateCertificates, runProbe, tempDir, type Certificates } from './servers';

jest.setTimeout(60000);

interface Behaviour {
  redirect: boolean;
  compress: boolean;
  caches: boolean;
  bucketPrivate: boolean;
  body?: string;
}
const CORRECT: Behaviour = { redirect: true, compress: true, caches: true, bucketPrivate: true };
const OBJECT = '/_verify/run/edge/probe.txt';
const BODY = 'ShowCore edge verification: CloudFront serves this object over HTTPS, compressed, from its cache.\n'.repeat(16);

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

/** A CDN (HTTPS + HTTP) and a "bucket" endpoint (HTTPS) with the given behaviour. */
async function fakeCloudFront(certs: Certificates, behaviour: Behaviour) {
  const seen = new Set<string>();
  const tls = { cert: fs.readFileSync(certs.cert), key: fs.readFileSync(certs.key) };
  const cdn = https.createServer(tls, (req, res) => {
    if (req.url !== OBJECT) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const body = behaviour.body ?? BODY;
    const hit = behaviour.caches && seen.has(req.url);
    seen.add(req.url);
    res.setHeader('X-Cache', hit ? 'Hit from cloudfront' : 'Miss from cloudfront');
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    if (behaviour.compress && /gzip/.test(String(req.headers['accept-encoding'] ?? ''))) {
      res.setHeader('Content-Encoding', 'gzip');
      res.end(zlib.gzipSync(body));
      return;
    }
    res.end(body);
  });
  const cdnPort = await listen(cdn);
  const plain = http.createServer((req, res) => {
    if (behaviour.redirect) {
      res.statusCode = 301;
      res.setHeader('Location', `https://localhost:${cdnPort}${req.url}`);
      res.end();
      return;
    }
    res.end(behaviour.body ?? BODY);
  });
  const plainPort = await listen(plain);
  const bucket = https.createServer(tls, (_req, res) => {
    res.statusCode = behaviour.bucketPrivate ? 403 : 200;
    res.end(behaviour.bucketPrivate ? '<Error><Code>AccessDenied</Code></Error>' : BODY);
  });
  const bucketPort = await listen(bucket);
  return {
    env: {
      PROBE_CDN_URL: `https://localhost:${cdnPort}${OBJECT}`,
      PROBE_CDN_HTTP_URL: `http://localhost:${plainPort}${OBJECT}`,
      PROBE_BUCKET_URL: `https://localhost:${bucketPort}${OBJECT}`,
      PROBE_CA_BUNDLE: certs.ca,
      PROBE_EDGE_RETRY_SECONDS: '0',
    },
    close: () => [cdn, plain, bucket].forEach((s) => s.close()),
  };
}

let certs: Certificates;
let expected: string;
beforeAll(() => {
  certs = generateCertificates(tempDir('certs'));
  expected = path.join(certs.dir, 'expected.txt');
  fs.writeFileSync(expected, BODY);
});
afterAll(() => fs.rmSync(certs.dir, { recursive: true, force: true }));

async function probe(behaviour: Behaviour) {
  const cdn = await fakeCloudFront(certs, behaviour);
  try {
    const run = await runProbe('edge.sh', { ...cdn.env, PROBE_EXPECTED_BODY_FILE: expected });
    return { run, checks: parseProbeOutput(run.stdout).map((r) => `${r.passed ? 'PASS' : 'FAIL'} ${r.probe}.${r.check}`) };
  } finally {
    cdn.close();
  }
}

const ALL = ['https', 'http-redirect', 'compression', 'cache-hit', 'bucket-private'];
const expectOnlyFailing = (checks: string[], failing: string[]) =>
  expect(checks).toEqual(ALL.map((c) => `${failing.includes(c) ? 'FAIL' : 'PASS'} edge.${c}`));

describe('edge.sh', () => {
  it('passes against CloudFront as designed: HTTPS, redirect, compression, cache hit, private bucket', async () => {
    const { run, checks } = await probe(CORRECT);
    expectOnlyFailing(checks, []);
    expect(run.stdout).toMatch(/PASS edge\.cache-hit X-Cache: Hit from cloudfront/);
    expect(run.code).toBe(0);
  });

  it.each([
    ['http-redirect', { redirect: false }],
    ['compression', { compress: false }],
    ['cache-hit', { caches: false }],
    ['bucket-private', { bucketPrivate: false }],
  ] as const)('fails exactly %s when that is misconfigured', async (check, change) => {
    const { run, checks } = await probe({ ...CORRECT, ...change });
    expectOnlyFailing(checks, [check]);
    expect(run.code).toBe(1);
  });

  it('fails https when the content served is not the object uploaded', async () => {
    const { checks } = await probe({ ...CORRECT, body: `${BODY}tampered` });
    expect(checks[0]).toBe('FAIL edge.https');
  });
});

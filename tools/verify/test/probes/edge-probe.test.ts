/**
 * The edge probe (edge-probe.ts, on the operator's side) against an HTTPS + HTTP server pair on 127.0.0.1 that behaves like CloudFront in front of a private
 * bucket, and against variants that each get one thing wrong: exactly that check must fail.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type * as net from 'node:net';
import * as zlib from 'node:zlib';
import { probeEdge } from '../../edge-probe';
import { generateCertificates, tempDir, type Certificates } from './servers';

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
    urls: {
      cdnUrl: `https://localhost:${cdnPort}${OBJECT}`,
      cdnHttpUrl: `http://localhost:${plainPort}${OBJECT}`,
      bucketUrl: `https://localhost:${bucketPort}${OBJECT}`,
      ca: fs.readFileSync(certs.ca, 'utf8'),
      retryMs: 0,
    },
    close: () => [cdn, plain, bucket].forEach((s) => s.close()),
  };
}

let certs: Certificates;
beforeAll(() => {
  certs = generateCertificates(tempDir('certs'));
});
afterAll(() => fs.rmSync(certs.dir, { recursive: true, force: true }));

async function probe(behaviour: Behaviour) {
  const cdn = await fakeCloudFront(certs, behaviour);
  try {
    const results = await probeEdge(cdn.urls, BODY, 5000);
    return { results, checks: results.map((r) => `${r.passed ? 'PASS' : 'FAIL'} ${r.probe}.${r.check}`) };
  } finally {
    cdn.close();
  }
}

const ALL = ['https', 'http-redirect', 'compression', 'cache-hit', 'bucket-private'];
const expectOnlyFailing = (checks: string[], failing: string[]) => expect(checks).toEqual(ALL.map((c) => `${failing.includes(c) ? 'FAIL' : 'PASS'} edge.${c}`));

describe('edge probe', () => {
  it('passes against CloudFront as designed: HTTPS, redirect, compression, cache hit, private bucket', async () => {
    const { results, checks } = await probe(CORRECT);
    expectOnlyFailing(checks, []);
    expect(results.find((r) => r.check === 'cache-hit')?.detail).toBe('X-Cache: Hit from cloudfront');
  });

  it.each([
    ['http-redirect', { redirect: false }],
    ['compression', { compress: false }],
    ['cache-hit', { caches: false }],
    ['bucket-private', { bucketPrivate: false }],
  ] as const)('fails exactly %s when that is misconfigured', async (check, change) => {
    const { checks } = await probe({ ...CORRECT, ...change });
    expectOnlyFailing(checks, [check]);
  });

  it('fails https when the content served is not the object uploaded', async () => {
    const { checks } = await probe({ ...CORRECT, body: `${BODY}tampered` });
    expect(checks[0]).toBe('FAIL edge.https');
  });

  it('fails https, and does not hang, when nothing answers', async () => {
    const results = await probeEdge(
      { cdnUrl: 'https://127.0.0.1:9/x', cdnHttpUrl: 'http://127.0.0.1:9/x', bucketUrl: 'https://127.0.0.1:9/x', retryMs: 0 },
      BODY,
      1000,
    );
    expect(results.map((r) => `${r.passed ? 'PASS' : 'FAIL'} ${r.check}`)).toEqual([
      'FAIL https',
      'FAIL http-redirect',
      'FAIL compression',
      'FAIL cache-hit',
      'FAIL bucket-private',
    ]);
  });
});

/**
 * CloudFront from outside the VPC (tasks.md 9.4, 14.1), on the operator's machine: the test object is served over
 * HTTPS with its content, plain HTTP is redirected to HTTPS, responses are compressed, a repeat request is a cache
 * hit, and the bucket's own URL answers 403 (origin access control only). The orchestration uploads and removes
 * the object (edge.ts).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as zlib from 'node:zlib';
import { Checks, describeError } from './function/checks';
import type { CheckResult } from './model';

export interface EdgeUrls {
  /** `https://<distribution>/<key>` */
  readonly cdnUrl: string;
  /** @default cdnUrl with `http://` */
  readonly cdnHttpUrl?: string;
  /** The bucket's own URL of the same key. */
  readonly bucketUrl: string;
  /** @default Node's own CA list (tests pin the CA of their loopback servers) */
  readonly ca?: string;
  /** Pause between the repeat requests of the cache check. @default 2000 */
  readonly retryMs?: number;
}

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** One GET; never follows redirects; a status of 0 when nothing answered within `waitMs`. */
function get(url: string, options: { ca?: string; waitMs: number; headers?: Record<string, string> }): Promise<Answer> {
  return new Promise((resolve) => {
    const client = url.startsWith('https:') ? https : http;
    const request = client.get(url, { ca: options.ca, timeout: options.waitMs, headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', () => resolve({ status: 0, headers: {}, body: Buffer.alloc(0) }));
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.waitMs} ms`)));
    request.on('error', (error) => resolve({ status: 0, headers: { 'x-error': describeError(error) }, body: Buffer.alloc(0) }));
  });
}

const header = (answer: Answer, name: string): string => String(answer.headers[name] ?? '');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function probeEdge(urls: EdgeUrls, expectedBody: string, waitMs = 15000): Promise<CheckResult[]> {
  const checks = new Checks('edge');
  const ca = urls.ca;
  const httpUrl = urls.cdnHttpUrl ?? urls.cdnUrl.replace(/^https:/, 'http:');

  const served = await get(urls.cdnUrl, { ca, waitMs });
  if (served.status === 200 && served.body.toString('utf8') === expectedBody) checks.pass('https', `${urls.cdnUrl} served the test object over HTTPS`);
  else
    checks.fail(
      'https',
      `${urls.cdnUrl} answered HTTP ${served.status}${served.status === 200 ? ' with other content' : ''}${header(served, 'x-error') ? ` (${header(served, 'x-error')})` : ''}`,
    );

  const plain = await get(httpUrl, { waitMs });
  const location = header(plain, 'location');
  if ([301, 302, 307, 308].includes(plain.status)) {
    if (location.startsWith('https://')) checks.pass('http-redirect', `HTTP ${plain.status} to ${location}`);
    else checks.fail('http-redirect', `HTTP ${plain.status} to ${location || 'nowhere'}, not to https://`);
  } else checks.fail('http-redirect', `plain HTTP answered ${plain.status} instead of redirecting to HTTPS`);

  const compressed = await get(urls.cdnUrl, { ca, waitMs, headers: { 'Accept-Encoding': 'gzip, br' } });
  const encoding = header(compressed, 'content-encoding');
  const decoded = compressed.status === 200 ? decode(compressed.body, encoding) : undefined;
  if (compressed.status === 200 && (encoding === 'gzip' || encoding === 'br') && decoded === expectedBody)
    checks.pass('compression', `Content-Encoding: ${encoding}`);
  else checks.fail('compression', `HTTP ${compressed.status}, Content-Encoding: ${encoding || 'none'} (compression off, or the object under 1,000 bytes)`);

  let hit = '';
  let last: Answer = served;
  for (let attempt = 1; attempt <= 3 && !hit; attempt += 1) {
    last = await get(urls.cdnUrl, { ca, waitMs });
    if (/hit/i.test(header(last, 'x-cache'))) hit = header(last, 'x-cache');
    else if (attempt < 3) await sleep(urls.retryMs ?? 2000);
  }
  if (hit) checks.pass('cache-hit', `X-Cache: ${hit}`);
  else checks.fail('cache-hit', `no cache hit in 3 repeat requests (last X-Cache: ${header(last, 'x-cache') || 'none'}, HTTP ${last.status})`);

  const bucket = await get(urls.bucketUrl, { ca, waitMs });
  if (bucket.status === 403) checks.pass('bucket-private', "the bucket's own URL answered 403");
  else checks.fail('bucket-private', `the bucket's own URL answered HTTP ${bucket.status}: only CloudFront may read it`);
  return checks.results;
}

function decode(body: Buffer, encoding: string): string | undefined {
  try {
    if (encoding === 'gzip') return zlib.gunzipSync(body).toString('utf8');
    if (encoding === 'br') return zlib.brotliDecompressSync(body).toString('utf8');
    return body.toString('utf8');
  } catch {
    return undefined;
  }
}

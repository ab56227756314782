/**
 * What the application security group can reach in the private subnets (tasks.md 14.4–14.5): S3 through the
 * gateway endpoint (PUT/GET/DELETE of a versioned object, the version removed too), the interface endpoints'
 * private names (inside the VPC CIDR, answering HTTPS), and no way out to the internet within 5 s.
 */
import { lookup } from 'node:dns/promises';
import * as https from 'node:https';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Checks, describeError, uniqueSuffix, withTimeout } from './checks';
import type { NetworkTarget, S3Target } from './protocol';

export async function probeS3(s3: S3Client, target: S3Target, waitMs = 15000): Promise<Checks> {
  const checks = new Checks('s3');
  const key = `${target.prefix}s3-probe-${uniqueSuffix()}.txt`;
  const body = `ShowCore S3 probe ${uniqueSuffix()}`;
  let version: string | undefined;
  try {
    const put = await withTimeout(s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: body, ContentType: 'text/plain' })), waitMs, 'PUT');
    version = put.VersionId;
    checks.pass('put', `PUT s3://${target.bucket}/${key}${version ? ` (version ${version})` : ''}`);
  } catch (error) {
    checks.fail('put', `PUT s3://${target.bucket}/${key}: ${describeError(error)}`);
    return checks;
  }
  try {
    const got = await withTimeout(s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key })), waitMs, 'GET');
    const text = await got.Body?.transformToString();
    if (text === body) checks.pass('get', 'GET returned the object written');
    else checks.fail('get', 'GET returned other content');
  } catch (error) {
    checks.fail('get', `GET: ${describeError(error)}`);
  }
  try {
    // Deleting the version itself (not adding a delete marker) leaves nothing behind in a versioned bucket.
    await withTimeout(s3.send(new DeleteObjectCommand({ Bucket: target.bucket, Key: key, VersionId: version })), waitMs, 'DELETE');
    checks.pass('delete', `DELETE${version ? ` of version ${version}` : ''} succeeded`);
  } catch (error) {
    checks.fail('delete', `DELETE: ${describeError(error)}`);
  }
  return checks;
}

function ipToInt(address: string): number {
  return address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
}

export function inCidr(address: string, cidr: string): boolean {
  const [network, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const size = 2 ** (32 - bits);
  return Math.floor(ipToInt(address) / size) === Math.floor(ipToInt(network) / size);
}

/** The HTTP status of `GET url`, or undefined when nothing answered within `waitMs`. */
function httpsStatus(url: string, waitMs: number, ca?: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = https.get(url, { ca, timeout: waitMs }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

export interface NetworkProbeOptions {
  /** @default 443 */
  readonly endpointPort?: number;
  /** @default Node's own CA list */
  readonly ca?: string;
  /** @default 10000 for endpoints, 5000 for the internet (the spec's figure) */
  readonly endpointWaitMs?: number;
  readonly internetWaitMs?: number;
}

export async function probeEndpoints(target: NetworkTarget, options: NetworkProbeOptions = {}): Promise<Checks> {
  const checks = new Checks('endpoints');
  for (const host of target.endpointHosts) {
    const check = host
      .replace(/\.amazonaws\.com$/, '')
      .replace(/\./g, '-')
      .replace(/[^a-z0-9-]/g, '');
    try {
      const addresses = [...new Set((await lookup(host, { all: true, family: 4 })).map((a) => a.address))];
      const outside = addresses.filter((a) => !inCidr(a, target.vpcCidr));
      if (outside.length === 0) checks.pass(`${check}-private-dns`, `${host} -> ${addresses.join(' ')} (inside ${target.vpcCidr})`);
      else
        checks.fail(
          `${check}-private-dns`,
          `${host} resolves outside ${target.vpcCidr}: ${outside.join(' ')} (private DNS of the endpoint is off, or there is no endpoint)`,
        );
    } catch (error) {
      checks.fail(`${check}-private-dns`, `${host} does not resolve: ${describeError(error)}`);
    }
    const wait = options.endpointWaitMs ?? 10000;
    const status = await httpsStatus(`https://${host}:${options.endpointPort ?? 443}/`, wait, options.ca);
    if (status !== undefined) checks.pass(`${check}-answers`, `https://${host}/ answered HTTP ${status}`);
    else checks.fail(`${check}-answers`, `https://${host}/ did not answer within ${wait} ms (endpoint security group, HTTPS from the app security group)`);
  }
  return checks;
}

export async function probeInternet(target: NetworkTarget, options: NetworkProbeOptions = {}): Promise<Checks> {
  const checks = new Checks('internet');
  const wait = options.internetWaitMs ?? 5000;
  let index = 0;
  for (const url of target.internetUrls) {
    index += 1;
    const status = await httpsStatus(url, wait, options.ca);
    if (status === undefined) checks.pass(`unreachable-${index}`, `${url} unreachable within ${wait} ms`);
    else checks.fail(`unreachable-${index}`, `${url} answered HTTP ${status}: the private subnet has a route out`);
  }
  return checks;
}

/**
 * The edge probe's orchestration against moto: the test object is uploaded to the static assets bucket, the edge probe
 * reads it through a CloudFront stand-in on 127.0.0.1 that serves from that bucket, then every version of the object
 * is removed and its path invalidated on the (moto) distribution. A region of its own (eu-west-2).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type * as net from 'node:net';
import * as zlib from 'node:zlib';
import { CloudFrontClient, CreateDistributionCommand, ListInvalidationsCommand } from '@aws-sdk/client-cloudfront';
import { CreateBucketCommand, GetObjectCommand, ListObjectVersionsCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { clientConfig } from '#tools/lib/aws-clients';
import { e2eEnv } from '#tools/emulator/harness';
import { runEdgeProbe } from '../edge';
import { generateCertificates, tempDir, type Certificates } from '../test/probes/servers';

const REGION = 'eu-west-2';
const BUCKET = 'showcore-static-edge-e2e';

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

describe('edge probe against the emulator', () => {
  let certs: Certificates;
  let s3: S3Client;
  let cloudfront: CloudFrontClient;
  let distributionId: string;
  const servers: net.Server[] = [];

  beforeAll(async () => {
    certs = generateCertificates(tempDir('edge-e2e'));
    const config = { ...clientConfig(e2eEnv()), region: REGION };
    s3 = new S3Client({ ...config, forcePathStyle: true });
    cloudfront = new CloudFrontClient(config);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: REGION } }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Enabled' } }));
    const created = await cloudfront.send(
      new CreateDistributionCommand({
        DistributionConfig: {
          CallerReference: `edge-e2e-${Date.now()}`,
          Comment: 'edge e2e',
          Enabled: true,
          Origins: { Quantity: 1, Items: [{ Id: 's3', DomainName: `${BUCKET}.s3.${REGION}.amazonaws.com`, S3OriginConfig: { OriginAccessIdentity: '' } }] },
          DefaultCacheBehavior: { TargetOriginId: 's3', ViewerProtocolPolicy: 'redirect-to-https', CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6' },
        },
      }),
    );
    distributionId = created.Distribution?.Id as string;
  });
  afterAll(() => {
    servers.forEach((s) => s.close());
    fs.rmSync(certs.dir, { recursive: true, force: true });
  });

  /** Serves GETs from the bucket like CloudFront would (HTTPS, gzip, X-Cache), plus the HTTP redirect and a 403 "bucket URL". */
  async function cdnInFrontOfBucket(): Promise<Record<string, string>> {
    const seen = new Set<string>();
    const tls = { cert: fs.readFileSync(certs.cert), key: fs.readFileSync(certs.key) };
    const cdn = https.createServer(tls, (req, res) => {
      const key = decodeURIComponent((req.url ?? '/').slice(1));
      s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })).then(
        async (object) => {
          const body = Buffer.from(await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
          res.setHeader('X-Cache', seen.has(key) ? 'Hit from cloudfront' : 'Miss from cloudfront');
          seen.add(key);
          if (/gzip/.test(String(req.headers['accept-encoding'] ?? ''))) {
            res.setHeader('Content-Encoding', 'gzip');
            res.end(zlib.gzipSync(body));
          } else res.end(body);
        },
        () => {
          res.statusCode = 404;
          res.end();
        },
      );
    });
    const cdnPort = await listen(cdn);
    const plain = http.createServer((req, res) => {
      res.statusCode = 301;
      res.setHeader('Location', `https://localhost:${cdnPort}${req.url}`);
      res.end();
    });
    const bucket = https.createServer(tls, (_req, res) => {
      res.statusCode = 403;
      res.end();
    });
    const [plainPort, bucketPort] = [await listen(plain), await listen(bucket)];
    servers.push(cdn, plain, bucket);
    return { cdnPort: String(cdnPort), plainPort: String(plainPort), bucketPort: String(bucketPort) };
  }

  it('uploads the test object, proves CloudFront serves it, then removes every version and invalidates the path', async () => {
    const ports = await cdnInFrontOfBucket();
    const key = '_verify/edge-run/edge/probe.txt';
    const outcome = await runEdgeProbe(s3, cloudfront, {
      runId: 'edge-run',
      region: REGION,
      bucket: BUCKET,
      distributionId,
      domainName: 'd123.cloudfront.net',
      timeoutSeconds: 60,
      urls: {
        cdnUrl: `https://localhost:${ports.cdnPort}/${key}`,
        cdnHttpUrl: `http://localhost:${ports.plainPort}/${key}`,
        bucketUrl: `https://localhost:${ports.bucketPort}/${key}`,
        ca: fs.readFileSync(certs.ca, 'utf8'),
        retryMs: 0,
      },
    });
    expect(outcome.problems).toEqual([]);
    expect(outcome.results.map((r) => `${r.passed ? 'PASS' : 'FAIL'} ${r.check}`)).toEqual([
      'PASS https',
      'PASS http-redirect',
      'PASS compression',
      'PASS cache-hit',
      'PASS bucket-private',
    ]);
    expect(outcome.exitCode).toBe(0);

    const left = await s3.send(new ListObjectVersionsCommand({ Bucket: BUCKET, Prefix: '_verify/' }));
    expect([...(left.Versions ?? []), ...(left.DeleteMarkers ?? [])]).toEqual([]);
    const invalidations = await cloudfront.send(new ListInvalidationsCommand({ DistributionId: distributionId }));
    expect(invalidations.InvalidationList?.Quantity).toBe(1);
  });

  it('an object CloudFront does not serve fails the probe, and is still removed', async () => {
    const ports = await cdnInFrontOfBucket();
    const outcome = await runEdgeProbe(s3, cloudfront, {
      runId: 'edge-miss',
      region: REGION,
      bucket: BUCKET,
      distributionId,
      domainName: 'd123.cloudfront.net',
      timeoutSeconds: 60,
      urls: {
        // A path the stand-in has no object for: what a distribution pointing at another origin would answer.
        cdnUrl: `https://localhost:${ports.cdnPort}/_verify/other/object.txt`,
        cdnHttpUrl: `http://localhost:${ports.plainPort}/_verify/other/object.txt`,
        bucketUrl: `https://localhost:${ports.bucketPort}/x`,
        ca: fs.readFileSync(certs.ca, 'utf8'),
        retryMs: 0,
      },
    });
    expect(outcome.results.find((r) => r.check === 'https')).toMatchObject({ passed: false, detail: expect.stringContaining('HTTP 404') });
    expect(outcome.exitCode).toBe(1);
    const left = await s3.send(new ListObjectVersionsCommand({ Bucket: BUCKET, Prefix: '_verify/' }));
    expect([...(left.Versions ?? []), ...(left.DeleteMarkers ?? [])]).toEqual([]);
  });
});

import { CreateInvalidationCommand, type CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { removePrefix, runPrefix } from './cleanup';
import { probeEdge, type EdgeUrls } from './edge-probe';
import { describeError, withTimeout } from './function/checks';
import type { ProbeOutcome } from './model';

export interface EdgeProbeInput {
  readonly runId: string;
  readonly region: string;
  readonly bucket: string;
  readonly distributionId: string;
  readonly domainName: string;
  readonly timeoutSeconds: number;
  /** Overrides for tests: URLs on the loopback interface and their CA. */
  readonly urls?: Partial<EdgeUrls>;
}

/** A text body over CloudFront's 1,000-byte compression threshold. */
export function edgeTestBody(runId: string): string {
  const line = `ShowCore edge verification ${runId}: CloudFront serves this object over HTTPS, compressed, from its cache.\n`;
  return line.repeat(Math.ceil(1500 / line.length));
}

/**
 * From outside the VPC: upload a test object to the static assets bucket, probe CloudFront and the bucket's own URL
 * (edge-probe.ts) under the probe's timeout, then remove every version of the object and invalidate its path.
 */
export async function runEdgeProbe(s3: S3Client, cloudfront: CloudFrontClient, input: EdgeProbeInput): Promise<ProbeOutcome> {
  const prefix = `${runPrefix(input.runId)}edge/`;
  const key = `${prefix}probe.txt`;
  const body = edgeTestBody(input.runId);
  const problems: string[] = [];
  try {
    await s3.send(new PutObjectCommand({ Bucket: input.bucket, Key: key, Body: body, ContentType: 'text/plain; charset=utf-8' }));
    const urls: EdgeUrls = {
      cdnUrl: `https://${input.domainName}/${key}`,
      bucketUrl: `https://${input.bucket}.s3.${input.region}.amazonaws.com/${key}`,
      ...input.urls,
    };
    try {
      const results = await withTimeout(probeEdge(urls, body), input.timeoutSeconds * 1000, 'the edge probe');
      return { results, exitCode: results.every((r) => r.passed) ? 0 : 1, problems };
    } catch (error) {
      return {
        results: [{ probe: 'edge', check: 'timeout', passed: false, detail: describeError(error) }],
        exitCode: null,
        problems: [`edge probe stopped after ${input.timeoutSeconds} s`],
      };
    }
  } finally {
    await removePrefix(s3, input.bucket, prefix).catch((error) =>
      problems.push(`could not remove ${prefix} from ${input.bucket}: ${(error as Error).message}`),
    );
    await cloudfront
      .send(
        new CreateInvalidationCommand({
          DistributionId: input.distributionId,
          InvalidationBatch: { CallerReference: `showcore-verify-${input.runId}`, Paths: { Quantity: 1, Items: [`/${prefix}*`] } },
        }),
      )
      .catch((error) => problems.push(`could not invalidate /${prefix}* on ${input.distributionId}: ${(error as Error).message}`));
  }
}

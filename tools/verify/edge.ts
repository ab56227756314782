import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateInvalidationCommand, type CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { run } from '../lib/process';
import type { ProbeOutcome } from './model';
import { parseProbeOutput } from './results';
import { PROBES_DIR, removePrefix, runPrefix } from './staging';

export interface EdgeProbeInput {
  readonly runId: string;
  readonly region: string;
  readonly bucket: string;
  readonly distributionId: string;
  readonly domainName: string;
  readonly timeoutSeconds: number;
  /** Overrides for tests: URLs on the loopback interface and their CA. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A text body over CloudFront's 1,000-byte compression threshold. */
export function edgeTestBody(runId: string): string {
  const line = `ShowCore edge verification ${runId}: CloudFront serves this object over HTTPS, compressed, from its cache.\n`;
  return line.repeat(Math.ceil(1500 / line.length));
}

/**
 * From outside the VPC: upload a test object to the static assets bucket, run probes/edge.sh against CloudFront and
 * the bucket's own URL, then remove every version of the object and invalidate its path.
 */
export async function runEdgeProbe(s3: S3Client, cloudfront: CloudFrontClient, input: EdgeProbeInput): Promise<ProbeOutcome> {
  const prefix = `${runPrefix(input.runId)}edge/`;
  const key = `${prefix}probe.txt`;
  const body = edgeTestBody(input.runId);
  const bodyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-edge-')), 'expected.txt');
  fs.writeFileSync(bodyFile, body);
  const problems: string[] = [];
  try {
    await s3.send(new PutObjectCommand({ Bucket: input.bucket, Key: key, Body: body, ContentType: 'text/plain; charset=utf-8' }));
    const result = await run('timeout', ['--kill-after=5', String(input.timeoutSeconds), 'bash', path.join(PROBES_DIR, 'edge.sh')], {
      quiet: true,
      env: {
        ...process.env,
        PROBE_CDN_URL: `https://${input.domainName}/${key}`,
        PROBE_BUCKET_URL: `https://${input.bucket}.s3.${input.region}.amazonaws.com/${key}`,
        PROBE_EXPECTED_BODY_FILE: bodyFile,
        ...input.env,
      },
    });
    const results = parseProbeOutput(result.stdout);
    if (result.code === 124 || result.code === 137) problems.push(`edge probe killed after ${input.timeoutSeconds} s`);
    return { results, exitCode: result.code === 124 || result.code === 137 ? null : result.code, problems };
  } finally {
    fs.rmSync(path.dirname(bodyFile), { recursive: true, force: true });
    await removePrefix(s3, input.bucket, prefix).catch((error) => problems.push(`could not remove ${prefix} from ${input.bucket}: ${(error as Error).message}`));
    await cloudfront
      .send(new CreateInvalidationCommand({ DistributionId: input.distributionId, InvalidationBatch: { CallerReference: `showcore-verify-${input.runId}`, Paths: { Quantity: 1, Items: [`/${prefix}*`] } } }))
      .catch((error) => problems.push(`could not invalidate /${prefix}* on ${input.distributionId}: ${(error as Error).message}`));
  }
}

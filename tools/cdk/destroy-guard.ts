/**
 * What a destroy must check and do besides `cdk destroy`:
 *  - refuse to destroy a producer while a tier that reads its SSM parameters is deployed (every environment):
 *    the consumer would keep running on values that no longer exist, and its next deploy would fail;
 *  - locally, empty the tier's own buckets first (every version and delete marker): moto's CloudFormation
 *    "deletes" a non-empty bucket by leaving it behind, and the next deploy then fails with BucketAlreadyExists;
 *  - locally, prove afterwards that the buckets are gone rather than trusting the CLI's word.
 */
import { ListStacksCommand, type CloudFormationClient, type StackStatus } from '@aws-sdk/client-cloudformation';
import {
  DeleteObjectsCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  type ObjectIdentifier,
  type S3Client,
} from '@aws-sdk/client-s3';
import { consumersOf, parameterPath, parametersConsumedBy, parametersProducedBy, type EnvironmentName, type Tier } from '@showcore/naming';
import { UsageError } from '#tools/lib/process';
import type { StackResource } from './emulator-teardown';
import { FORCE_WITH_CONSUMERS } from './flags';

/** The flag that destroys a producer although consumers are deployed (tools/cdk/flags.ts). */
export { FORCE_WITH_CONSUMERS };

/** Names of the stacks that exist (any status but DELETE_COMPLETE). */
export async function liveStackNames(cfn: CloudFormationClient): Promise<string[]> {
  const names: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cfn.send(new ListStacksCommand({ NextToken }));
    for (const s of page.StackSummaries ?? []) if (s.StackStatus !== ('DELETE_COMPLETE' as StackStatus) && s.StackName) names.push(s.StackName);
    NextToken = page.NextToken;
  } while (NextToken);
  return names;
}

/** True when `name` is one of a tier's stacks in an environment (`showcore-<tier>-<env>-[<part>-]stack`). */
export function isStackOf(name: string, tier: Tier, environment: EnvironmentName): boolean {
  return name.startsWith(`showcore-${tier}-${environment}-`) && name.endsWith('stack');
}

export interface DeployedConsumer {
  readonly tier: Tier;
  readonly stacks: string[];
  /** The producer's parameters this consumer reads. */
  readonly reads: string[];
}

/** The consumers of `tier` that have a stack in the environment. */
export async function deployedConsumers(cfn: CloudFormationClient, tier: Tier, environment: EnvironmentName): Promise<DeployedConsumer[]> {
  const live = await liveStackNames(cfn);
  const produced = parametersProducedBy(tier);
  return consumersOf(tier)
    .map((consumer) => ({
      tier: consumer,
      stacks: live.filter((name) => isStackOf(name, consumer, environment)),
      reads: parametersConsumedBy(consumer)
        .filter((name) => produced.includes(name))
        .map((name) => parameterPath(environment, name)),
    }))
    .filter((consumer) => consumer.stacks.length > 0);
}

export function refusal(tier: Tier, environment: EnvironmentName, consumers: readonly DeployedConsumer[]): string {
  const names = consumers.map((c) => c.tier);
  return (
    `Refusing to destroy the ${tier} tier in "${environment}": the ${names.join(', ')} tier(s) that read its SSM parameters are deployed:\n` +
    consumers.map((c) => `  - ${c.tier} (${c.stacks.join(', ')}) reads ${c.reads.join(', ')}`).join('\n') +
    `\nThey would keep running on values that no longer exist. Destroy them first (\`npx nx run ${tier}:destroy -c ${environment}\` ` +
    `destroys its consumers before it), or pass --${FORCE_WITH_CONSUMERS} to destroy the ${tier} tier anyway. Nothing was changed.`
  );
}

/** Throws the refusal unless no consumer is deployed or `force` is set. */
export async function checkConsumers(cfn: CloudFormationClient, tier: Tier, environment: EnvironmentName, force: boolean): Promise<DeployedConsumer[]> {
  const consumers = await deployedConsumers(cfn, tier, environment);
  if (consumers.length > 0 && !force) throw new UsageError(refusal(tier, environment, consumers));
  return consumers;
}

const bucketsOf = (resources: readonly StackResource[]) => resources.filter((r) => r.type === 'AWS::S3::Bucket').map((r) => r.physicalId);

async function deleteKeys(s3: S3Client, bucket: string, objects: ObjectIdentifier[]): Promise<void> {
  for (let i = 0; i < objects.length; i += 1000) {
    const out = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects.slice(i, i + 1000), Quiet: true } }));
    if (out.Errors?.length) throw new Error(`Could not empty bucket ${bucket}: ${out.Errors.map((e) => `${e.Key} (${e.Code})`).join(', ')}`);
  }
}

/** Deletes every object version, delete marker and object of each bucket a stack recorded; returns how many. */
export async function emptyBuckets(s3: S3Client, resources: readonly StackResource[]): Promise<{ bucket: string; deleted: number }[]> {
  const emptied: { bucket: string; deleted: number }[] = [];
  for (const bucket of bucketsOf(resources)) {
    let deleted = 0;
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    do {
      const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker, VersionIdMarker }));
      const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({ Key: v.Key as string, VersionId: v.VersionId }));
      await deleteKeys(s3, bucket, objects);
      deleted += objects.length;
      [KeyMarker, VersionIdMarker] = page.IsTruncated ? [page.NextKeyMarker, page.NextVersionIdMarker] : [undefined, undefined];
    } while (KeyMarker !== undefined || VersionIdMarker !== undefined);
    // An unversioned bucket may list its objects only here.
    let ContinuationToken: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken }));
      const objects = (page.Contents ?? []).map((o) => ({ Key: o.Key as string }));
      await deleteKeys(s3, bucket, objects);
      deleted += objects.length;
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    emptied.push({ bucket, deleted });
  }
  return emptied;
}

/** Buckets a stack recorded that still exist (after a destroy that should have removed them). */
export async function remainingBuckets(s3: S3Client, resources: readonly StackResource[]): Promise<string[]> {
  const remaining: string[] = [];
  for (const bucket of bucketsOf(resources)) {
    try {
      await s3.send(new HeadBucketCommand({ Bucket: bucket }));
      remaining.push(bucket);
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status !== 404) throw error;
    }
  }
  return remaining;
}

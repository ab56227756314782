import { DeleteObjectsCommand, ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';

/** Every run's objects live under this prefix (the probe function's role may only touch `_verify/`). */
export function runPrefix(runId: string): string {
  return `_verify/${runId}/`;
}

/** Deletes every object version and delete marker under a prefix (the buckets are versioned). Returns how many. */
export async function removePrefix(s3: S3Client, bucket: string, prefix: string): Promise<number> {
  let removed = 0;
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  do {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionMarker }));
    const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({ Key: v.Key as string, VersionId: v.VersionId }));
    if (objects.length > 0) {
      await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }));
      removed += objects.length;
    }
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker);
  return removed;
}

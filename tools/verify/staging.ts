import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeleteObjectsCommand, ListObjectVersionsCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export const PROBES_DIR = path.join(__dirname, 'probes');
/** Every run's objects live under this prefix (the instance role may only touch `_verify/`). */
export function runPrefix(runId: string): string {
  return `_verify/${runId}/`;
}

export interface StagedProbes {
  /** `_verify/<run id>/probes/` */
  readonly prefix: string;
  /** The file names under it (the instance copies them one by one: its role may read `_verify/*`, not list the bucket). */
  readonly files: readonly string[];
}

/** Uploads the probe scripts (and the CA bundle the PostgreSQL probe verifies the server with) for the instance. */
export async function stageProbes(s3: S3Client, bucket: string, runId: string, caBundle: string | undefined): Promise<StagedProbes> {
  const prefix = `${runPrefix(runId)}probes/`;
  const files = fs.readdirSync(PROBES_DIR).filter((f) => f.endsWith('.sh')).sort();
  for (const file of files) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}${file}`, Body: fs.readFileSync(path.join(PROBES_DIR, file)), ContentType: 'text/x-shellscript' }));
  }
  if (caBundle === undefined) return { prefix, files };
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}rds-ca-bundle.pem`, Body: caBundle, ContentType: 'application/x-pem-file' }));
  return { prefix, files: [...files, 'rds-ca-bundle.pem'] };
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

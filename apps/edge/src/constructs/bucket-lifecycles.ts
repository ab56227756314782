import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { BackupsBucketConfig, StaticAssetsBucketConfig } from '../config';
import { ABORT_INCOMPLETE_UPLOADS_AFTER } from './private-bucket';

/**
 * The lifecycle rules of each bucket, shared by the bucket and its cross-region replica: S3 does not replicate
 * lifecycle actions, so the replica expires its copies by the same rules.
 */
export function staticAssetsLifecycle(config: StaticAssetsBucketConfig): s3.LifecycleRule[] {
  return [
    {
      id: 'ExpireNoncurrentVersions',
      noncurrentVersionExpiration: Duration.days(config.noncurrentVersionExpirationDays),
      expiredObjectDeleteMarker: true,
      abortIncompleteMultipartUploadAfter: ABORT_INCOMPLETE_UPLOADS_AFTER,
    },
  ];
}

export function backupsLifecycle(config: BackupsBucketConfig): s3.LifecycleRule[] {
  return [
    {
      id: 'ArchiveThenExpireBackups',
      transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(config.transitionToGlacierDays) }],
      expiration: Duration.days(config.expirationDays),
      noncurrentVersionExpiration: Duration.days(config.noncurrentVersionExpirationDays),
      abortIncompleteMultipartUploadAfter: ABORT_INCOMPLETE_UPLOADS_AFTER,
    },
    // S3 rejects ExpiredObjectDeleteMarker in a rule that also expires by age, hence a rule of its own.
    { id: 'RemoveExpiredDeleteMarkers', expiredObjectDeleteMarker: true },
  ];
}

import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { S3_REQUEST_METRICS_FILTER_ID, type EncryptionKeyChoice } from '@showcore/naming';

/** Multipart uploads that never completed still bill their parts; a week is long enough for any real upload. */
export const ABORT_INCOMPLETE_UPLOADS_AFTER = Duration.days(7);

export interface PrivateBucketProps {
  readonly bucketName: string;
  readonly encryptionKey: EncryptionKeyChoice;
  readonly removalPolicy: RemovalPolicy;
  readonly lifecycleRules: s3.LifecycleRule[];
  /** Publish S3 request metrics for the whole bucket under the filter id the ops tier alarms on. */
  readonly requestMetrics: boolean;
  /** Where S3 server access logs go; when absent, {@link noServerAccessLogsReason} explains why. */
  readonly serverAccessLogs?: { readonly bucket: s3.IBucket; readonly prefix: string };
  /** The configuration choice that turns server access logs off (the cdk-nag S1 acknowledgement). */
  readonly noServerAccessLogsReason?: string;
  /** Alias of the customer-managed key when `encryption` is KMS. */
  readonly keyAlias: string;
}

export interface PrivateBucket {
  readonly bucket: s3.Bucket;
  /** The customer-managed key, when `encryption` is KMS. */
  readonly key?: kms.Key;
}

/**
 * A ShowCore data bucket: versioned, encrypted (SSE-S3, or a customer-managed KMS key with yearly rotation),
 * every public-access block on, a bucket policy that denies requests without TLS 1.2, ACLs disabled
 * (bucket owner enforced), and the given lifecycle. The bucket keeps the construct id `id` in the scope, so the
 * spec's construct ids (StaticAssetsBucket, BackupsBucket) stay as they are; the key is `${id}Key`.
 */
export function createPrivateBucket(scope: Construct, id: string, props: PrivateBucketProps): PrivateBucket {
  const noLogsReason = props.serverAccessLogs ? undefined : props.noServerAccessLogsReason;
  if (!props.serverAccessLogs && !noLogsReason) {
    throw new Error(`${id}: give serverAccessLogs or the noServerAccessLogsReason that turns them off.`);
  }
  const key =
    props.encryptionKey === 'customer-managed'
      ? new kms.Key(scope, `${id}Key`, {
          description: `Encrypts objects in ${props.bucketName}`,
          alias: props.keyAlias,
          enableKeyRotation: true,
          removalPolicy: props.removalPolicy,
        })
      : undefined;
  const bucket = new s3.Bucket(scope, id, {
    bucketName: props.bucketName,
    versioned: true,
    encryption: key ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
    encryptionKey: key,
    // An S3 Bucket Key cuts KMS requests (billed per 10,000) by reusing a bucket-level data key.
    bucketKeyEnabled: key ? true : undefined,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: props.lifecycleRules,
    metrics: props.requestMetrics ? [{ id: S3_REQUEST_METRICS_FILTER_ID }] : undefined,
    serverAccessLogsBucket: props.serverAccessLogs?.bucket,
    serverAccessLogsPrefix: props.serverAccessLogs?.prefix,
    removalPolicy: props.removalPolicy,
  });
  // Every object event to EventBridge's default bus: free until a rule consumes it. Set on the L1 resource:
  // the L2 \`eventBridgeEnabled\` adds a Lambda-backed custom resource, which the local emulator cannot run.
  (bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
  if (noLogsReason) {
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: noLogsReason });
  }
  return { bucket, key };
}

import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface AuditBucketProps {
  readonly bucketName: string;
  readonly expirationDays: number;
  readonly noncurrentVersionExpirationDays: number;
  readonly removalPolicy: RemovalPolicy;
  /** Who writes to it, for the server-access-log acknowledgement. */
  readonly writer: string;
}

/**
 * A bucket that AWS services deliver audit data to (CloudTrail, AWS Config): private, TLS-only, SSE-S3 (tasks.md
 * 4.4: not KMS), versioned so a deleted or overwritten log survives for a while, expiring to bound its cost.
 */
export function auditBucket(scope: Construct, id: string, props: AuditBucketProps): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    bucketName: props.bucketName,
    versioned: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [
      {
        id: 'expire-audit-data',
        expiration: Duration.days(props.expirationDays),
        noncurrentVersionExpiration: Duration.days(props.noncurrentVersionExpirationDays),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
    // Never autoDeleteObjects: it adds a Lambda-backed custom resource (the local emulator cannot run it).
    removalPolicy: props.removalPolicy,
  });
  // Every object event to EventBridge's default bus: free until a rule consumes it. Set on the L1 resource:
  // the L2 \`eventBridgeEnabled\` adds a Lambda-backed custom resource, which the local emulator cannot run.
  (bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: `Only ${props.writer} writes here and CloudTrail records every bucket-level change; S3 server access logs would need a further log bucket and add storage cost for no new audit information.`,
  });
  return bucket;
}

import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ABORT_INCOMPLETE_UPLOADS_AFTER } from './private-bucket';

export interface AccessLogsBucketProps {
  readonly bucketName: string;
  readonly removalPolicy: RemovalPolicy;
  readonly expirationDays: number;
  /** CloudFront standard logs will be delivered here: they need ACLs enabled on the bucket. */
  readonly cloudFrontLogs: boolean;
}

/**
 * The bucket that receives S3 server access logs and CloudFront standard logs. Always SSE-S3: S3 server access
 * logging cannot deliver to a bucket whose default encryption is SSE-KMS. CloudFront standard logging writes
 * through an ACL grant to its log-delivery account, so when CloudFront logs are on the bucket keeps ACLs enabled
 * (object ownership "bucket owner preferred") instead of disabling them; public access stays blocked.
 */
export function createAccessLogsBucket(scope: Construct, id: string, props: AccessLogsBucketProps): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    bucketName: props.bucketName,
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    objectOwnership: props.cloudFrontLogs ? s3.ObjectOwnership.BUCKET_OWNER_PREFERRED : s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [
      { id: 'ExpireLogs', expiration: Duration.days(props.expirationDays), abortIncompleteMultipartUploadAfter: ABORT_INCOMPLETE_UPLOADS_AFTER },
    ],
    removalPolicy: props.removalPolicy,
  });
  // Every object event to EventBridge's default bus: free until a rule consumes it. Set on the L1 resource:
  // the L2 \`eventBridgeEnabled\` adds a Lambda-backed custom resource, which the local emulator cannot run.
  (bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason:
      'This is the access-logs bucket itself: logging its own accesses would write a log object for every log delivery (AWS advises against a bucket logging to itself).',
  });
  return bucket;
}

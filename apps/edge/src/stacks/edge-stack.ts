import { Aws } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cxapi from 'aws-cdk-lib/cx-api';
import type { Construct } from 'constructs';
import { bucketName, publish, removalPolicyOf, resourceName, TierStack, type EnvironmentName } from '@showcore/naming';
import { CDN_NOT_DEPLOYED, type EdgeConfig } from '../config';
import { createAccessLogsBucket } from '../constructs/access-logs-bucket';
import { createPrivateBucket, type PrivateBucket } from '../constructs/private-bucket';
import { acknowledgeWildcardKeyPolicy, createStaticAssetsDistribution } from '../constructs/static-assets-distribution';
import { backupsLifecycle, staticAssetsLifecycle } from '../constructs/bucket-lifecycles';
import { REPLICATED_BUCKETS } from '../replication/names';
import { replicateToSecondRegion } from '../replication/source';

export interface EdgeStackProps {
  readonly environment: EnvironmentName;
  readonly config: EdgeConfig;
}

const NO_SERVER_ACCESS_LOGS =
  'serverAccessLogs is false (cost-optimized profile): S3 server access logs cost S3 storage and PUT requests for every request logged, and CloudTrail already records bucket-level API calls. The hardened profile turns them on.';

/**
 * The edge tier: the static-assets and backups buckets and the CloudFront distribution in front of the static
 * assets (tasks.md 8.x and 9.x), publishing their names, ARNs and the distribution's id and domain name.
 */
export class EdgeStack extends TierStack {
  readonly staticAssets: PrivateBucket;
  readonly backups: PrivateBucket;
  readonly accessLogsBucket?: s3.Bucket;
  readonly distribution?: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    const { environment, config } = props;
    super(scope, id, {
      tier: 'edge',
      environment,
      config,
      description: `ShowCore edge tier (${environment}): static-assets and backups buckets, CloudFront distribution`,
    });
    // Grant S3 log delivery through the access-logs bucket's policy, not the legacy LogDeliveryWrite ACL.
    this.node.setContext(cxapi.S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const removalPolicy = removalPolicyOf(config.removal);
    const cloudFrontLogs = config.cdn.enabled && config.cdn.accessLogging;

    if (config.serverAccessLogs || cloudFrontLogs) {
      this.accessLogsBucket = createAccessLogsBucket(this, 'AccessLogsBucket', {
        bucketName: bucketName('edge-access-logs', environment, Aws.ACCOUNT_ID),
        removalPolicy,
        expirationDays: config.accessLogsExpirationDays,
        cloudFrontLogs,
      });
    }
    const serverAccessLogs = (component: string) =>
      config.serverAccessLogs && this.accessLogsBucket ? { bucket: this.accessLogsBucket, prefix: `s3/${component}/` } : undefined;

    this.staticAssets = createPrivateBucket(this, 'StaticAssetsBucket', {
      bucketName: bucketName('static-assets', environment, Aws.ACCOUNT_ID),
      keyAlias: `alias/${resourceName('static-assets', environment, 'key')}`,
      encryptionKey: config.encryptionKey,
      removalPolicy,
      requestMetrics: config.staticAssets.requestMetrics,
      serverAccessLogs: serverAccessLogs('static-assets'),
      noServerAccessLogsReason: NO_SERVER_ACCESS_LOGS,
      lifecycleRules: staticAssetsLifecycle(config.staticAssets),
    });

    const backups = config.backups;
    this.backups = createPrivateBucket(this, 'BackupsBucket', {
      bucketName: bucketName('backups', environment, Aws.ACCOUNT_ID),
      keyAlias: `alias/${resourceName('backups', environment, 'key')}`,
      encryptionKey: config.encryptionKey,
      removalPolicy,
      requestMetrics: backups.requestMetrics,
      serverAccessLogs: serverAccessLogs('backups'),
      noServerAccessLogsReason: NO_SERVER_ACCESS_LOGS,
      lifecycleRules: backupsLifecycle(backups),
    });

    if (config.replication.enabled) {
      const sources = { StaticAssetsBucket: this.staticAssets, BackupsBucket: this.backups };
      for (const bucket of REPLICATED_BUCKETS) {
        replicateToSecondRegion(sources[bucket.sourceId], bucket, { environment, replicaRegion: config.replication.region });
      }
    }

    if (config.cdn.enabled) {
      this.distribution = createStaticAssetsDistribution(this, 'CloudFrontDistribution', {
        environment,
        originBucket: this.staticAssets.bucket,
        cdn: config.cdn,
        logBucket: cloudFrontLogs ? this.accessLogsBucket : undefined,
      });
      if (this.staticAssets.key) acknowledgeWildcardKeyPolicy(this);
    }

    publish(this, 'staticAssetsBucketName', this.staticAssets.bucket.bucketName);
    publish(this, 'staticAssetsBucketArn', this.staticAssets.bucket.bucketArn);
    publish(this, 'backupsBucketName', this.backups.bucket.bucketName);
    publish(this, 'backupsBucketArn', this.backups.bucket.bucketArn);
    // Without a distribution (cdn.enabled false, i.e. local) consumers still find the parameters they read, with
    // a value that cannot pass for a real distribution id or host name.
    publish(this, 'distributionId', this.distribution?.distributionId ?? CDN_NOT_DEPLOYED);
    publish(this, 'distributionDomainName', this.distribution?.distributionDomainName ?? CDN_NOT_DEPLOYED);
  }
}

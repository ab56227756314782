import { Aws, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { removalPolicyOf, TierStack, type EnvironmentName } from '@showcore/naming';
import type { EdgeConfig } from '../config';
import { backupsLifecycle, staticAssetsLifecycle } from '../constructs/bucket-lifecycles';
import { createPrivateBucket, type PrivateBucket } from '../constructs/private-bucket';
import { REPLICATED_BUCKETS, replicaBucketName, replicaKeyAlias, replicationRoleName, sourceBucketName, type ReplicatedBucket } from '../replication/names';

export interface EdgeReplicaStackProps {
  readonly environment: EnvironmentName;
  readonly config: EdgeConfig;
}

const NO_REPLICA_ACCESS_LOGS =
  'A replica bucket is written only by S3 replication (under the replication role) and read only in a regional recovery; server access logs would need a third bucket in the second region for almost no requests, and CloudTrail records its bucket-level API calls. The source buckets log when serverAccessLogs is on.';

/**
 * The edge tier's second-region stack (`replication.enabled`): one replica bucket per replicated bucket, with the
 * same encryption choice (its own regional key under KMS), versioning, public-access blocks, TLS-only policy,
 * ownership controls, lifecycle and tags, and the role S3 assumes to replicate into them. Deployed before the main
 * stack, whose replication rules name these resources by their deterministic names.
 */
export class EdgeReplicaStack extends TierStack {
  readonly replicas: Record<ReplicatedBucket['component'], PrivateBucket>;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: EdgeReplicaStackProps) {
    const { environment, config } = props;
    super(scope, id, {
      tier: 'edge',
      environment,
      part: 'replica',
      config,
      env: { region: config.replication.region },
      description: `ShowCore edge tier (${environment}): cross-region replicas of the static-assets and backups buckets (${config.replication.region})`,
    });
    const removalPolicy = removalPolicyOf(config.removal);
    const lifecycles: Record<ReplicatedBucket['component'], s3.LifecycleRule[]> = {
      'static-assets': staticAssetsLifecycle(config.staticAssets),
      backups: backupsLifecycle(config.backups),
    };

    this.role = new iam.Role(this, 'ReplicationRole', {
      roleName: replicationRoleName(environment),
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com'),
      description: `S3 replicates the ShowCore ${environment} static-assets and backups buckets into their ${config.replication.region} replicas`,
    });

    const replicas = {} as Record<ReplicatedBucket['component'], PrivateBucket>;
    for (const bucket of REPLICATED_BUCKETS) {
      const replica = createPrivateBucket(this, bucket.replicaId, {
        bucketName: replicaBucketName(bucket, environment),
        keyAlias: replicaKeyAlias(bucket, environment),
        encryptionKey: config.encryptionKey,
        removalPolicy,
        // Nothing alarms on the replicas' requests: request metrics would be billed for no reader.
        requestMetrics: false,
        noServerAccessLogsReason: NO_REPLICA_ACCESS_LOGS,
        lifecycleRules: lifecycles[bucket.component],
      });
      replicas[bucket.component] = replica;
      this.grantReplication(bucket, replica, environment);
    }
    this.replicas = replicas;
  }

  /** Reads from the source bucket (named, it is in the main stack) and writes into the replica. */
  private grantReplication(bucket: ReplicatedBucket, replica: PrivateBucket, environment: EnvironmentName): void {
    const sourceArn = `arn:${Aws.PARTITION}:s3:::${sourceBucketName(bucket, environment)}`;
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'], resources: [sourceArn] }));
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
        resources: [`${sourceArn}/*`],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], resources: [replica.bucket.arnForObjects('*')] }),
    );
    if (replica.key) {
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:Encrypt'], resources: [replica.key.keyArn] }));
    }
    const replicaLogicalId = this.resolve((replica.bucket.node.defaultChild as s3.CfnBucket).logicalId) as string;
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${replicaLogicalId}.Arn>/*]`,
      reason: `S3 replication writes every new object version of the ${bucket.component} bucket into its replica: the object ARNs of that one replica bucket, with the replicate actions only.`,
    });
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${sourceArn.replace(Aws.PARTITION, '<AWS::Partition>').replace(Aws.ACCOUNT_ID, '<AWS::AccountId>')}/*]`,
      reason: `S3 replication reads every new object version of the ${bucket.component} bucket: the object ARNs of that one bucket, with the read-for-replication actions only.`,
    });
  }
}

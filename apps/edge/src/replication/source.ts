import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { EnvironmentName } from '@showcore/naming';
import type { PrivateBucket } from '../constructs/private-bucket';
import { replicaBucketName, replicaKeyAliasArn, replicationRoleArn, type ReplicatedBucket } from './names';

export interface SourceReplicationProps {
  readonly environment: EnvironmentName;
  readonly replicaRegion: string;
}

/**
 * Turns on replication of every new object version of `source` into its replica bucket in the second region.
 * Set on the L1 resource so that the replica bucket, its key and the role are named, not created or imported
 * here (the replica stack owns them). Adding a ReplicationConfiguration is an in-place update of the bucket.
 */
export function replicateToSecondRegion(source: PrivateBucket, bucket: ReplicatedBucket, props: SourceReplicationProps): void {
  const { environment, replicaRegion } = props;
  const roleArn = replicationRoleArn(environment);
  const kms = source.key !== undefined;
  (source.bucket.node.defaultChild as s3.CfnBucket).replicationConfiguration = {
    role: roleArn,
    rules: [
      {
        id: 'ReplicateToSecondRegion',
        status: 'Enabled',
        priority: 1,
        filter: { prefix: '' },
        deleteMarkerReplication: { status: bucket.replicateDeletes ? 'Enabled' : 'Disabled' },
        // SSE-KMS objects are replicated only when asked for, and re-encrypted with the replica's own key.
        sourceSelectionCriteria: kms ? { sseKmsEncryptedObjects: { status: 'Enabled' } } : undefined,
        destination: {
          bucket: `arn:${Aws.PARTITION}:s3:::${replicaBucketName(bucket, environment)}`,
          encryptionConfiguration: kms ? { replicaKmsKeyId: replicaKeyAliasArn(bucket, environment, replicaRegion) } : undefined,
        },
      },
    ],
  };
  // The source key's policy lets the replication role read objects through S3 in this region. The role exists
  // before this key policy is written: the replica stack that creates it is deployed first.
  source.key?.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCrossRegionReplicationToDecrypt',
      principals: [new iam.ArnPrincipal(roleArn)],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } },
    }),
  );
}

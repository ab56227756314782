import { Aws } from 'aws-cdk-lib';
import { bucketName, resourceName, type EnvironmentName } from '@showcore/naming';

/**
 * The names both edge stacks derive for cross-region replication. The replica stack (second region) and the main
 * stack cannot pass values through SSM parameters (they are regional) or CloudFormation exports (the repository
 * rule, and exports do not cross regions either): each side computes the same physical names from the environment
 * and the account instead (docs/decisions/0007-cross-region-stacks-deterministic-names.md).
 */

/** A replicated bucket: its construct id in each stack and the component of its name. */
export interface ReplicatedBucket {
  /** Construct id of the source bucket in the main stack. */
  readonly sourceId: 'StaticAssetsBucket' | 'BackupsBucket';
  /** Construct id of the replica bucket in the replica stack. */
  readonly replicaId: 'StaticAssetsReplicaBucket' | 'BackupsReplicaBucket';
  /** Name component of the source bucket (`showcore-<component>-<env>-<account>`). */
  readonly component: 'static-assets' | 'backups';
  /**
   * Replicate delete markers. The static assets are a mirror of the site (a file removed from the origin must
   * not stay current in the replica); the backups replica is a second copy that a deletion in the primary region
   * must not reach (lifecycle expirations are never replicated, so the replica expires by its own rules).
   */
  readonly replicateDeletes: boolean;
}

export const REPLICATED_BUCKETS: readonly ReplicatedBucket[] = [
  { sourceId: 'StaticAssetsBucket', replicaId: 'StaticAssetsReplicaBucket', component: 'static-assets', replicateDeletes: true },
  { sourceId: 'BackupsBucket', replicaId: 'BackupsReplicaBucket', component: 'backups', replicateDeletes: false },
];

export function sourceBucketName(bucket: ReplicatedBucket, environment: EnvironmentName): string {
  return bucketName(bucket.component, environment, Aws.ACCOUNT_ID);
}

/** `showcore-<component>-replica-<env>-<account>`: bucket names are global, so the replica needs its own. */
export function replicaBucketName(bucket: ReplicatedBucket, environment: EnvironmentName): string {
  return bucketName(`${bucket.component}-replica`, environment, Aws.ACCOUNT_ID);
}

/** Alias of the replica's customer-managed key (encryptionKey customer-managed): alias ARNs are predictable, key ARNs are not. */
export function replicaKeyAlias(bucket: ReplicatedBucket, environment: EnvironmentName): string {
  return `alias/${resourceName(`${bucket.component}-replica`, environment, 'key')}`;
}

export function replicaKeyAliasArn(bucket: ReplicatedBucket, environment: EnvironmentName, replicaRegion: string): string {
  return `arn:${Aws.PARTITION}:kms:${replicaRegion}:${Aws.ACCOUNT_ID}:${replicaKeyAlias(bucket, environment)}`;
}

/** The role S3 assumes to replicate both buckets (IAM is global: created by the replica stack, used by the main). */
export function replicationRoleName(environment: EnvironmentName): string {
  return resourceName('edge', environment, 'replication-role');
}

export function replicationRoleArn(environment: EnvironmentName): string {
  return `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/${replicationRoleName(environment)}`;
}

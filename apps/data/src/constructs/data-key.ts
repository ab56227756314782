import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { resourceName, type EnvironmentName } from '@showcore/naming';
import type { DataConfig } from '../config';

export interface DataKeyProps {
  readonly environment: EnvironmentName;
  readonly config: DataConfig;
}

/**
 * The tier's customer-managed key (hardened profile): RDS storage and Performance Insights, the RDS-managed
 * secret, the Redis data at rest and the PostgreSQL log group. One key for the tier keeps the cost at $1/month.
 * It outlives the stack unless everything it encrypts is destroyed with it: a final snapshot is unreadable
 * without its key.
 */
export function createDataKey(scope: Construct, id: string, props: DataKeyProps): kms.Key {
  const { environment, config } = props;
  const everythingDestroyed = config.database.removal === 'destroy' && config.cache.removal === 'destroy' && config.database.logRemoval === 'destroy';
  const key = new kms.Key(scope, id, {
    alias: `alias/${resourceName('data', environment, 'key')}`,
    description: `ShowCore data tier (${environment}): RDS, its secret and logs, ElastiCache`,
    enableKeyRotation: true,
    removalPolicy: everythingDestroyed ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
  });
  // CloudWatch Logs encrypts with the key itself (not with the caller's grants), limited to this account's log groups.
  const region = Stack.of(scope).region;
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsForThisAccount',
      principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${region}:${Aws.ACCOUNT_ID}:log-group:*` } },
    }),
  );
  return key;
}

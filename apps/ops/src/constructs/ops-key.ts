import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { resourceName, type EnvironmentName } from '@showcore/naming';

export interface OpsKeyProps {
  readonly environment: EnvironmentName;
  /** Services that publish to the encrypted topics and so must encrypt with the key. */
  readonly publishers: readonly string[];
  readonly removalPolicy: RemovalPolicy;
  /** Distinguishes the us-east-1 billing stack's key from the main one. @default 'key' */
  readonly aliasSuffix?: string;
}

/**
 * The ops tier's customer-managed key (the `customer-managed` encryption choice): it encrypts the alert topics and
 * the backup vault. AWS services that publish to an encrypted topic need GenerateDataKey/Decrypt on its key.
 */
export function opsKey(scope: Construct, id: string, props: OpsKeyProps): kms.Key {
  const key = new kms.Key(scope, id, {
    alias: `alias/${resourceName('ops', props.environment, props.aliasSuffix ?? 'key')}`,
    description: `ShowCore ops tier (${props.environment}): alert topics and backup vault`,
    enableKeyRotation: true,
    pendingWindow: Duration.days(30),
    removalPolicy: props.removalPolicy,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowAlertPublishers',
      principals: props.publishers.map((service) => new iam.ServicePrincipal(service)),
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }),
  );
  return key;
}

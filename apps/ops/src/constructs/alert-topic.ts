import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { resourceName, type EnvironmentName } from '@showcore/naming';
import type { AlertTopicName } from '../monitoring/alarm-table';

/**
 * The AWS services that publish to each topic. A topic policy replaces SNS's default owner-only policy, so every
 * publisher is named, limited to this account's resources by aws:SourceAccount.
 */
export const TOPIC_PUBLISHERS: Readonly<Record<AlertTopicName, readonly string[]>> = {
  critical: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'],
  warning: ['cloudwatch.amazonaws.com'],
  billing: ['cloudwatch.amazonaws.com', 'budgets.amazonaws.com', 'costalerts.amazonaws.com'],
};

export interface AlertTopicProps {
  readonly environment: EnvironmentName;
  readonly name: AlertTopicName;
  /** Addresses to subscribe (zero or more); each receives a confirmation mail from SNS. */
  readonly emails: readonly string[];
  /** @default - unencrypted (see EncryptionKeyChoice) */
  readonly masterKey?: kms.IKey;
}

/**
 * An alert topic `showcore-<name>-<env>-alerts` that only accepts TLS requests (aws:SecureTransport deny) and lets
 * its publishing services in, with the configured email subscriptions.
 */
export function alertTopic(scope: Construct, id: string, props: AlertTopicProps): sns.Topic {
  const topic = new sns.Topic(scope, id, {
    topicName: resourceName(props.name, props.environment, 'alerts'),
    displayName: `ShowCore ${props.name} alerts (${props.environment})`,
    enforceSSL: true,
    masterKey: props.masterKey,
  });
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowServicePublishers',
      principals: TOPIC_PUBLISHERS[props.name].map((service) => new iam.ServicePrincipal(service)),
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }),
  );
  for (const email of props.emails) topic.addSubscription(new subscriptions.EmailSubscription(email));
  return topic;
}

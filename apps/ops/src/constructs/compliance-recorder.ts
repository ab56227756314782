import { Aws, type CfnElement, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { bucketName, resourceName, type EnvironmentName } from '@showcore/naming';
import { MANAGED_RULES, recordedResourceTypes, type AwsConfigSettings, type ManagedRuleName } from '../config';
import { auditBucket } from './audit-bucket';

export interface ComplianceRecorderProps {
  readonly environment: EnvironmentName;
  readonly settings: AwsConfigSettings;
  readonly removalPolicy: RemovalPolicy;
}

function ruleConstructId(name: string): string {
  return `${name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}Rule`;
}

/** What complianceRecorder builds; the recorder and its bucket only when `settings.recorder` is on. */
export interface ComplianceRecorder {
  readonly bucket?: s3.Bucket;
  readonly recorder?: config.CfnConfigurationRecorder;
  readonly rules: config.ManagedRule[];
}

/**
 * AWS Config (tasks.md 4.2): a recorder limited to the resource types ShowCore uses, a delivery channel to its own
 * bucket, and the managed rules the configuration switches on.
 */
export function complianceRecorder(scope: Construct, id: string, props: ComplianceRecorderProps): ComplianceRecorder {
  const construct = new Construct(scope, id);
  let recorded: Pick<ComplianceRecorder, 'bucket' | 'recorder'> = {};
  const rules: config.ManagedRule[] = [];
  const { environment, settings } = props;
  const enabled = Object.entries(settings.rules)
    .filter(([, on]) => on)
    .map(([name]) => name as ManagedRuleName);
  if (settings.recorder) {
    const bucket = auditBucket(construct, 'ConfigBucket', {
      bucketName: bucketName('config', environment, Aws.ACCOUNT_ID),
      expirationDays: settings.expirationDays,
      noncurrentVersionExpirationDays: settings.expirationDays,
      removalPolicy: props.removalPolicy,
      writer: 'AWS Config',
    });
    const configService = new iam.ServicePrincipal('config.amazonaws.com');
    const sameAccount = { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } };
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AWSConfigBucketCheck',
        principals: [configService],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: sameAccount,
      }),
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AWSConfigBucketDelivery',
        principals: [configService],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects(`AWSLogs/${Aws.ACCOUNT_ID}/Config/*`)],
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    const role = new iam.Role(construct, 'ConfigRole', {
      roleName: resourceName('config', environment, 'role'),
      assumedBy: configService,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
      description: 'AWS Config reads the recorded resources and delivers to the ShowCore Config bucket',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
      reason:
        'AWS_ConfigRole is the policy AWS maintains for the Config recorder: it follows every resource type Config adds; a hand-written copy would go stale.',
    });
    // Config delivers through the recorder's role when it is not the service-linked role.
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`AWSLogs/${Aws.ACCOUNT_ID}/Config/*`)] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetBucketAcl'], resources: [bucket.bucketArn] }));
    const bucketLogicalId = Stack.of(construct).resolve((bucket.node.defaultChild as CfnElement).logicalId) as string;
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/AWSLogs/<AWS::AccountId>/Config/*]`,
      reason:
        'Config writes one object per delivery under AWSLogs/<account>/Config/ with generated names; the grant is limited to that prefix of its own bucket.',
    });

    const recorder = new config.CfnConfigurationRecorder(construct, 'ConfigRecorder', {
      name: resourceName('config', environment, 'recorder'),
      roleArn: role.roleArn,
      // Only the types ShowCore deploys: Config bills $0.003 per configuration item, and all-types recording
      // would also record every ENI, IAM policy version and log group of the account.
      recordingGroup: {
        allSupported: false,
        includeGlobalResourceTypes: false,
        resourceTypes: recordedResourceTypes(enabled),
        recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
      },
      recordingMode: { recordingFrequency: settings.recordingFrequency },
    });
    const channel = new config.CfnDeliveryChannel(construct, 'ConfigDeliveryChannel', {
      name: resourceName('config', environment, 'delivery'),
      s3BucketName: bucket.bucketName,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    channel.node.addDependency(bucket.policy ?? bucket);
    recorded = { bucket, recorder };
  }

  for (const name of enabled) {
    const rule = MANAGED_RULES[name];
    const managed = new config.ManagedRule(construct, ruleConstructId(name), {
      configRuleName: resourceName('config', environment, name),
      identifier: rule.identifier,
      description: `ShowCore (${environment}): ${rule.checks}`,
      ruleScope: rule.scope.length > 0 ? config.RuleScope.fromResources(rule.scope.map((type) => config.ResourceType.of(type))) : undefined,
      maximumExecutionFrequency: rule.scope.length === 0 ? config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS : undefined,
    });
    // A rule evaluates only once a recorder in the region records (when another environment of the account owns
    // the recorder, that one).
    if (recorded.recorder) managed.node.addDependency(recorded.recorder);
    rules.push(managed);
  }
  return { ...recorded, rules };
}

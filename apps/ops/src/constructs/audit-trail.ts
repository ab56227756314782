import { Aws, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { bucketName, resourceName, type EnvironmentName } from '@showcore/naming';
import type { AuditTrailConfig } from '../config';
import { auditBucket } from './audit-bucket';

export interface AuditTrailProps {
  readonly environment: EnvironmentName;
  readonly config: AuditTrailConfig;
  readonly logGroup: logs.ILogGroup;
  readonly removalPolicy: RemovalPolicy;
}

/** What auditTrail builds. */
export interface AuditTrail {
  readonly bucket: s3.Bucket;
  readonly trail: cloudtrail.CfnTrail;
}

/**
 * A multi-region CloudTrail trail with log file validation (tasks.md 1.3 / 4.4) into its own bucket and the
 * /aws/cloudtrail/… log group. Built from the L1 trail because the L2 bucket policy lacks aws:SourceArn, which
 * stops another account's trail from writing into this bucket (confused deputy).
 */
export function auditTrail(scope: Construct, id: string, props: AuditTrailProps): AuditTrail {
  const construct = new Construct(scope, id);
  const trailName = resourceName('audit', props.environment, 'trail');
  const trailArn = `arn:${Aws.PARTITION}:cloudtrail:${Aws.REGION}:${Aws.ACCOUNT_ID}:trail/${trailName}`;
  const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
  const bucket = auditBucket(construct, 'CloudTrailBucket', {
    bucketName: bucketName('cloudtrail', props.environment, Aws.ACCOUNT_ID),
    expirationDays: props.config.expirationDays,
    noncurrentVersionExpirationDays: props.config.noncurrentVersionExpirationDays,
    removalPolicy: props.removalPolicy,
    writer: 'CloudTrail',
  });
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AWSCloudTrailAclCheck',
      principals: [cloudTrail],
      actions: ['s3:GetBucketAcl'],
      resources: [bucket.bucketArn],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    }),
  );
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AWSCloudTrailWrite',
      principals: [cloudTrail],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`AWSLogs/${Aws.ACCOUNT_ID}/*`)],
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
    }),
  );

  const logsRole = new iam.Role(construct, 'CloudTrailLogsRole', {
    roleName: resourceName('audit', props.environment, 'logs-role'),
    assumedBy: cloudTrail,
    description: 'CloudTrail delivers the ShowCore trail to its CloudWatch Logs group',
  });
  const logsPolicy = new iam.Policy(construct, 'CloudTrailLogsPolicy', {
    roles: [logsRole],
    statements: [new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [props.logGroup.logGroupArn] })],
  });

  const trail = new cloudtrail.CfnTrail(construct, 'CloudTrail', {
    trailName,
    s3BucketName: bucket.bucketName,
    isLogging: true,
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableLogFileValidation: true,
    cloudWatchLogsLogGroupArn: props.logGroup.logGroupArn,
    cloudWatchLogsRoleArn: logsRole.roleArn,
  });
  // CloudTrail checks both permissions when the trail is created.
  trail.node.addDependency(bucket.policy ?? bucket, logsPolicy);
  return { bucket, trail };
}

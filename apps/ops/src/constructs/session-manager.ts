import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { resourceName, type EnvironmentName } from '@showcore/naming';
import type { SessionManagerConfig } from '../config';

export interface SessionManagerProps {
  readonly environment: EnvironmentName;
  readonly config: SessionManagerConfig;
  readonly logGroup: logs.ILogGroup;
}

/** What sessionManager builds. */
export interface SessionManager {
  readonly document: ssm.CfnDocument;
  readonly instanceRole: iam.Role;
  readonly instanceProfile: iam.InstanceProfile;
}

/**
 * Session Manager access for future instances (tasks.md 4.3), never SSH: a session-preferences document that
 * streams transcripts to the /aws/ssm/… log group (no S3 copy) and ends idle sessions, and an instance role and
 * profile with only the SSM core policy and write access to that log group.
 */
export function sessionManager(scope: Construct, id: string, props: SessionManagerProps): SessionManager {
  const construct = new Construct(scope, id);
  // A named document of type Session (start-session --document-name …): the account's default
  // SSM-SessionManagerRunShell is shared by every environment of the account and may already exist.
  const document = new ssm.CfnDocument(construct, 'SessionPreferencesDocument', {
    name: resourceName('ssm', props.environment, 'session-preferences'),
    documentType: 'Session',
    documentFormat: 'JSON',
    updateMethod: 'NewVersion',
    // A JSON string (CloudFormation takes an object or a string): the local emulator stores an object and then
    // fails to hash it on every read of the document.
    content: Stack.of(construct).toJsonString({
      schemaVersion: '1.0',
      description: `ShowCore (${props.environment}) Session Manager preferences: CloudWatch Logs transcripts, no S3, idle timeout`,
      sessionType: 'Standard_Stream',
      inputs: {
        s3BucketName: '',
        s3KeyPrefix: '',
        s3EncryptionEnabled: false,
        cloudWatchLogGroupName: props.logGroup.logGroupName,
        // The group uses CloudWatch Logs' own encryption; true would require a KMS key on the group.
        cloudWatchEncryptionEnabled: false,
        cloudWatchStreamingEnabled: true,
        idleSessionTimeout: String(props.config.idleTimeoutMinutes),
        runAsEnabled: false,
        runAsDefaultUser: '',
        shellProfile: { linux: '', windows: '' },
      },
    }),
  });

  const instanceRole = new iam.Role(construct, 'SessionManagerInstanceRole', {
    roleName: resourceName('ssm', props.environment, 'instance-role'),
    assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    description: 'ShowCore instances: Session Manager only (no SSH keys), transcripts to CloudWatch Logs',
  });
  instanceRole.addToPolicy(
    new iam.PolicyStatement({
      sid: 'WriteSessionTranscripts',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resources: [props.logGroup.logGroupArn],
    }),
  );
  instanceRole.addToPolicy(
    // The agent checks the group exists before streaming; DescribeLogGroups has no resource-level permissions.
    new iam.PolicyStatement({ sid: 'FindSessionLogGroup', actions: ['logs:DescribeLogGroups'], resources: ['*'] }),
  );
  Validations.of(instanceRole).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
    reason:
      'AmazonSSMManagedInstanceCore is the minimal policy AWS maintains for the SSM agent (tasks.md 4.3); pinning a copy would break when the agent needs new actions.',
  });
  Validations.of(instanceRole).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'Only logs:DescribeLogGroups has "*": it supports no resource-level permissions. The write actions are limited to the session log group.',
  });
  const instanceProfile = new iam.InstanceProfile(construct, 'SessionManagerInstanceProfile', {
    instanceProfileName: resourceName('ssm', props.environment, 'instance-profile'),
    role: instanceRole,
  });
  return { document, instanceRole, instanceProfile };
}

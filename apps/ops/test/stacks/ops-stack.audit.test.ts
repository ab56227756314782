import { ResourceType as ConfigResourceType } from '@aws-sdk/client-config-service';
import { onlyResource, resourcesOfType, resourceWith } from '@showcore/testing';
import { synthesizeEnvironment } from '../helpers';

/** The audit and access part of the dev ops stack: CloudTrail, AWS Config, Session Manager (ops-stack.test.ts has the rest). */
describe('ops stack (dev): audit and access', () => {
  const template = synthesizeEnvironment('dev').template('Ops');
  const resources: Record<string, any> = template.toJSON().Resources;

  describe('CloudTrail', () => {
    const trail = () => onlyResource(template, 'AWS::CloudTrail::Trail');
    const bucket = () => resourceWith(template, 'AWS::S3::Bucket', 'BucketName', { 'Fn::Join': ['', ['showcore-cloudtrail-dev-', { Ref: 'AWS::AccountId' }]] });

    it('multi-region, global events, log file validation, to its bucket and log group', () => {
      const group = resourceWith(template, 'AWS::Logs::LogGroup', 'LogGroupName', '/aws/cloudtrail/showcore-audit-dev-trail');
      expect(trail().properties).toMatchObject({
        TrailName: 'showcore-audit-dev-trail',
        IsLogging: true,
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
        EnableLogFileValidation: true,
        S3BucketName: { Ref: bucket().logicalId },
        CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [group.logicalId, 'Arn'] },
      });
      expect(trail().properties.KMSKeyId).toBeUndefined();
    });

    it('its bucket is versioned, SSE-S3 and expires logs after 90 days', () => {
      expect(bucket().properties).toMatchObject({
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        LifecycleConfiguration: {
          Rules: [expect.objectContaining({ ExpirationInDays: 90, NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' })],
        },
      });
      expect(bucket().resource.DeletionPolicy).toBe('Retain');
    });

    it('the bucket policy lets only this trail write (aws:SourceArn) and waits for it before the trail', () => {
      const [policy, ...others] = resourcesOfType([template], 'AWS::S3::BucketPolicy').filter((p) => p.properties.Bucket.Ref === bucket().logicalId);
      expect(others).toEqual([]);
      const trailArn = {
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':cloudtrail:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':trail/showcore-audit-dev-trail'],
        ],
      };
      const statements = policy.properties.PolicyDocument.Statement;
      expect(statements.find((s: any) => s.Sid === 'AWSCloudTrailAclCheck')).toMatchObject({
        Action: 's3:GetBucketAcl',
        Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
      });
      expect(statements.find((s: any) => s.Sid === 'AWSCloudTrailWrite')).toMatchObject({
        Action: 's3:PutObject',
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
      });
      expect(trail().resource.DependsOn).toEqual(expect.arrayContaining([policy.logicalId]));
    });
  });

  it('every bucket (CloudTrail, Config) sends its object events to EventBridge, without a notifications Lambda', () => {
    const buckets = resourcesOfType([template], 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(2);
    for (const bucket of buckets) expect(bucket.properties.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    expect(resourcesOfType([template], 'Custom::S3BucketNotifications')).toEqual([]);
  });

  describe('AWS Config', () => {
    it("records only the project's resource types, continuously, through a role with AWS_ConfigRole", () => {
      const recorder = onlyResource(template, 'AWS::Config::ConfigurationRecorder').properties;
      expect(recorder.Name).toBe('showcore-config-dev-recorder');
      expect(recorder.RecordingGroup).toMatchObject({
        AllSupported: false,
        IncludeGlobalResourceTypes: false,
        RecordingStrategy: { UseOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
      });
      expect(recorder.RecordingGroup.ResourceTypes).toEqual(expect.arrayContaining(['AWS::RDS::DBInstance', 'AWS::S3::Bucket', 'AWS::EC2::SecurityGroup']));
      expect(recorder.RecordingGroup.ResourceTypes.length).toBeLessThan(20);
      // Only types the Config API knows: an unknown one records nothing (ElastiCache has none, see config-rules.ts).
      const recordable = new Set<string>(Object.values(ConfigResourceType));
      expect(recorder.RecordingGroup.ResourceTypes.filter((type: string) => !recordable.has(type))).toEqual([]);
      expect(recorder.RecordingMode).toEqual({ RecordingFrequency: 'CONTINUOUS' });
      const role = resourceWith(template, 'AWS::IAM::Role', 'RoleName', 'showcore-config-dev-role');
      expect(recorder.RoleARN).toEqual({ 'Fn::GetAtt': [role.logicalId, 'Arn'] });
    });

    it('delivers to its own bucket', () => {
      const channel = onlyResource(template, 'AWS::Config::DeliveryChannel').properties;
      const bucket = resourceWith(template, 'AWS::S3::Bucket', 'BucketName', { 'Fn::Join': ['', ['showcore-config-dev-', { Ref: 'AWS::AccountId' }]] });
      expect(channel.S3BucketName).toEqual({ Ref: bucket.logicalId });
    });

    it.each([
      ['rds-storage-encrypted', 'RDS_STORAGE_ENCRYPTED', ['AWS::RDS::DBInstance']],
      ['s3-bucket-public-read-prohibited', 'S3_BUCKET_PUBLIC_READ_PROHIBITED', ['AWS::S3::Bucket']],
      ['restricted-ssh', 'INCOMING_SSH_DISABLED', ['AWS::EC2::SecurityGroup']],
      ['vpc-default-security-group-closed', 'VPC_DEFAULT_SECURITY_GROUP_CLOSED', ['AWS::EC2::SecurityGroup']],
      ['s3-bucket-ssl-requests-only', 'S3_BUCKET_SSL_REQUESTS_ONLY', ['AWS::S3::Bucket']],
      ['rds-snapshots-public-prohibited', 'RDS_SNAPSHOTS_PUBLIC_PROHIBITED', ['AWS::RDS::DBSnapshot']],
      ['s3-bucket-public-write-prohibited', 'S3_BUCKET_PUBLIC_WRITE_PROHIBITED', ['AWS::S3::Bucket']],
    ])('managed rule %s (%s) scoped to %j', (name, identifier, scope) => {
      const rule = resourceWith(template, 'AWS::Config::ConfigRule', 'ConfigRuleName', `showcore-config-dev-${name}`);
      expect(rule.properties.Source).toEqual({ Owner: 'AWS', SourceIdentifier: identifier });
      expect(rule.properties.Scope).toEqual({ ComplianceResourceTypes: scope });
      expect(rule.resource.DependsOn).toEqual([onlyResource(template, 'AWS::Config::ConfigurationRecorder').logicalId]);
    });

    it('records RDS snapshots because rds-snapshots-public-prohibited evaluates them', () => {
      expect(onlyResource(template, 'AWS::Config::ConfigurationRecorder').properties.RecordingGroup.ResourceTypes).toContain('AWS::RDS::DBSnapshot');
    });

    it('leaves out the Multi-AZ and flow-log rules, which would flag the cost-optimized choices', () => {
      const names = resourcesOfType([template], 'AWS::Config::ConfigRule').map((r) => r.properties.ConfigRuleName);
      expect(names).toHaveLength(8);
      expect(names).not.toContain('showcore-config-dev-rds-multi-az-support');
      expect(names).not.toContain('showcore-config-dev-vpc-flow-logs-enabled');
    });

    it('cloudtrail-enabled runs daily', () => {
      const rule = resourceWith(template, 'AWS::Config::ConfigRule', 'ConfigRuleName', 'showcore-config-dev-cloudtrail-enabled').properties;
      expect(rule).toMatchObject({ Source: { Owner: 'AWS', SourceIdentifier: 'CLOUD_TRAIL_ENABLED' }, MaximumExecutionFrequency: 'TwentyFour_Hours' });
    });
  });

  describe('Session Manager', () => {
    it('preferences document: CloudWatch Logs to the /aws/ssm group, no S3, 20-minute idle timeout', () => {
      const group = resourceWith(template, 'AWS::Logs::LogGroup', 'LogGroupName', '/aws/ssm/showcore-ssm-dev-sessions');
      const document = onlyResource(template, 'AWS::SSM::Document').properties;
      expect(document).toMatchObject({ Name: 'showcore-ssm-dev-session-preferences', DocumentType: 'Session', DocumentFormat: 'JSON' });
      const [separator, parts] = document.Content['Fn::Join'];
      const content = JSON.parse(
        (parts as unknown[]).map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part).replace(/"/g, "'")}>`)).join(separator),
      );
      expect(content).toMatchObject({ schemaVersion: '1.0', sessionType: 'Standard_Stream' });
      expect(content.inputs).toMatchObject({
        s3BucketName: '',
        s3KeyPrefix: '',
        cloudWatchLogGroupName: `<{'Ref':'${group.logicalId}'}>`,
        cloudWatchStreamingEnabled: true,
        idleSessionTimeout: '20',
      });
    });

    it('instance role has only AmazonSSMManagedInstanceCore and log writing, with an instance profile', () => {
      const role = resourceWith(template, 'AWS::IAM::Role', 'RoleName', 'showcore-ssm-dev-instance-role');
      expect(role.properties.ManagedPolicyArns).toEqual([
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonSSMManagedInstanceCore']] },
      ]);
      const policies = resourcesOfType([template], 'AWS::IAM::Policy').filter((p) => p.properties.Roles.some((r: any) => r.Ref === role.logicalId));
      const actions = policies.flatMap((p) => p.properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()));
      expect(actions.sort()).toEqual(['logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents']);
      template.hasResourceProperties('AWS::IAM::InstanceProfile', {
        InstanceProfileName: 'showcore-ssm-dev-instance-profile',
        Roles: [{ Ref: role.logicalId }],
      });
    });

    it("no verification instance any more: the only EC2 role is Session Manager's for people, and verify publishes no instance profile", () => {
      const ec2Roles = resourcesOfType([template], 'AWS::IAM::Role').filter((r) =>
        JSON.stringify(r.properties.AssumeRolePolicyDocument).includes('ec2.amazonaws.com'),
      );
      expect(ec2Roles.map((r) => r.properties.RoleName)).toEqual(['showcore-ssm-dev-instance-role']);
      expect(resourcesOfType([template], 'AWS::IAM::InstanceProfile').map((p) => p.properties.InstanceProfileName)).toEqual([
        'showcore-ssm-dev-instance-profile',
      ]);
      const names = resourcesOfType([template], 'AWS::SSM::Parameter').map((p) => p.properties.Name);
      expect(names.filter((n: string) => n.startsWith('/showcore/dev/ops/verify-'))).toEqual(['/showcore/dev/ops/verify-function-name']);
    });

    it('no SSH key pair and no key name anywhere', () => {
      template.resourceCountIs('AWS::EC2::KeyPair', 0);
      expect(JSON.stringify(resources)).not.toMatch(/"KeyName"/);
    });
  });
});

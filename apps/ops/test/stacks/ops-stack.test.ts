import { ResourceType as ConfigResourceType } from '@aws-sdk/client-config-service';
import { Match } from 'aws-cdk-lib/assertions';
import { onlyResource, resourcesOfType, resourceWith, ssmRef, synthesize } from '@showcore/testing';
import { buildOpsApp } from '../../src/app';

describe('ops stack (dev)', () => {
  const result = synthesize('dev', (app) => void buildOpsApp(app));
  const template = result.template('Ops');
  const resources: Record<string, any> = template.toJSON().Resources;
  const topic = (name: string) => resourceWith(template, 'AWS::SNS::Topic', 'TopicName', `showcore-${name}-dev-alerts`);

  it('is one us-east-1 stack named by the naming rule (billing included: the region is us-east-1)', () => {
    expect(result.stacks.map((s) => [s.stackName, s.region])).toEqual([['showcore-ops-dev-stack', 'us-east-1']]);
  });

  describe('alert topics', () => {
    it.each([
      ['critical', ['admin@showcore.com', 'oncall@showcore.com']],
      ['warning', ['devops@showcore.com']],
      ['billing', ['finance@showcore.com', 'admin@showcore.com']],
    ])('%s topic with its email subscriptions', (name, emails) => {
      const { logicalId } = topic(name);
      const subscriptions = resourcesOfType([template], 'AWS::SNS::Subscription').filter((s) => s.properties.TopicArn.Ref === logicalId);
      expect(subscriptions.map((s) => [s.properties.Protocol, s.properties.Endpoint]).sort()).toEqual(emails.map((e) => ['email', e]).sort());
    });

    it.each([
      ['critical', ['cloudwatch.amazonaws.com', 'events.amazonaws.com']],
      ['warning', ['cloudwatch.amazonaws.com']],
      ['billing', ['budgets.amazonaws.com', 'cloudwatch.amazonaws.com', 'costalerts.amazonaws.com']],
    ])('%s topic policy: TLS only, and only its publishing services of this account may publish', (name, services) => {
      const { logicalId } = topic(name);
      const policies = resourcesOfType([template], 'AWS::SNS::TopicPolicy').filter((p) => p.properties.Topics[0].Ref === logicalId);
      expect(policies).toHaveLength(1);
      const statements = policies[0].properties.PolicyDocument.Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      const allow = statements.find((s: any) => s.Sid === 'AllowServicePublishers');
      expect(allow).toMatchObject({ Effect: 'Allow', Action: 'sns:Publish', Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } });
      expect([allow.Principal.Service].flat().sort()).toEqual(services);
      expect(statements.filter((s: any) => s.Effect === 'Allow')).toHaveLength(1);
    });

    it('leaves the topics unencrypted in the cost-optimized profile', () => {
      for (const name of ['critical', 'warning', 'billing']) expect(topic(name).properties.KmsMasterKeyId).toBeUndefined();
      template.resourceCountIs('AWS::KMS::Key', 0);
    });

    it('publishes the critical and warning topic ARNs in SSM', () => {
      for (const [path, name] of [
        ['/showcore/dev/ops/critical-topic-arn', 'critical'],
        ['/showcore/dev/ops/warning-topic-arn', 'warning'],
      ]) {
        template.hasResourceProperties('AWS::SSM::Parameter', { Name: path, Value: { Ref: topic(name).logicalId } });
      }
    });
  });

  it('publishes the status thresholds as JSON for the status command', () => {
    const parameter = resourceWith(template, 'AWS::SSM::Parameter', 'Name', '/showcore/dev/ops/status-thresholds');
    expect(JSON.parse(parameter.properties.Value)).toEqual({ recoveryPointMaxAgeHours: 26, cacheSnapshotMaxAgeHours: 26, failedJobsLookbackDays: 7 });
  });

  describe('log groups', () => {
    it.each(['/aws/cloudtrail/showcore-audit-dev-trail', '/aws/ssm/showcore-ssm-dev-sessions'])('%s keeps logs 7 days and is retained', (name) => {
      const group = resourceWith(template, 'AWS::Logs::LogGroup', 'LogGroupName', name);
      expect(group.properties.RetentionInDays).toBe(7);
      expect(group.resource.DeletionPolicy).toBe('Retain');
    });

    it('creates no RDS or ElastiCache log group (the data tier owns them)', () => {
      const names = resourcesOfType([template], 'AWS::Logs::LogGroup').map((g) => g.properties.LogGroupName);
      expect(names.filter((n) => /^\/aws\/(rds|elasticache)\//.test(n))).toEqual([]);
    });
  });

  describe('AWS Backup', () => {
    it('vault showcore-backup-dev-vault uses the AWS managed key and is retained', () => {
      const vault = onlyResource(template, 'AWS::Backup::BackupVault');
      expect(vault.properties.BackupVaultName).toBe('showcore-backup-dev-vault');
      expect(vault.properties.EncryptionKeyArn).toBeUndefined();
      expect(vault.resource.DeletionPolicy).toBe('Retain');
    });

    it('plan showcore-rds-dev-backup-plan: daily at 06:00 UTC, kept 7 days, recovery points tagged', () => {
      const plan = onlyResource(template, 'AWS::Backup::BackupPlan').properties.BackupPlan;
      expect(plan.BackupPlanName).toBe('showcore-rds-dev-backup-plan');
      expect(plan.BackupPlanRule).toEqual([
        {
          RuleName: 'daily',
          ScheduleExpression: 'cron(0 6 * * ? *)',
          StartWindowMinutes: 60,
          CompletionWindowMinutes: 180,
          Lifecycle: { DeleteAfterDays: 7 },
          TargetBackupVault: { 'Fn::GetAtt': [onlyResource(template, 'AWS::Backup::BackupVault').logicalId, 'BackupVaultName'] },
          RecoveryPointTags: { Project: 'ShowCore', Phase: 'Phase1', Environment: 'Development', ManagedBy: 'CDK', CostCenter: 'Engineering' },
        },
      ]);
    });

    it('selects RDS instances tagged Project=ShowCore (and this environment) through a role with the AWS backup policy', () => {
      const selection = onlyResource(template, 'AWS::Backup::BackupSelection').properties;
      expect(selection.BackupSelection).toMatchObject({
        SelectionName: 'showcore-rds-dev-backup-selection',
        Resources: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':rds:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':db:*']] }],
        Conditions: {
          StringEquals: [
            { ConditionKey: 'aws:ResourceTag/Project', ConditionValue: 'ShowCore' },
            { ConditionKey: 'aws:ResourceTag/Environment', ConditionValue: 'Development' },
          ],
        },
      });
      expect(selection.BackupSelection.ListOfTags).toBeUndefined();
      const role = resourceWith(template, 'AWS::IAM::Role', 'RoleName', 'showcore-backup-dev-role');
      expect(selection.BackupSelection.IamRoleArn).toEqual({ 'Fn::GetAtt': [role.logicalId, 'Arn'] });
      expect(role.properties.AssumeRolePolicyDocument.Statement).toEqual([
        expect.objectContaining({ Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      ]);
      expect(role.properties.ManagedPolicyArns).toEqual([
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup']] },
      ]);
    });
  });

  describe('backup failure rules', () => {
    const critical = () => ({ Ref: topic('critical').logicalId });

    it('showcore-elasticache-dev-backup-failure: "Snapshot Creation Failed" of this environment\'s replication group only, to the critical topic', () => {
      const rule = resourceWith(template, 'AWS::Events::Rule', 'Name', 'showcore-elasticache-dev-backup-failure').properties;
      const group = ssmRef(template, 'dev', 'redisReplicationGroupId');
      expect(rule.EventPattern).toEqual({
        source: ['aws.elasticache'],
        'detail-type': ['Snapshot Creation Failed'],
        resources: [{ wildcard: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':elasticache:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*:', group, '*']] } }],
      });
      expect(rule.Targets).toEqual([{ Arn: critical(), Id: 'Target0' }]);
      expect(rule.State).toBe('ENABLED');
    });

    it('showcore-rds-dev-backup-failure: AWS Backup jobs of this environment\'s vault FAILED, ABORTED or EXPIRED go to the critical topic', () => {
      const rule = resourceWith(template, 'AWS::Events::Rule', 'Name', 'showcore-rds-dev-backup-failure').properties;
      expect(rule.EventPattern).toEqual({
        source: ['aws.backup'],
        'detail-type': ['Backup Job State Change'],
        detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'], backupVaultName: ['showcore-backup-dev-vault'] },
      });
      expect(rule.Targets).toEqual([{ Arn: critical(), Id: 'Target0' }]);
    });
  });

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
        LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 90, NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' })] },
      });
      expect(bucket().resource.DeletionPolicy).toBe('Retain');
    });

    it('the bucket policy lets only this trail write (aws:SourceArn) and waits for it before the trail', () => {
      const [policy, ...others] = resourcesOfType([template], 'AWS::S3::BucketPolicy').filter((p) => p.properties.Bucket.Ref === bucket().logicalId);
      expect(others).toEqual([]);
      const trailArn = {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudtrail:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':trail/showcore-audit-dev-trail']],
      };
      const statements = policy.properties.PolicyDocument.Statement;
      expect(statements.find((s: any) => s.Sid === 'AWSCloudTrailAclCheck')).toMatchObject({ Action: 's3:GetBucketAcl', Condition: { StringEquals: { 'aws:SourceArn': trailArn } } });
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
    it('records only the project\'s resource types, continuously, through a role with AWS_ConfigRole', () => {
      const recorder = onlyResource(template, 'AWS::Config::ConfigurationRecorder').properties;
      expect(recorder.Name).toBe('showcore-config-dev-recorder');
      expect(recorder.RecordingGroup).toMatchObject({ AllSupported: false, IncludeGlobalResourceTypes: false, RecordingStrategy: { UseOnly: 'INCLUSION_BY_RESOURCE_TYPES' } });
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
      const content = JSON.parse((parts as unknown[]).map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part).replace(/"/g, "'")}>`)).join(separator));
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
      expect(role.properties.ManagedPolicyArns).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonSSMManagedInstanceCore']] }]);
      const policies = resourcesOfType([template], 'AWS::IAM::Policy').filter((p) => p.properties.Roles.some((r: any) => r.Ref === role.logicalId));
      const actions = policies.flatMap((p) => p.properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()));
      expect(actions.sort()).toEqual(['logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents']);
      template.hasResourceProperties('AWS::IAM::InstanceProfile', { InstanceProfileName: 'showcore-ssm-dev-instance-profile', Roles: [{ Ref: role.logicalId }] });
    });

    it('no verification instance any more: the only EC2 role is Session Manager\'s for people, and verify publishes no instance profile', () => {
      const ec2Roles = resourcesOfType([template], 'AWS::IAM::Role').filter((r) => JSON.stringify(r.properties.AssumeRolePolicyDocument).includes('ec2.amazonaws.com'));
      expect(ec2Roles.map((r) => r.properties.RoleName)).toEqual(['showcore-ssm-dev-instance-role']);
      expect(resourcesOfType([template], 'AWS::IAM::InstanceProfile').map((p) => p.properties.InstanceProfileName)).toEqual(['showcore-ssm-dev-instance-profile']);
      const names = resourcesOfType([template], 'AWS::SSM::Parameter').map((p) => p.properties.Name);
      expect(names.filter((n: string) => n.startsWith('/showcore/dev/ops/verify-'))).toEqual(['/showcore/dev/ops/verify-function-name']);
    });

    it('no SSH key pair and no key name anywhere', () => {
      template.resourceCountIs('AWS::EC2::KeyPair', 0);
      expect(JSON.stringify(resources)).not.toMatch(/"KeyName"/);
    });
  });

  describe('billing guard', () => {
    it('a monthly cost budget mailing the billing topic at 80 % actual and 100 % forecast', () => {
      const budget = onlyResource(template, 'AWS::Budgets::Budget').properties;
      expect(budget.Budget).toEqual({ BudgetName: 'showcore-billing-dev-monthly-budget', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 100, Unit: 'USD' } });
      const billingTopic = { Ref: topic('billing').logicalId };
      expect(budget.NotificationsWithSubscribers).toEqual([
        { Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80, ThresholdType: 'PERCENTAGE' }, Subscribers: [{ SubscriptionType: 'SNS', Address: billingTopic }] },
        { Notification: { NotificationType: 'FORECASTED', ComparisonOperator: 'GREATER_THAN', Threshold: 100, ThresholdType: 'PERCENTAGE' }, Subscribers: [{ SubscriptionType: 'SNS', Address: billingTopic }] },
      ]);
    });

    it('a Cost Anomaly Detection monitor on Project=ShowCore with an immediate subscription of $10+', () => {
      const monitor = onlyResource(template, 'AWS::CE::AnomalyMonitor');
      expect(monitor.properties).toMatchObject({ MonitorName: 'showcore-billing-dev-anomaly-monitor', MonitorType: 'CUSTOM' });
      expect(JSON.parse(monitor.properties.MonitorSpecification)).toEqual({ Tags: { Key: 'Project', Values: ['ShowCore'], MatchOptions: ['EQUALS'] } });
      const subscription = onlyResource(template, 'AWS::CE::AnomalySubscription').properties;
      expect(subscription).toMatchObject({
        Frequency: 'IMMEDIATE',
        MonitorArnList: [{ 'Fn::GetAtt': [monitor.logicalId, 'MonitorArn'] }],
        Subscribers: [{ Type: 'SNS', Address: { Ref: topic('billing').logicalId } }],
      });
      expect(JSON.parse(subscription.ThresholdExpression)).toEqual({
        Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: ['10'] },
      });
    });
  });

  it('tags every taggable resource with the standard tags (the dashboard excepted)', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { Tags: Match.arrayWith([{ Key: 'Project', Value: 'ShowCore' }, { Key: 'Tier', Value: 'ops' }]) });
    template.hasResourceProperties('AWS::S3::Bucket', { Tags: Match.arrayWith([{ Key: 'Environment', Value: 'Development' }]) });
  });

  it('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

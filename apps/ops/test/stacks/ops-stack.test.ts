import { Match } from 'aws-cdk-lib/assertions';
import { onlyResource, resourcesOfType, resourceWith, ssmRef } from '@showcore/testing';
import { synthesizeEnvironment } from '../helpers';

describe('ops stack (dev)', () => {
  const result = synthesizeEnvironment('dev');
  const template = result.template('Ops');
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
        resources: [
          {
            wildcard: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':elasticache:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*:', group, '*']],
            },
          },
        ],
      });
      expect(rule.Targets).toEqual([{ Arn: critical(), Id: 'Target0' }]);
      expect(rule.State).toBe('ENABLED');
    });

    it("showcore-rds-dev-backup-failure: AWS Backup jobs of this environment's vault FAILED, ABORTED or EXPIRED go to the critical topic", () => {
      const rule = resourceWith(template, 'AWS::Events::Rule', 'Name', 'showcore-rds-dev-backup-failure').properties;
      expect(rule.EventPattern).toEqual({
        source: ['aws.backup'],
        'detail-type': ['Backup Job State Change'],
        detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'], backupVaultName: ['showcore-backup-dev-vault'] },
      });
      expect(rule.Targets).toEqual([{ Arn: critical(), Id: 'Target0' }]);
    });
  });

  describe('billing guard', () => {
    it('a monthly cost budget mailing the billing topic at 80 % actual and 100 % forecast', () => {
      const budget = onlyResource(template, 'AWS::Budgets::Budget').properties;
      expect(budget.Budget).toEqual({
        BudgetName: 'showcore-billing-dev-monthly-budget',
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: 100, Unit: 'USD' },
      });
      const billingTopic = { Ref: topic('billing').logicalId };
      expect(budget.NotificationsWithSubscribers).toEqual([
        {
          Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80, ThresholdType: 'PERCENTAGE' },
          Subscribers: [{ SubscriptionType: 'SNS', Address: billingTopic }],
        },
        {
          Notification: { NotificationType: 'FORECASTED', ComparisonOperator: 'GREATER_THAN', Threshold: 100, ThresholdType: 'PERCENTAGE' },
          Subscribers: [{ SubscriptionType: 'SNS', Address: billingTopic }],
        },
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
    template.hasResourceProperties('AWS::SNS::Topic', {
      Tags: Match.arrayWith([
        { Key: 'Project', Value: 'ShowCore' },
        { Key: 'Tier', Value: 'ops' },
      ]),
    });
    template.hasResourceProperties('AWS::S3::Bucket', { Tags: Match.arrayWith([{ Key: 'Environment', Value: 'Development' }]) });
  });

  it('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

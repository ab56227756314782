import { expectNoNagFindings, onlyResource, resourcesOfType, resourceWith, synthesize } from '@showcore/testing';
import { buildOpsApp } from '../../src/app';
import { synthesizeConfig, variantOf } from '../helpers';

describe('environment outside us-east-1 (eu-west-1)', () => {
  const result = synthesizeConfig(variantOf('staging', { region: 'eu-west-1' }), 'staging');
  const main = result.template('Ops');
  const billing = result.template('OpsBilling');

  it('pins a second, small stack to us-east-1 for the billing alarms', () => {
    expect(result.stacks.map((s) => [s.node.id, s.stackName, s.region])).toEqual([
      ['Ops', 'showcore-ops-staging-stack', 'eu-west-1'],
      ['OpsBilling', 'showcore-ops-staging-billing-stack', 'us-east-1'],
    ]);
  });

  it('keeps billing alarms, topic, budget and anomaly monitor out of the main stack', () => {
    const mainAlarms = resourcesOfType([main], 'AWS::CloudWatch::Alarm').map((a) => a.properties.AlarmName);
    expect(mainAlarms.filter((n) => n.includes('billing'))).toEqual([]);
    expect(mainAlarms).toHaveLength(11);
    for (const type of ['AWS::Budgets::Budget', 'AWS::CE::AnomalyMonitor', 'AWS::CE::AnomalySubscription']) main.resourceCountIs(type, 0);
    expect(
      resourcesOfType([main], 'AWS::SNS::Topic')
        .map((t) => t.properties.TopicName)
        .sort(),
    ).toEqual(['showcore-critical-staging-alerts', 'showcore-warning-staging-alerts']);
  });

  it('puts them in the us-east-1 stack, on its billing topic', () => {
    const topic = resourceWith(billing, 'AWS::SNS::Topic', 'TopicName', 'showcore-billing-staging-alerts');
    const alarms = resourcesOfType([billing], 'AWS::CloudWatch::Alarm');
    expect(alarms.map((a) => [a.properties.AlarmName, a.properties.Threshold, a.properties.Period, a.properties.AlarmActions])).toEqual([
      ['showcore-billing-staging-50', 50, 21600, [{ Ref: topic.logicalId }]],
      ['showcore-billing-staging-100', 100, 21600, [{ Ref: topic.logicalId }]],
    ]);
    billing.resourceCountIs('AWS::Budgets::Budget', 1);
    billing.resourceCountIs('AWS::CE::AnomalyMonitor', 1);
  });

  it('still draws the billing thresholds on the main dashboard, reading the metric from us-east-1', () => {
    const body = JSON.stringify(onlyResource(main, 'AWS::CloudWatch::Dashboard').properties.DashboardBody);
    expect(body).toContain('showcore-billing-staging-100 > 100');
    expect(body).toContain(
      '\\"AWS/Billing\\",\\"EstimatedCharges\\",\\"Currency\\",\\"USD\\",{\\"label\\":\\"EstimatedCharges\\",\\"region\\":\\"us-east-1\\"',
    );
  });

  it('matches the billing stack snapshot', () => {
    expect(billing.toJSON()).toMatchSnapshot();
  });

  it('passes cdk-nag in both stacks', () => {
    expectNoNagFindings(result.app);
  });
});

describe('hardened profile (prod)', () => {
  // Through the app's build function, as `cdk synth -c env=prod -c profile=hardened`: the profile comes from the context.
  const result = synthesize('prod', (app) => void buildOpsApp(app), { context: { profile: 'hardened' }, bundling: false });
  const template = result.template('Ops');
  const key = () => onlyResource(template, 'AWS::KMS::Key');

  it('encrypts every topic with the rotating ops key, which lets the publishing services use it', () => {
    expect(key().properties.EnableKeyRotation).toBe(true);
    for (const topic of resourcesOfType([template], 'AWS::SNS::Topic')) {
      expect(topic.properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [key().logicalId, 'Arn'] });
    }
    const statement = key().properties.KeyPolicy.Statement.find((s: any) => s.Sid === 'AllowAlertPublishers');
    expect([statement.Principal.Service].flat().sort()).toEqual([
      'budgets.amazonaws.com',
      'cloudwatch.amazonaws.com',
      'costalerts.amazonaws.com',
      'events.amazonaws.com',
    ]);
    expect(statement.Action).toEqual(['kms:GenerateDataKey*', 'kms:Decrypt']);
  });

  it('encrypts the backup vault with the same key and keeps recovery points 30 days', () => {
    expect(onlyResource(template, 'AWS::Backup::BackupVault').properties.EncryptionKeyArn).toEqual({ 'Fn::GetAtt': [key().logicalId, 'Arn'] });
    expect(onlyResource(template, 'AWS::Backup::BackupPlan').properties.BackupPlan.BackupPlanRule[0].Lifecycle).toEqual({ DeleteAfterDays: 30 });
  });

  it('keeps logs 30 days and alarms at $500/$1000', () => {
    for (const group of resourcesOfType([template], 'AWS::Logs::LogGroup')) expect(group.properties.RetentionInDays).toBe(30);
    const billing = resourcesOfType([template], 'AWS::CloudWatch::Alarm').filter((a) => a.properties.Namespace === 'AWS/Billing');
    expect(billing.map((a) => [a.properties.AlarmName, a.properties.Threshold])).toEqual([
      ['showcore-billing-prod-500', 500],
      ['showcore-billing-prod-1000', 1000],
    ]);
  });

  it('passes cdk-nag', () => {
    expectNoNagFindings(result.app);
  });
});

describe('switches turned off', () => {
  const result = synthesizeConfig(
    variantOf('dev', {
      alertEmails: { critical: [], warning: [], billing: [] },
      billing: { budget: false, anomalyDetection: false },
      awsConfig: { recorder: false, rules: { 'restricted-ssh': false, 'cloudtrail-enabled': false } },
    }),
  );
  const template = result.template('Ops');

  it('subscribes no address when the lists are empty', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('creates no budget or anomaly monitor', () => {
    for (const type of ['AWS::Budgets::Budget', 'AWS::CE::AnomalyMonitor', 'AWS::CE::AnomalySubscription']) template.resourceCountIs(type, 0);
  });

  it('creates no recorder, channel or Config bucket, and only the rules still switched on', () => {
    template.resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
    template.resourceCountIs('AWS::Config::DeliveryChannel', 0);
    expect(resourcesOfType([template], 'AWS::S3::Bucket')).toHaveLength(1);
    expect(
      resourcesOfType([template], 'AWS::Config::ConfigRule')
        .map((r) => r.properties.ConfigRuleName)
        .sort(),
    ).toEqual([
      'showcore-config-dev-rds-snapshots-public-prohibited',
      'showcore-config-dev-rds-storage-encrypted',
      'showcore-config-dev-s3-bucket-public-read-prohibited',
      'showcore-config-dev-s3-bucket-public-write-prohibited',
      'showcore-config-dev-s3-bucket-ssl-requests-only',
      'showcore-config-dev-vpc-default-security-group-closed',
    ]);
  });

  it('passes cdk-nag', () => {
    expectNoNagFindings(result.app);
  });
});

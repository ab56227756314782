import { acknowledgedRules, expectNoNagFindings, ingressRules, onlyResource, resourcesOfType, synthesize } from '@showcore/testing';
import { buildDataApp } from '../../src/app';
import { coversPort, expectNoSecretsIn, logGroupNamed } from '../helpers';

describe('data stack, hardened profile (prod)', () => {
  const result = synthesize('prod', (app) => void buildDataApp(app), { context: { profile: 'hardened' } });
  const template = result.template('Data');
  const key = onlyResource(template, 'AWS::KMS::Key');
  const keyArn = { 'Fn::GetAtt': [key.logicalId, 'Arn'] };
  const database = onlyResource(template, 'AWS::RDS::DBInstance');
  const redis = onlyResource(template, 'AWS::ElastiCache::ReplicationGroup');

  it('has one customer-managed key for the tier, rotated yearly, kept when the stack goes', () => {
    expect(key.properties.EnableKeyRotation).toBe(true);
    expect(key.resource.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/showcore-data-prod-key' });
  });

  it('lets CloudWatch Logs use the key only for this account’s log groups', () => {
    const statements = key.properties.KeyPolicy.Statement as Record<string, any>[];
    const logs = statements.find((s) => s.Sid === 'AllowCloudWatchLogsForThisAccount');
    expect(logs?.Principal).toEqual({ Service: 'logs.us-east-1.amazonaws.com' });
    expect(JSON.stringify(logs?.Condition)).toContain(':log-group:*');
  });

  it.each<[string, unknown]>([
    ['MultiAZ', true],
    ['AvailabilityZone', undefined],
    ['KmsKeyId', keyArn],
    ['StorageEncrypted', true],
    ['EnablePerformanceInsights', true],
    ['PerformanceInsightsKMSKeyId', keyArn],
    ['MasterUserSecret', { KmsKeyId: keyArn }],
    ['BackupRetentionPeriod', 30],
    ['DeletionProtection', true],
    ['PubliclyAccessible', false],
  ])('Database %s is %j', (property, expected) => {
    expect(database.properties[property]).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ['NumCacheClusters', 2],
    ['AutomaticFailoverEnabled', true],
    ['MultiAZEnabled', true],
    ['PreferredCacheClusterAZs', ['us-east-1a', 'us-east-1b']],
    ['KmsKeyId', keyArn],
    ['AtRestEncryptionEnabled', true],
    ['TransitEncryptionEnabled', true],
    ['TransitEncryptionMode', 'required'],
    ['SnapshotRetentionLimit', 30],
  ])('RedisCluster %s is %j', (property, expected) => {
    expect(redis.properties[property]).toEqual(expected);
  });

  it.each(['/aws/rds/instance/showcore-rds-prod-db/postgresql', '/aws/elasticache/showcore-redis-prod-cache/slow-log'])(
    'encrypts the log group %s with the key and keeps it 30 days',
    (name) => {
      const logGroup = logGroupNamed(template, name);
      expect(logGroup.properties).toEqual(expect.objectContaining({ KmsKeyId: keyArn, RetentionInDays: 30 }));
    },
  );

  it('passes the same security checks: application-only ingress, no secrets', () => {
    const open = ingressRules(template).filter(({ rule }) => rule.CidrIp || rule.CidrIpv6 || !rule.SourceSecurityGroupId);
    expect(open).toEqual([]);
    expect(ingressRules(template).map(({ rule }) => [coversPort(rule, 5432), coversPort(rule, 6379)])).toEqual([
      [true, false],
      [false, true],
    ]);
    expectNoSecretsIn(template);
  });

  it('needs no Multi-AZ acknowledgements any more (RDS3, AEC4), nor the deletion-protection one', () => {
    expect(acknowledgedRules(result.stacks[0])).toEqual({
      'Data/Database': ['RDS11'],
      'Data/Database/MonitoringRole': ['IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]'],
      'Data/RedisCluster': ['AEC5', 'AEC6'],
    });
  });

  it('sends Enhanced Monitoring every 60 s through a role only RDS monitoring can assume', () => {
    const [role, ...others] = resourcesOfType([template], 'AWS::IAM::Role');
    expect(others).toEqual([]);
    expect(database.properties.MonitoringInterval).toBe(60);
    expect(database.properties.MonitoringRoleArn).toEqual({ 'Fn::GetAtt': [role.logicalId, 'Arn'] });
    expect(role.properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'monitoring.rds.amazonaws.com' } },
    ]);
  });

  it('passes cdk-nag AwsSolutions', () => {
    expectNoNagFindings(result.app);
  });
});

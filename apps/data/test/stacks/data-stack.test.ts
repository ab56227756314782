import { Match } from 'aws-cdk-lib/assertions';
import { parameterPath, parametersConsumedBy, parametersProducedBy, PARAMETERS } from '@showcore/naming';
import { acknowledgedRules, expectNoNagFindings, ingressRules, onlyResource, resourcesOfType, synthesize } from '@showcore/testing';
import { buildDataApp } from '../../src/app';
import { expectNoSecretsIn, logGroupNamed } from '../helpers';

/** The dev stack in detail; data-stack.environments.test.ts has what differs per environment. */
describe('data stack (dev, cost-optimized)', () => {
  const result = synthesize('dev', (app) => void buildDataApp(app));
  const template = result.template('Data');
  const database = onlyResource(template, 'AWS::RDS::DBInstance');
  const redis = onlyResource(template, 'AWS::ElastiCache::ReplicationGroup');

  it('is the data tier stack of dev, account-agnostic in us-east-1, without termination protection', () => {
    const stack = result.stacks[0];
    expect(stack.stackName).toBe('showcore-data-dev-stack');
    expect(stack.region).toBe('us-east-1');
    expect(stack.terminationProtection).toBe(false);
  });

  it('reads exactly the network parameters the registry lists for data, as SSM-typed template parameters', () => {
    const ssmParameters = Object.values<any>(template.toJSON().Parameters)
      .filter((p) => p.Type === 'AWS::SSM::Parameter::Value<String>' && !String(p.Default).startsWith('/cdk-bootstrap/'))
      .map((p) => p.Default)
      .sort();
    // The deploy preflight checks parametersConsumedBy('data'): it covers everything this template reads.
    expect(ssmParameters).toEqual(
      parametersConsumedBy('data')
        .map((name) => parameterPath('dev', name))
        .sort(),
    );
    expect(ssmParameters).toEqual(['/showcore/dev/network/app-security-group-id', '/showcore/dev/network/private-subnet-ids', '/showcore/dev/network/vpc-id']);
  });

  it.each([
    ['RdsSecurityGroup', 5432, 'PostgreSQL from the application tier security group'],
    ['ElastiCacheSecurityGroup', 6379, 'Redis (TLS) from the application tier security group'],
  ])('%s admits %d from the application security group only, described, with no egress', (id, port, description) => {
    const group = resourcesOfType([template], 'AWS::EC2::SecurityGroup').find((g) => g.logicalId.startsWith(id));
    expect(group?.properties.SecurityGroupIngress).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: port,
        ToPort: port,
        SourceSecurityGroupId: { Ref: expect.stringMatching(/^SsmParameterValueshowcoredevnetworkappsecuritygroupid/) },
        Description: description,
      },
    ]);
    // CDK's "no egress" placeholder: ICMP type 252 code 86 to 255.255.255.255/32 matches no traffic.
    expect(group?.properties.SecurityGroupEgress).toEqual([
      { CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic', FromPort: 252, IpProtocol: 'icmp', ToPort: 86 },
    ]);
    expect(group?.properties.GroupDescription).toMatch(/from the application tier only/);
  });

  it('has no other ingress rule anywhere', () => {
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
    expect(ingressRules(template)).toHaveLength(2);
  });

  it('puts the database subnet group and the cache subnet group in the private subnets read from SSM', () => {
    const subnetIds = [0, 1].map((i) => ({
      'Fn::Select': [i, { 'Fn::Split': [',', { Ref: Match.stringLikeRegexp('^SsmParameterValueshowcoredevnetworkprivatesubnetids') }] }],
    }));
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', { DBSubnetGroupName: 'showcore-rds-dev-subnet-group', SubnetIds: subnetIds });
    template.hasResourceProperties('AWS::ElastiCache::SubnetGroup', { CacheSubnetGroupName: 'showcore-redis-dev-subnet-group', SubnetIds: subnetIds });
  });

  it('forces TLS in the PostgreSQL 16 parameter group attached to the instance', () => {
    const group = onlyResource(template, 'AWS::RDS::DBParameterGroup');
    expect(group.properties).toMatchObject({ Family: 'postgres16', Parameters: { 'rds.force_ssl': '1' } });
    expect(database.properties.DBParameterGroupName).toEqual({ Ref: group.logicalId });
  });

  it('delivers the Redis slow log to its own log group (/aws/elasticache/…), which the group references (so it is created first), with the same retention', () => {
    const logGroup = logGroupNamed(template, '/aws/elasticache/showcore-redis-dev-cache/slow-log');
    expect(logGroup.properties.RetentionInDays).toBe(7);
    expect(logGroup.resource.DeletionPolicy).toBe('Retain');
    expect(redis.properties.LogDeliveryConfigurations).toEqual([
      {
        DestinationType: 'cloudwatch-logs',
        DestinationDetails: { CloudWatchLogsDetails: { LogGroup: { Ref: logGroup.logicalId } } },
        LogFormat: 'json',
        LogType: 'slow-log',
      },
    ]);
  });

  it.each<[string, unknown]>([
    ['Engine', 'postgres'],
    ['EngineVersion', '16'],
    ['DBInstanceIdentifier', 'showcore-rds-dev-db'],
    ['DBInstanceClass', 'db.t3.micro'],
    ['AllocatedStorage', '20'],
    ['MaxAllocatedStorage', 100],
    ['StorageType', 'gp3'],
    ['StorageEncrypted', true],
    ['PubliclyAccessible', false],
    ['MultiAZ', false],
    ['AvailabilityZone', 'us-east-1a'],
    ['DBName', 'showcore'],
    ['Port', '5432'],
    ['BackupRetentionPeriod', 7],
    ['PreferredBackupWindow', '03:00-04:00'],
    ['PreferredMaintenanceWindow', 'sun:04:00-sun:05:00'],
    ['EnableCloudwatchLogsExports', ['postgresql', 'upgrade']],
    ['ManageMasterUserPassword', true],
    ['MasterUsername', 'showcore_admin'],
    ['AutoMinorVersionUpgrade', true],
    ['AllowMajorVersionUpgrade', false],
    ['DeleteAutomatedBackups', false],
    ['CACertificateIdentifier', 'rds-ca-rsa2048-g1'],
    ['DeletionProtection', false],
    ['EnablePerformanceInsights', true],
    ['PerformanceInsightsRetentionPeriod', 7],
    ['CopyTagsToSnapshot', true],
  ])('Database %s is %j', (property, expected) => {
    expect(database.properties[property]).toEqual(expected);
  });

  it('encrypts the database with the AWS managed key and keeps a snapshot when it is deleted or replaced', () => {
    expect(database.properties.KmsKeyId).toBeUndefined();
    expect(database.resource.DeletionPolicy).toBe('Snapshot');
    expect(database.resource.UpdateReplacePolicy).toBe('Snapshot');
    template.resourceCountIs('AWS::KMS::Key', 0);
  });

  it('attaches the RDS security group to the database', () => {
    const group = resourcesOfType([template], 'AWS::EC2::SecurityGroup').find((g) => g.logicalId.startsWith('RdsSecurityGroup'));
    expect(database.properties.VPCSecurityGroups).toEqual([{ 'Fn::GetAtt': [group?.logicalId, 'GroupId'] }]);
  });

  it('creates the PostgreSQL and upgrade log groups itself, with the retention of the environment, before the instance', () => {
    const groups = ['postgresql', 'upgrade'].map((logType) => logGroupNamed(template, `/aws/rds/instance/showcore-rds-dev-db/${logType}`));
    for (const logGroup of groups) {
      expect(logGroup.properties.RetentionInDays).toBe(7);
      expect(logGroup.resource.DeletionPolicy).toBe('Retain');
    }
    expect([...database.resource.DependsOn].sort()).toEqual(groups.map((g) => g.logicalId).sort());
  });

  it('runs no Enhanced Monitoring in the cost-optimized profile (its log ingestion is billed)', () => {
    expect(database.properties.MonitoringInterval).toBeUndefined();
    expect(resourcesOfType([template], 'AWS::IAM::Role')).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['ReplicationGroupId', 'showcore-redis-dev-cache'],
    ['Engine', 'redis'],
    ['EngineVersion', '7.1'],
    ['CacheNodeType', 'cache.t3.micro'],
    ['NumCacheClusters', 1],
    ['AutomaticFailoverEnabled', false],
    ['MultiAZEnabled', false],
    ['PreferredCacheClusterAZs', ['us-east-1a']],
    ['Port', 6379],
    ['AtRestEncryptionEnabled', true],
    ['TransitEncryptionEnabled', true],
    ['TransitEncryptionMode', 'required'],
    ['SnapshotRetentionLimit', 7],
    ['SnapshotWindow', '03:00-04:00'],
    ['PreferredMaintenanceWindow', 'sun:05:00-sun:06:00'],
  ])('RedisCluster %s is %j', (property, expected) => {
    expect(redis.properties[property]).toEqual(expected);
  });

  it('builds RedisCluster on its subnet group, its redis7 parameter group and the ElastiCache security group, keeping a final snapshot', () => {
    expect(redis.logicalId).toBe('RedisCluster');
    const parameterGroup = onlyResource(template, 'AWS::ElastiCache::ParameterGroup');
    expect(parameterGroup.logicalId).toBe('ElastiCacheParameterGroup');
    expect(parameterGroup.properties.CacheParameterGroupFamily).toBe('redis7');
    expect(redis.properties.CacheParameterGroupName).toEqual({ Ref: 'ElastiCacheParameterGroup' });
    expect(redis.properties.CacheSubnetGroupName).toEqual({ Ref: 'ElastiCacheSubnetGroup' });
    const group = resourcesOfType([template], 'AWS::EC2::SecurityGroup').find((g) => g.logicalId.startsWith('ElastiCacheSecurityGroup'));
    expect(redis.properties.SecurityGroupIds).toEqual([{ 'Fn::GetAtt': [group?.logicalId, 'GroupId'] }]);
    expect(redis.properties.KmsKeyId).toBeUndefined();
    expect(redis.resource.DeletionPolicy).toBe('Snapshot');
    expect(redis.resource.UpdateReplacePolicy).toBe('Snapshot');
  });

  it('uses the construct IDs of the spec', () => {
    const ids = result.stacks[0].node.children.map((c) => c.node.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'RdsSecurityGroup',
        'ElastiCacheSecurityGroup',
        'RdsSubnetGroup',
        'RdsParameterGroup',
        'Database',
        'ElastiCacheSubnetGroup',
        'ElastiCacheParameterGroup',
        'RedisCluster',
      ]),
    );
  });

  it.each<[string, unknown]>([
    ['dbInstanceId', { Ref: database.logicalId }],
    ['dbEndpointAddress', { 'Fn::GetAtt': [database.logicalId, 'Endpoint.Address'] }],
    ['dbEndpointPort', { 'Fn::GetAtt': [database.logicalId, 'Endpoint.Port'] }],
    ['dbSecretArn', { 'Fn::GetAtt': [database.logicalId, 'MasterUserSecret.SecretArn'] }],
    ['dbAllocatedStorageGb', '20'],
    ['redisReplicationGroupId', { Ref: 'RedisCluster' }],
    ['redisPrimaryEndpointAddress', { 'Fn::GetAtt': ['RedisCluster', 'PrimaryEndPoint.Address'] }],
    ['redisPrimaryEndpointPort', { 'Fn::GetAtt': ['RedisCluster', 'PrimaryEndPoint.Port'] }],
    ['rdsSecurityGroupId', { 'Fn::GetAtt': [Match.stringLikeRegexp('^RdsSecurityGroup'), 'GroupId'] }],
    ['elastiCacheSecurityGroupId', { 'Fn::GetAtt': [Match.stringLikeRegexp('^ElastiCacheSecurityGroup'), 'GroupId'] }],
  ])('publishes %s', (name, value) => {
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: parameterPath('dev', name as keyof typeof PARAMETERS), Type: 'String', Value: value });
  });

  it('publishes every parameter the registry gives the data tier, and nothing else', () => {
    const names = resourcesOfType([template], 'AWS::SSM::Parameter')
      .map((p) => p.properties.Name)
      .sort();
    expect(names).toEqual(
      parametersProducedBy('data')
        .map((name) => parameterPath('dev', name))
        .sort(),
    );
  });

  it('acknowledges cdk-nag findings only for what the configuration chose, on the resource concerned', () => {
    expect(acknowledgedRules(result.stacks[0])).toEqual({
      'Data/Database': ['RDS3', 'RDS10', 'RDS11'],
      'Data/RedisCluster': ['AEC4', 'AEC5', 'AEC6'],
    });
  });

  it('passes cdk-nag AwsSolutions with every acknowledgement reasoned', () => {
    expectNoNagFindings(result.app);
  });

  it('keeps every secret out of the template: RDS manages the master password, only its ARN is published', () => {
    expectNoSecretsIn(template);
    expect(
      resourcesOfType([template], 'AWS::SSM::Parameter')
        .filter((p) => /secret/.test(p.properties.Name))
        .map((p) => p.properties.Value),
    ).toEqual([{ 'Fn::GetAtt': [database.logicalId, 'MasterUserSecret.SecretArn'] }]);
  });

  it('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

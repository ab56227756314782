import { Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { parameterPath, type EnvironmentName } from '@showcore/naming';
import {
  acknowledgedRules,
  expectNoNagFindings,
  ingressRules,
  nagFindings,
  onlyResource,
  resourcesOfType,
  synthesisPerEnvironment,
  synthesize,
} from '@showcore/testing';
import { buildDataApp } from '../../src/app';
import { coversPort, expectNoSecretsIn } from '../helpers';

/** What differs per environment (data-stack.test.ts checks dev in detail). Each environment is synthesized once. */
const synthOf = synthesisPerEnvironment((app) => void buildDataApp(app));

describe.each<EnvironmentName>(['local', 'staging', 'prod'])('data stack (%s)', (environment) => {
  const result = synthOf(environment);
  const template = result.template('Data');

  it('passes cdk-nag AwsSolutions', () => {
    expectNoNagFindings(result.app);
  });

  it('has no custom resource and no Lambda function (the local emulator runs neither)', () => {
    const types = resourcesOfType([template]).map((r) => r.type);
    expect(types.filter((t) => t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource' || t === 'AWS::Lambda::Function')).toEqual([]);
  });

  it('keeps every secret out of the template: RDS manages the master password, only its ARN is published', () => {
    expectNoSecretsIn(template);
  });

  it('names stay within the service limits (replication group id 40, DB identifier 63)', () => {
    const redis = onlyResource(template, 'AWS::ElastiCache::ReplicationGroup');
    expect(redis.properties.ReplicationGroupId).toBe(`showcore-redis-${environment}-cache`);
    expect(redis.properties.ReplicationGroupId.length).toBeLessThanOrEqual(40);
    expect(onlyResource(template, 'AWS::RDS::DBInstance').properties.DBInstanceIdentifier).toBe(`showcore-rds-${environment}-db`);
  });
});

describe('data stack per environment', () => {
  const local = synthOf('local');
  const prod = synthOf('prod');

  it('prod turns on deletion protection and stack termination protection', () => {
    expect(onlyResource(prod.template('Data'), 'AWS::RDS::DBInstance').properties.DeletionProtection).toBe(true);
    expect(prod.stacks[0].terminationProtection).toBe(true);
    expect(acknowledgedRules(prod.stacks[0])['Data/Database']).toEqual(['RDS3', 'RDS11']);
  });

  it('local destroys everything with the stack and leaves SSM parameters untagged', () => {
    const template = local.template('Data');
    const stateful = resourcesOfType([template]).filter((r) =>
      ['AWS::RDS::DBInstance', 'AWS::ElastiCache::ReplicationGroup', 'AWS::Logs::LogGroup'].includes(r.type),
    );
    expect(stateful.map((r) => r.type).sort()).toEqual([
      'AWS::ElastiCache::ReplicationGroup',
      'AWS::Logs::LogGroup',
      'AWS::Logs::LogGroup',
      'AWS::Logs::LogGroup',
      'AWS::RDS::DBInstance',
    ]);
    // moto is throwaway: its automated backups go with the instance.
    expect(onlyResource(template, 'AWS::RDS::DBInstance').properties.DeleteAutomatedBackups).toBe(true);
    for (const resource of stateful) expect(resource.resource.DeletionPolicy).toBe('Delete');
    for (const parameter of resourcesOfType([template], 'AWS::SSM::Parameter')) {
      expect(parameter.properties.Tags).toBeUndefined();
    }
  });

  it('local keeps the replication group in the template but publishes placeholders for what the emulator lacks', () => {
    const template = local.template('Data');
    onlyResource(template, 'AWS::ElastiCache::ReplicationGroup');
    for (const name of ['dbSecretArn', 'redisReplicationGroupId', 'redisPrimaryEndpointAddress', 'redisPrimaryEndpointPort'] as const) {
      template.hasResourceProperties('AWS::SSM::Parameter', { Name: parameterPath('local', name), Value: 'not-emulated-locally' });
    }
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: parameterPath('local', 'dbEndpointAddress'),
      Value: { 'Fn::GetAtt': [Match.anyValue(), 'Endpoint.Address'] },
    });
  });

  it('local creates the TLS parameter group but does not attach it (the emulator crashes on it)', () => {
    const template = local.template('Data');
    onlyResource(template, 'AWS::RDS::DBParameterGroup');
    expect(onlyResource(template, 'AWS::RDS::DBInstance').properties.DBParameterGroupName).toBeUndefined();
  });

  it('no environment opens 5432 or 6379 to a CIDR', () => {
    for (const template of [local.template('Data'), prod.template('Data')]) {
      const open = ingressRules(template).filter(({ rule }) => (rule.CidrIp || rule.CidrIpv6) && (coversPort(rule, 5432) || coversPort(rule, 6379)));
      expect(open).toEqual([]);
    }
  });
});

describe('the cdk-nag check itself', () => {
  it('reports a finding nobody acknowledged (so a clean result means something)', () => {
    const probe = synthesize('dev', (app) => {
      const stack = buildDataApp(app);
      new ec2.CfnSecurityGroup(stack, 'Probe', {
        groupDescription: 'probe open to the world on 5432',
        securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, cidrIp: '0.0.0.0/0', description: 'probe' }],
      });
    });
    expect(nagFindings(probe.app)).toEqual([expect.objectContaining({ rule: 'AwsSolutions-EC23', path: 'Data/Probe' })]);
  });
});

import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { parameterPath } from '@showcore/naming';
import {
  ACCOUNT_ID,
  ingressRules,
  ingressRulesOf,
  joined,
  logicalIdOf,
  logicalIdStartingWith,
  PARTITION,
  referencedId,
  REGION,
  resourceByConstructId,
  resourceWith,
  ssmRef,
} from '../src';

/** A stack with two security groups (one inline rule, one standalone), two log groups and one SSM read. */
function fixture(): { stack: Stack; template: Template } {
  const app = new App();
  const stack = new Stack(app, 'Tier');
  const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, maxAzs: 1, subnetConfiguration: [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const database = new ec2.SecurityGroup(stack, 'DatabaseGroup', { vpc, allowAllOutbound: false });
  database.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(5432), 'PostgreSQL from the VPC');
  const cache = new ec2.SecurityGroup(stack, 'CacheGroup', { vpc, allowAllOutbound: false });
  cache.addIngressRule(database, ec2.Port.tcp(6379), 'Redis from the database group');
  new CfnResource(stack, 'AppLogs', { type: 'AWS::Logs::LogGroup', properties: { LogGroupName: '/showcore/app' } });
  new CfnResource(stack, 'AuditLogs', { type: 'AWS::Logs::LogGroup', properties: { LogGroupName: '/showcore/audit' } });
  new CfnResource(stack, 'Reader', {
    type: 'AWS::SSM::Parameter',
    properties: { Type: 'String', Value: ssm.StringParameter.valueForStringParameter(stack, parameterPath('dev', 'vpcId')) },
  });
  return { stack, template: Template.fromStack(stack) };
}

const { stack, template } = fixture();
const databaseGroup = resourceByConstructId(template, 'AWS::EC2::SecurityGroup', 'DatabaseGroup').logicalId;
const cacheGroup = resourceByConstructId(template, 'AWS::EC2::SecurityGroup', 'CacheGroup').logicalId;

describe('template queries', () => {
  it('referencedId reads the logical id of a Ref or a GetAtt, and nothing else', () => {
    expect(referencedId({ Ref: 'Bucket' })).toBe('Bucket');
    expect(referencedId({ 'Fn::GetAtt': ['Role', 'Arn'] })).toBe('Role');
    expect(referencedId('literal')).toBeUndefined();
    expect(referencedId(undefined)).toBeUndefined();
  });

  it('resourceWith finds the one resource with a property value, and fails with the count otherwise', () => {
    expect(resourceWith(template, 'AWS::Logs::LogGroup', 'LogGroupName', '/showcore/app').logicalId).toBe('AppLogs');
    expect(() => resourceWith(template, 'AWS::Logs::LogGroup', 'LogGroupName', '/showcore/none')).toThrow(
      'Expected one AWS::Logs::LogGroup with LogGroupName="/showcore/none", found 0.',
    );
    expect(() => resourceWith(template, 'AWS::Logs::LogGroup', 'Missing', undefined)).toThrow('found 2');
  });

  it("logicalIdStartingWith and resourceByConstructId find a construct by its id, with CDK's hash", () => {
    expect(logicalIdStartingWith(template, 'AWS::EC2::SecurityGroup', 'Database')).toBe(databaseGroup);
    expect(databaseGroup).toMatch(/^DatabaseGroup[0-9A-F]{8}$/);
    expect(() => logicalIdStartingWith(template, 'AWS::EC2::SecurityGroup', 'Nothing')).toThrow('found none');
    expect(() => resourceByConstructId(template, 'AWS::EC2::SecurityGroup', 'Database')).toThrow('found 0');
  });

  it('logicalIdOf gives the logical id behind a construct of the stack, L1 or L2', () => {
    expect(logicalIdOf(stack, 'AppLogs')).toBe('AppLogs');
    expect(logicalIdOf(stack, 'DatabaseGroup')).toBe(databaseGroup);
    expect(() => logicalIdOf(stack, 'Vpc')).not.toThrow();
  });

  it('ssmRef names the SSM-typed template parameter of a registry parameter', () => {
    expect(ssmRef(template, 'dev', 'vpcId')).toEqual({ Ref: expect.stringMatching(/^SsmParameterValueshowcoredevnetworkvpcid/) });
    expect(() => ssmRef(template, 'dev', 'appSecurityGroupId')).toThrow(`The template reads no SSM parameter ${parameterPath('dev', 'appSecurityGroupId')}.`);
  });

  it('ingressRules lists inline and standalone rules with their group; ingressRulesOf those of one group', () => {
    const rules = ingressRules(template);
    expect(rules.map((r) => [r.group, r.rule.FromPort])).toEqual(
      expect.arrayContaining([
        [databaseGroup, 5432],
        [cacheGroup, 6379],
      ]),
    );
    expect(rules).toHaveLength(2);
    expect(ingressRulesOf(template, cacheGroup)).toEqual([
      expect.objectContaining({ FromPort: 6379, SourceSecurityGroupId: { 'Fn::GetAtt': [databaseGroup, 'GroupId'] } }),
    ]);
    expect(() => ingressRulesOf(template, 'NoSuchGroup')).toThrow('No security group NoSuchGroup.');
  });
});

describe('intrinsics', () => {
  it('joined and the pseudo parameters are what CDK writes', () => {
    const arn = Stack.of(stack).resolve(`arn:${stack.partition}:s3:${stack.region}:${stack.account}:x`);
    expect(arn).toEqual(joined('arn:', PARTITION, ':s3:', REGION, ':', ACCOUNT_ID, ':x'));
  });
});

import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import fc from 'fast-check';
import { environmentName, onlyResource, tagValue } from '@showcore/testing';
import { applyStandardTags, standardTags, validateTags, MAX_TAG_VALUE_LENGTH } from '../src';

describe('standard tags', () => {
  it('are the five spec tags plus Tier', () => {
    expect(standardTags({ environment: 'prod', tier: 'data' })).toEqual({
      Project: 'ShowCore',
      Phase: 'Phase1',
      Environment: 'Production',
      ManagedBy: 'CDK',
      CostCenter: 'Engineering',
      Tier: 'data',
    });
  });

  it('reach the function and role CDK writes as plain resources behind restrictDefaultSecurityGroup', () => {
    const stack = new Stack(new App(), 'S');
    new ec2.Vpc(stack, 'Vpc', {
      restrictDefaultSecurityGroup: true,
      natGateways: 0,
      subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    new CfnResource(stack, 'Untouched', { type: 'AWS::SNS::Topic', properties: {} });
    applyStandardTags(stack, { environment: 'staging', tier: 'network' });
    const resources = Object.values<any>(Template.fromStack(stack).toJSON().Resources);
    const expected = [
      { Key: 'CostCenter', Value: 'Engineering' },
      { Key: 'Environment', Value: 'Staging' },
      { Key: 'ManagedBy', Value: 'CDK' },
      { Key: 'Phase', Value: 'Phase1' },
      { Key: 'Project', Value: 'ShowCore' },
      { Key: 'Tier', Value: 'network' },
    ];
    const provider = resources.filter((r) => ['AWS::IAM::Role', 'AWS::Lambda::Function'].includes(r.Type));
    expect(provider.map((r) => r.Type).sort()).toEqual(['AWS::IAM::Role', 'AWS::Lambda::Function']);
    for (const resource of provider) expect(resource.Properties.Tags).toEqual(expected);
    // Only the listed types: a plain resource of another type is left as it is.
    expect(resources.find((r) => r.Type === 'AWS::SNS::Topic').Properties?.Tags).toBeUndefined();
  });

  it('are applied to every taggable resource of a stack by one call', () => {
    const stack = new Stack(new App(), 'S');
    new s3.Bucket(stack, 'Bucket');
    new ssm.StringParameter(stack, 'Param', { stringValue: 'x' });
    applyStandardTags(stack, { environment: 'dev', tier: 'edge' });
    const template = Template.fromStack(stack);
    const bucketTags = onlyResource(template, 'AWS::S3::Bucket').properties.Tags;
    expect(bucketTags).toEqual(
      expect.arrayContaining([
        { Key: 'Project', Value: 'ShowCore' },
        { Key: 'Environment', Value: 'Development' },
        { Key: 'Tier', Value: 'edge' },
      ]),
    );
    expect(onlyResource(template, 'AWS::SSM::Parameter').properties.Tags).toMatchObject({ Project: 'ShowCore' });
  });

  it('leave SSM parameters untagged when asked (moto fails on tagged ones)', () => {
    const stack = new Stack(new App(), 'S');
    new s3.Bucket(stack, 'Bucket');
    new ssm.StringParameter(stack, 'Param', { stringValue: 'x' });
    applyStandardTags(stack, { environment: 'local', tier: 'edge', tagSsmParameters: false });
    const template = Template.fromStack(stack);
    expect(onlyResource(template, 'AWS::SSM::Parameter').properties.Tags).toBeUndefined();
    expect(onlyResource(template, 'AWS::S3::Bucket').properties.Tags).toHaveLength(6);
  });

  it('skip other excluded resource types, together with untagged SSM parameters', () => {
    const stack = new Stack(new App(), 'S');
    new s3.Bucket(stack, 'Bucket');
    new ssm.StringParameter(stack, 'Param', { stringValue: 'x' });
    applyStandardTags(stack, { environment: 'local', tier: 'edge', excludeResourceTypes: ['AWS::S3::Bucket'], tagSsmParameters: false });
    const template = Template.fromStack(stack);
    expect(onlyResource(template, 'AWS::SSM::Parameter').properties.Tags).toBeUndefined();
    expect(onlyResource(template, 'AWS::S3::Bucket').properties.Tags).toBeUndefined();
  });

  it('accept every valid value in every environment', () => {
    fc.assert(
      fc.property(environmentName(), tagValue(), (environment, costCenter) => {
        expect(standardTags({ environment, tier: 'ops', costCenter }).CostCenter).toBe(costCenter);
      }),
    );
  });

  it('reject an empty value', () => {
    expect(() => standardTags({ environment: 'dev', tier: 'ops', costCenter: ' ' })).toThrow('Invalid tags: tag "CostCenter" is empty: give it a value.');
  });

  it('reject an over-long value', () => {
    expect(() => validateTags({ Phase: 'x'.repeat(MAX_TAG_VALUE_LENGTH + 1) })).toThrow('tag "Phase" is 257 characters: AWS allows at most 256');
  });

  it('reject characters AWS does not accept, and report all bad tags together', () => {
    expect(() => validateTags({ CostCenter: 'R&D', Phase: '' })).toThrow(
      'Invalid tags: tag "CostCenter" = "R&D" has characters AWS rejects: use letters, digits, spaces and _ . : / = + - @; tag "Phase" is empty: give it a value.',
    );
  });
});

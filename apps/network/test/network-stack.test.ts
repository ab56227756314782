import { expectNoNagFindings, synthesize } from '@showcore/testing';
import { buildNetworkApp } from '../src/app';

describe('network stack (workspace skeleton)', () => {
  const result = synthesize('dev', (app) => void buildNetworkApp(app));
  const template = result.template('Network');

  it('creates the VPC 10.0.0.0/16 without a NAT gateway', () => {
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
  });

  it('publishes the VPC id at /showcore/dev/network/vpc-id', () => {
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/showcore/dev/network/vpc-id' });
  });

  it('is named and tagged by the shared libs', () => {
    expect(result.stacks[0].stackName).toBe('showcore-network-dev-stack');
    template.hasResourceProperties('AWS::EC2::VPC', {
      Tags: [
        { Key: 'CostCenter', Value: 'Engineering' },
        { Key: 'Environment', Value: 'Development' },
        { Key: 'ManagedBy', Value: 'CDK' },
        { Key: 'Name', Value: 'Network/VPC' },
        { Key: 'Phase', Value: 'Phase1' },
        { Key: 'Project', Value: 'ShowCore' },
        { Key: 'Tier', Value: 'network' },
      ],
    });
  });

  it('passes cdk-nag AwsSolutions with every acknowledgement reasoned', () => {
    expectNoNagFindings(result.app);
  });
});

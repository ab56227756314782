import { ENVIRONMENTS } from '@showcore/naming';
import { costOptimized, environmentConfig, hardened, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it.each(ENVIRONMENTS)('gives %s a valid configuration with the spec’s VPC, subnets and endpoints', (environment) => {
    const config = loadConfig(environment);
    expect(config).toMatchObject({
      region: 'us-east-1',
      vpcCidr: '10.0.0.0/16',
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      publicSubnets: [
        { availabilityZone: 'us-east-1a', cidr: '10.0.0.0/24' },
        { availabilityZone: 'us-east-1b', cidr: '10.0.1.0/24' },
      ],
      privateSubnets: [
        { availabilityZone: 'us-east-1a', cidr: '10.0.2.0/24' },
        { availabilityZone: 'us-east-1b', cidr: '10.0.3.0/24' },
      ],
      interfaceEndpoints: ['logs', 'monitoring', 'ssm'],
      interfaceEndpointAzCount: 1,
      flowLogs: { enabled: false, logRetentionDays: 7 },
    });
  });

  it.each([
    ['local', { restrictDefaultSecurityGroup: false, tagSsmParameters: false, terminationProtection: false, removal: 'destroy' }],
    ['dev', { restrictDefaultSecurityGroup: true, tagSsmParameters: true, terminationProtection: false, removal: 'retain' }],
    ['staging', { restrictDefaultSecurityGroup: true, tagSsmParameters: true, terminationProtection: false, removal: 'retain' }],
    ['prod', { restrictDefaultSecurityGroup: true, tagSsmParameters: true, terminationProtection: true, removal: 'retain' }],
  ] as const)('%s differs from the profile only where it must', (environment, expected) => {
    expect(loadConfig(environment)).toEqual({ ...costOptimized, ...expected });
  });

  it.each(ENVIRONMENTS)('applies the hardened profile on top of %s: flow logs for 30 days, endpoints in both AZs', (environment) => {
    const config = loadConfig(environment, 'hardened');
    expect(config).toEqual({ ...environmentConfig(environment), interfaceEndpointAzCount: 2, flowLogs: { enabled: true, logRetentionDays: 30 } });
    expect(hardened).toEqual({ interfaceEndpointAzCount: 2, flowLogs: { enabled: true, logRetentionDays: 30 } });
  });

  it('rejects an unknown profile, listing the choices', () => {
    expect(() => loadConfig('dev', 'paranoid')).toThrow(
      'Unknown configuration profile "paranoid" (from the CDK context "profile"). Expected one of: hardened. ' +
        "Pass one with -c profile=<name>, or leave it out for the environment's own values.",
    );
  });
});

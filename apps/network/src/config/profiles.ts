import type { NetworkConfig, NetworkConfigOverrides } from './types';

/**
 * The cost-optimized profile of tasks.md 3.1–3.5: the spec's VPC and subnets, no NAT gateway, the spec's three
 * interface endpoints, no flow logs. The endpoints occupy ONE AZ: endpoints are billed per AZ, and only then do
 * three of them (≈ $21.90/month) cost less than the NAT gateway they replace (≈ $36.50/month with its public
 * IPv4 address); in two AZs (tasks.md 3.3) they would cost ≈ $43.80/month (spec README, "Known errors").
 */
export const costOptimized: NetworkConfig = {
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
  restrictDefaultSecurityGroup: true,
  tagSsmParameters: true,
  terminationProtection: false,
  removal: 'retain',
};

/**
 * The hardened profile: design.md "Infrastructure Configuration Examples" for the network (VPC flow logs
 * enabled, 30-day log retention) and the spec README's "interface endpoints in both AZs", so AWS API access
 * survives the loss of one AZ.
 */
export const hardened: NetworkConfigOverrides = {
  interfaceEndpointAzCount: 2,
  flowLogs: { enabled: true, logRetentionDays: 30 },
};

export const PROFILES = { hardened } as const satisfies Record<string, NetworkConfigOverrides>;

export type ProfileName = keyof typeof PROFILES;

/** Overrides merge field by field into nested groups (the shared rule of libs/naming). */
export { applyOverrides } from '@showcore/naming';

import type { EnvironmentName } from '@showcore/naming';
import type { NetworkConfig } from './types';

const base: NetworkConfig = { region: 'us-east-1', vpcCidr: '10.0.0.0/16', availabilityZones: ['us-east-1a', 'us-east-1b'] };

export function networkConfig(_environment: EnvironmentName): NetworkConfig {
  return base;
}
export type { NetworkConfig } from './types';

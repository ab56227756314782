import type { EnvironmentName } from '@showcore/naming';
import { applyOverrides, costOptimized } from './profiles';
import type { NetworkConfig, NetworkConfigOverrides } from './types';

/** What each environment changes in the cost-optimized profile. */
const ENVIRONMENT_OVERRIDES: Readonly<Record<EnvironmentName, NetworkConfigOverrides>> = {
  // moto: it cannot run the Lambda-backed custom resource that empties the default security group, and it
  // fails on tagged SSM parameters; everything it creates is throwaway.
  local: { restrictDefaultSecurityGroup: false, tagSsmParameters: false, removal: 'destroy' },
  dev: {},
  staging: {},
  prod: { terminationProtection: true },
};

/** The environment's own values (no profile applied). */
export function environmentConfig(environment: EnvironmentName): NetworkConfig {
  return applyOverrides(costOptimized, ENVIRONMENT_OVERRIDES[environment]);
}

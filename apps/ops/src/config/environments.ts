import type { EnvironmentName } from '@showcore/naming';
import { applyOverrides, costOptimized } from './profiles';
import type { OpsConfig, OpsConfigOverrides } from './types';

/** What each environment changes in the cost-optimized profile. */
const ENVIRONMENT_OVERRIDES: Readonly<Record<EnvironmentName, OpsConfigOverrides>> = {
  // moto: throwaway buckets and vault, untagged SSM parameters, nobody to mail.
  local: { removal: 'destroy', tagSsmParameters: false, alertEmails: { critical: [], warning: [], billing: [] } },
  dev: {},
  staging: {},
  prod: { terminationProtection: true },
};

/** The environment's own values (no profile applied). */
export function environmentConfig(environment: EnvironmentName): OpsConfig {
  return applyOverrides(costOptimized, ENVIRONMENT_OVERRIDES[environment]);
}

import type { EnvironmentName } from '@showcore/naming';
import { applyOverrides, costOptimized } from './profiles';
import type { EdgeConfig, EdgeConfigOverrides } from './types';

/** What each environment changes in the cost-optimized profile. */
const ENVIRONMENT_OVERRIDES: Readonly<Record<EnvironmentName, EdgeConfigOverrides>> = {
  // moto: no CloudFront, no tags on SSM parameters; buckets are throwaway (the local teardown empties them).
  local: { removal: 'destroy', tagSsmParameters: false, cdn: { enabled: false } },
  dev: {},
  staging: {},
  prod: { terminationProtection: true },
};

/** The environment's own values (no profile applied). */
export function environmentConfig(environment: EnvironmentName): EdgeConfig {
  return applyOverrides(costOptimized, ENVIRONMENT_OVERRIDES[environment]);
}

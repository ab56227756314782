import type { EnvironmentName } from '@showcore/naming';
import { applyOverrides, costOptimized } from './profiles';
import type { DataConfig, DataConfigOverrides } from './types';

/** What each environment changes in the cost-optimized profile. */
const ENVIRONMENT_OVERRIDES: Readonly<Record<EnvironmentName, DataConfigOverrides>> = {
  // moto: no ElastiCache, no RDS-managed secrets, no tags on SSM parameters; everything is throwaway.
  local: {
    tagSsmParameters: false,
    publishUnemulatedAttributes: false,
    database: { removal: 'destroy', logRemoval: 'destroy' },
    cache: { removal: 'destroy' },
  },
  dev: {},
  staging: {},
  prod: { terminationProtection: true, database: { deletionProtection: true } },
};

/** The environment's own values (no profile applied). */
export function environmentConfig(environment: EnvironmentName): DataConfig {
  return applyOverrides(costOptimized, ENVIRONMENT_OVERRIDES[environment]);
}

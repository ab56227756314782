import type { EnvironmentName } from '@showcore/naming';
import { applyOverrides, costOptimized } from './profiles';
import type { DataConfig, DataConfigOverrides } from './types';

/** What each environment changes in the cost-optimized profile. */
const ENVIRONMENT_OVERRIDES: Readonly<Record<EnvironmentName, DataConfigOverrides>> = {
  // moto: no ElastiCache, no RDS-managed secrets, no tags on SSM parameters, no custom parameter group on an
  // instance, and it rejects a maintenance window that merely touches the backup window (RDS accepts
  // 03:00-04:00 with sun:04:00-sun:05:00). Everything is throwaway.
  local: {
    tagSsmParameters: false,
    publishUnemulatedAttributes: false,
    database: { removal: 'destroy', logRemoval: 'destroy', keepAutomatedBackups: false, attachParameterGroup: false, maintenanceWindow: 'sun:04:30-sun:05:30' },
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

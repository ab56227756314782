import { loadTierConfig, type EnvironmentName } from '@showcore/naming';
import { environmentConfig } from './environments';
import { PROFILES } from './profiles';
import type { OpsConfig } from './types';
import { validateOpsConfig } from './validate';

/**
 * The validated ops configuration of an environment: its own values, or with a named profile's overrides
 * (`-c profile=hardened`) applied on top.
 */
export function loadConfig(environment: EnvironmentName, profile?: unknown): OpsConfig {
  return loadTierConfig<OpsConfig, EnvironmentName>(
    { source: 'apps/ops/src/config', environmentConfig, profiles: PROFILES, validate: validateOpsConfig },
    environment,
    profile,
  );
}

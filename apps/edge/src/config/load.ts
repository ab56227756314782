import { loadTierConfig, type EnvironmentName } from '@showcore/naming';
import { environmentConfig } from './environments';
import { PROFILES } from './profiles';
import type { EdgeConfig } from './types';
import { validateEdgeConfig } from './validate';

/**
 * The validated edge configuration of an environment: its own values, or with a named profile's overrides
 * (`-c profile=hardened`) applied on top.
 */
export function loadConfig(environment: EnvironmentName, profile?: unknown): EdgeConfig {
  return loadTierConfig<EdgeConfig, EnvironmentName>(
    { source: 'apps/edge/src/config', environmentConfig, profiles: PROFILES, validate: validateEdgeConfig },
    environment,
    profile,
  );
}

import { loadTierConfig, type EnvironmentName } from '@showcore/naming';
import { environmentConfig } from './environments';
import { PROFILES } from './profiles';
import type { DataConfig } from './types';
import { validateDataConfig } from './validate';

/**
 * The validated data configuration of an environment: its own values, or with a named profile's overrides
 * (`-c profile=hardened`) applied on top.
 */
export function loadConfig(environment: EnvironmentName, profile?: unknown): DataConfig {
  return loadTierConfig<DataConfig, EnvironmentName>(
    {
      source: 'apps/data/src/config',
      environmentConfig,
      profiles: PROFILES,
      validate: (config, environment, source) => validateDataConfig(config, environment, source),
    },
    environment,
    profile,
  );
}

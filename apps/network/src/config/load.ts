import { loadTierConfig, type EnvironmentName } from '@showcore/naming';
import { environmentConfig } from './environments';
import { PROFILES } from './profiles';
import type { NetworkConfig } from './types';
import { validateNetworkConfig } from './validate';

/**
 * The validated network configuration of an environment: its own values, or with a named profile's overrides
 * (`-c profile=hardened`) applied on top.
 */
export function loadConfig(environment: EnvironmentName, profile?: unknown): NetworkConfig {
  return loadTierConfig<NetworkConfig, EnvironmentName>(
    { source: 'apps/network/src/config', environmentConfig, profiles: PROFILES, validate: validateNetworkConfig },
    environment,
    profile,
  );
}

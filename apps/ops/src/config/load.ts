import type { EnvironmentName } from '@showcore/naming';
import { environmentConfig } from './environments';
import { applyOverrides, PROFILES, type ProfileName } from './profiles';
import type { OpsConfig } from './types';
import { validateOpsConfig } from './validate';

function isProfileName(value: unknown): value is ProfileName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROFILES, value);
}

/**
 * The validated ops configuration of an environment: its own values, or with a named profile's overrides
 * (`-c profile=hardened`) applied on top.
 */
export function loadConfig(environment: EnvironmentName, profile?: unknown): OpsConfig {
  if (profile === undefined) {
    return validateOpsConfig(environmentConfig(environment), `apps/ops/src/config (environment "${environment}")`);
  }
  if (!isProfileName(profile)) {
    throw new Error(
      `Unknown configuration profile "${String(profile)}" (from the CDK context "profile"). ` +
        `Expected one of: ${Object.keys(PROFILES).join(', ')}. Pass one with -c profile=<name>, or leave it out for the environment's own values.`,
    );
  }
  return validateOpsConfig(
    applyOverrides(environmentConfig(environment), PROFILES[profile]),
    `apps/ops/src/config (environment "${environment}", profile "${profile}")`,
  );
}

import { parseProfile, PROFILE_NAMES } from './invocation';

/** Overrides of a configuration: any field, nested groups field by field; arrays are replaced whole. */
export type ConfigOverrides<T> = {
  readonly [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? ConfigOverrides<T[K]> : T[K];
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** `base` with `overrides` applied: nested plain objects merge field by field, everything else is replaced. */
export function applyOverrides<T>(base: T, overrides: ConfigOverrides<T>): T {
  if (!isPlainObject(base) || !isPlainObject(overrides)) return (overrides ?? base) as T;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    result[key] = isPlainObject(value) && isPlainObject(result[key]) ? applyOverrides(result[key], value as ConfigOverrides<unknown>) : value;
  }
  return result as T;
}

/** How a tier's configuration is found: its per-environment values, its named profiles, its validator. */
export interface TierConfigDefinition<C, E extends string> {
  /** The app folder named in errors, e.g. `apps/data/src/config`. */
  readonly source: string;
  readonly environmentConfig: (environment: E) => C;
  /** Named overrides selectable with `-c profile=<name>` (e.g. `hardened`). */
  readonly profiles: Readonly<Record<string, ConfigOverrides<C>>>;
  /** Returns the configuration when valid; throws one error listing every problem otherwise. */
  readonly validate: (config: C, environment: E, source: string) => C;
}

/**
 * The validated configuration of a tier in an environment: the environment's own values, or with a named profile's
 * overrides applied on top (`-c profile=hardened`). An unknown profile is an error naming the choices.
 */
export function loadTierConfig<C, E extends string>(definition: TierConfigDefinition<C, E>, environment: E, profile?: unknown): C {
  if (profile === undefined) {
    return definition.validate(definition.environmentConfig(environment), environment, `${definition.source} (environment "${environment}")`);
  }
  const name = parseProfile(profile);
  if (!Object.prototype.hasOwnProperty.call(definition.profiles, name)) {
    throw new Error(
      `The profile "${String(profile)}" is one of ShowCore's (${PROFILE_NAMES.join(', ')}) but ${definition.source} does not define it. ` +
        "Add it to the tier's PROFILES (an empty override is fine): every tier offers every profile.",
    );
  }
  return definition.validate(
    applyOverrides(definition.environmentConfig(environment), definition.profiles[name]),
    environment,
    `${definition.source} (environment "${environment}", profile "${name}")`,
  );
}

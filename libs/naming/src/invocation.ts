import { ENVIRONMENTS } from './environments';

/**
 * The configuration profiles every tier offers on top of an environment's own values (`-c profile=<name>` for the
 * CDK CLI, `--profile=<name>` for the workspace tools and Nx targets). Each tier's `PROFILES` map must have exactly
 * these keys; the workspace tools check a profile against this list before they synthesize or call AWS.
 */
export const PROFILE_NAMES = ['hardened'] as const;

export type ProfileName = (typeof PROFILE_NAMES)[number];

export function isProfileName(value: unknown): value is ProfileName {
  return typeof value === 'string' && (PROFILE_NAMES as readonly string[]).includes(value);
}

/** Parses a profile name, naming the choices when it is not one of {@link PROFILE_NAMES}. */
export function parseProfile(value: unknown, source = 'the CDK context "profile"', option = '-c profile=<name>'): ProfileName {
  if (isProfileName(value)) return value;
  throw new Error(
    `Unknown configuration profile "${String(value)}" (from ${source}). Expected one of: ${PROFILE_NAMES.join(', ')}. ` +
      `Pass one with ${option}, or leave it out for the environment's own values.`,
  );
}

/** The context keys a ShowCore CDK app reads from `-c key=value`. */
export const SHOWCORE_CONTEXT_KEYS = ['env', 'profile'] as const;

/**
 * Context keys the CDK itself or its CLI set (cdk.json, cdk.context.json, feature flags, lookups). Keys with a
 * `:` (lookups such as `availability-zones:account=…`, `aws:cdk:*`) or starting with `@` (feature flags) are the
 * CDK's by their form; these are the plain-named ones.
 */
const CDK_PLAIN_CONTEXT_KEYS = new Set(['cli-telemetry', 'acknowledged-issue-numbers', 'assetOutputs', 'bundlingStacks']);

/**
 * Context keys that neither ShowCore nor the CDK reads: most often a mistyped `-c env=…` or `-c profile=…`, which
 * would otherwise be ignored and build the default. Returns the problems, one per key.
 */
export function unknownContextKeys(context: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(context)
    .filter((key) => !key.includes(':') && !key.startsWith('@') && !CDK_PLAIN_CONTEXT_KEYS.has(key))
    .filter((key) => !(SHOWCORE_CONTEXT_KEYS as readonly string[]).includes(key))
    .map(
      (key) =>
        `Unknown context key "${key}" (-c ${key}=${String(context[key])}). ShowCore reads only: ` +
        `${SHOWCORE_CONTEXT_KEYS.join(', ')} (-c env=<${ENVIRONMENTS.join('|')}>, -c profile=<${PROFILE_NAMES.join('|')}>).`,
    );
}

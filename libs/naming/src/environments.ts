/** The environments ShowCore deploys to. `local` is the moto emulator on this machine. */
export const ENVIRONMENTS = ['local', 'dev', 'staging', 'prod'] as const;

export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** The value of the `Environment` tag for each environment (design.md, "Resource Tagging Model"). */
export const ENVIRONMENT_TAG_VALUES: Readonly<Record<EnvironmentName, string>> = {
  local: 'Local',
  dev: 'Development',
  staging: 'Staging',
  prod: 'Production',
};

export function isEnvironmentName(value: unknown): value is EnvironmentName {
  return typeof value === 'string' && (ENVIRONMENTS as readonly string[]).includes(value);
}

/**
 * Parses an environment name, rejecting anything that is not one of {@link ENVIRONMENTS}.
 *
 * @param value what the user gave (usually the `env` CDK context value)
 * @param source where it came from, named in the error (default: the `-c env=<name>` option)
 */
export function parseEnvironment(value: unknown, source = 'the CDK context "env"'): EnvironmentName {
  if (isEnvironmentName(value)) {
    return value;
  }
  const seen = value === undefined ? 'nothing' : `"${String(value)}"`;
  throw new Error(`Unknown environment ${seen} (from ${source}). Expected one of: ${ENVIRONMENTS.join(', ')}. ` + 'Pass one with -c env=<name>.');
}

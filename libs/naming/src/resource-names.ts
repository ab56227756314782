import { Token } from 'aws-cdk-lib';
import type { EnvironmentName } from './environments';

/** Every ShowCore resource name starts with this prefix; the status command finds alarms by it. */
export const NAME_PREFIX = 'showcore';

const NAME_PART = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function assertNamePart(what: string, value: string): void {
  if (!NAME_PART.test(value)) {
    throw new Error(
      `Invalid ${what} "${value}" for a ShowCore resource name: use lowercase letters, digits and single hyphens ` + '(for example "rds" or "cpu-high").',
    );
  }
}

/**
 * The project's naming rule, `showcore-{component}-{environment}-{resource-type}`.
 *
 * @example resourceName('rds', 'dev', 'cpu-high') === 'showcore-rds-dev-cpu-high'
 */
export function resourceName(component: string, environment: EnvironmentName, resourceType: string): string {
  assertNamePart('component', component);
  assertNamePart('resource type', resourceType);
  return `${NAME_PREFIX}-${component}-${environment}-${resourceType}`;
}

/** The prefix shared by every resource of one component in one environment, e.g. `showcore-rds-dev-`. */
export function resourceNamePrefix(component: string, environment: EnvironmentName): string {
  assertNamePart('component', component);
  return `${NAME_PREFIX}-${component}-${environment}-`;
}

/** S3 bucket names are global: `showcore-{component}-{environment}-{account}` (max 63 characters). */
export function bucketName(component: string, environment: EnvironmentName, account: string): string {
  assertNamePart('component', component);
  const name = `${NAME_PREFIX}-${component}-${environment}-${account}`;
  if (!Token.isUnresolved(account)) {
    if (!/^\d{12}$/.test(account)) {
      throw new Error(`Invalid AWS account id "${account}" in a bucket name: expected 12 digits.`);
    }
    if (name.length > 63) {
      throw new Error(`Bucket name "${name}" is ${name.length} characters; S3 allows at most 63. Shorten the component "${component}".`);
    }
  }
  return name;
}

/**
 * True when a resource name follows the naming rule for this environment (`showcore-<component>-<env>-<type>`):
 * how tools find an environment's alarms among all of an account's.
 */
export function isResourceOfEnvironment(name: string, environment: EnvironmentName): boolean {
  return new RegExp(`^${NAME_PREFIX}-[a-z0-9]+(-[a-z0-9]+)*?-${environment}-[a-z0-9]`).test(name);
}

/**
 * The database user the verification probe function logs in as with an IAM token (`rds-db:connect` on it, in the
 * ops tier's role; created once by `ops:verify --create-probe-user`, docs/decisions/0006).
 */
export const DATABASE_PROBE_USER = 'showcore_probe';

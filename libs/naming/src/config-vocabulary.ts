import { RemovalPolicy } from 'aws-cdk-lib';
import type { ConfigProblems } from './config-errors';

/**
 * What CloudFormation does with a resource a stack holds (bucket, log group, key, vault) when it leaves the
 * stack: `retain` keeps it, `destroy` deletes it with everything in it (the local emulator only).
 */
export type RemovalChoice = 'retain' | 'destroy';

/** The removal choices, the keeping one first (the validators name it as the fix). */
export const REMOVAL_CHOICES: readonly RemovalChoice[] = ['retain', 'destroy'];

/**
 * A removal choice for a resource that can leave a final snapshot (RDS, ElastiCache): `snapshot` keeps one and
 * deletes the resource, the others as {@link RemovalChoice}.
 */
export type StatefulRemovalChoice = 'snapshot' | RemovalChoice;

/** The stateful removal choices, the snapshot first (the validators name it as the fix). */
export const STATEFUL_REMOVAL_CHOICES: readonly StatefulRemovalChoice[] = ['snapshot', 'retain', 'destroy'];

const REMOVAL_POLICIES: Readonly<Record<StatefulRemovalChoice, RemovalPolicy>> = {
  snapshot: RemovalPolicy.SNAPSHOT,
  retain: RemovalPolicy.RETAIN,
  destroy: RemovalPolicy.DESTROY,
};

/** The CDK removal policy of a configured removal choice. */
export function removalPolicyOf(choice: StatefulRemovalChoice): RemovalPolicy {
  return REMOVAL_POLICIES[choice];
}

/**
 * Who holds the keys that encrypt a tier's data at rest: `aws-managed` (the service's own keys: its AWS managed
 * KMS key, or SSE-S3 for buckets; no monthly fee) or `customer-managed` (rotating KMS keys the tier creates,
 * $1 per key per month plus requests, with key policies the account controls).
 */
export type EncryptionKeyChoice = 'aws-managed' | 'customer-managed';

export const ENCRYPTION_KEY_CHOICES: readonly EncryptionKeyChoice[] = ['aws-managed', 'customer-managed'];

/** An encryption key choice is one of {@link ENCRYPTION_KEY_CHOICES}. */
export function checkEncryptionKeyChoice(problems: ConfigProblems, field: string, value: unknown): void {
  problems.check(
    ENCRYPTION_KEY_CHOICES.includes(value as EncryptionKeyChoice),
    field,
    value,
    'is not an encryption key choice',
    `use ${ENCRYPTION_KEY_CHOICES.map((choice) => `"${choice}"`).join(' or ')}`,
  );
}

/** The retention periods (days) CloudWatch Logs accepts for a log group (PutRetentionPolicy); anything else fails at deploy time. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export type LogRetentionDays = (typeof LOG_RETENTION_DAYS)[number];

export function isLogRetentionDays(value: unknown): value is LogRetentionDays {
  return typeof value === 'number' && (LOG_RETENTION_DAYS as readonly number[]).includes(value);
}

/** The accepted retentions nearest to `value`, below and above it. */
export function nearestLogRetentionDays(value: number): LogRetentionDays[] {
  const lower = [...LOG_RETENTION_DAYS].reverse().find((days) => days < value);
  const upper = LOG_RETENTION_DAYS.find((days) => days > value);
  return [lower, upper].filter((days): days is LogRetentionDays => days !== undefined);
}

/** A log retention is one CloudWatch Logs accepts; the fix names the accepted values nearest to the one seen. */
export function checkLogRetentionDays(problems: ConfigProblems, field: string, value: unknown): void {
  if (isLogRetentionDays(value)) return;
  const near = typeof value === 'number' ? nearestLogRetentionDays(value) : [];
  problems.add(
    field,
    value,
    `is not a retention CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(', ')})`,
    near.length ? `use ${near.join(' or ')}` : 'use one of those values, e.g. 7 or 30',
  );
}

/** An AWS region name: `us-east-1`, `eu-central-2`, `us-gov-west-1`. */
export const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/**
 * A region is an AWS region name. Returns whether it is, for the rules that compare it with another region.
 * @param example the region the fix suggests
 */
export function checkRegion(problems: ConfigProblems, field: string, value: unknown, example = 'us-east-1'): value is string {
  const ok = typeof value === 'string' && REGION_PATTERN.test(value);
  problems.check(ok, field, value, 'is not an AWS region name', `use a region such as "${example}"`);
  return ok;
}

/**
 * The second region of a cross-region copy (S3 replication, AWS Backup copies): an AWS region name and, when the
 * copy is on, not the tier's own region, where a copy protects against no regional outage.
 * @param copy what lives there, for the message: "a replica", "a copy"
 */
export function checkSecondRegion(problems: ConfigProblems, field: string, value: unknown, tierRegion: string, enabled: unknown, copy: string): void {
  if (!checkRegion(problems, field, value, 'us-west-2') || enabled !== true) return;
  problems.check(
    value !== tierRegion,
    field,
    value,
    `is the tier's own region (region is "${tierRegion}"): ${copy} in the same region protects against no regional outage`,
    `use another region, e.g. "${tierRegion === 'us-west-2' ? 'us-east-2' : 'us-west-2'}"`,
  );
}

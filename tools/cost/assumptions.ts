/**
 * Usage assumptions for what has no fixed monthly price (storage, requests, data transfer, log volume,
 * configuration items). The values live in tools/cost/assumptions.json; a user overrides some of them with
 * `--assumptions=<file>` (only the keys to change). Every value is per month.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigProblems } from '@showcore/naming';

/** Each assumption, with what it means (printed next to every line that uses it). */
export const ASSUMPTION_DESCRIPTIONS = {
  'vpcEndpoint.gbProcessedPerEndpoint': 'GB processed per interface endpoint per month',
  'vpcEndpoint.azCountWhenUnresolved': 'AZs of an interface endpoint whose SubnetIds cannot be read from the template',
  'natGateway.gbProcessed': 'GB through the NAT gateway per month (also used for the NAT comparison)',
  'logs.ingestedGbPerLogGroup': 'GB ingested per log group per month',
  'logs.flowLogGbPerFlowLog': 'GB of VPC flow logs per flow log per month',
  'logs.monthsKeptWhenNeverExpire': 'months of logs stored when a log group never expires',
  's3.storageGbPerBucket': 'GB stored (Standard) per bucket',
  's3.putRequestsPerBucket': 'PUT/COPY/POST/LIST requests per bucket per month',
  's3.getRequestsPerBucket': 'GET requests per bucket per month',
  's3.replicatedGbPerBucket':
    'GB of new object versions written per month to a bucket with cross-region replication, each copied to its replica in the second region',
  's3.requestMetricsPerFilter':
    'CloudWatch request metrics an S3 metrics filter publishes (billed as custom metrics; 16 exist, only those with traffic are billed)',
  'cloudfront.dataOutGb': 'GB CloudFront serves to viewers per distribution per month',
  'cloudfront.requests': 'HTTPS requests per distribution per month',
  'cloudfront.additionalMetricsPerDistribution':
    'CloudWatch metrics a distribution publishes with additional metrics on (AWS::CloudFront::MonitoringSubscription), billed as custom metrics',
  'rds.enhancedMonitoringGbPerInstance':
    'GB of Enhanced Monitoring data (CloudWatch Logs RDSOSMetrics) per instance per month at a 60-second interval (scaled by 60 / MonitoringInterval)',
  'sns.publishesPerTopic': 'messages published per SNS topic per month',
  'secretsManager.apiCallsPerSecret': 'Secrets Manager API calls per secret per month',
  'kms.requestsPerKey': 'KMS requests per customer-managed key per month',
  'config.configurationItems': 'configuration items AWS Config records per month with continuous recording (one per change)',
  'config.periodicConfigurationItems': 'configuration items per month with daily recording (at most one per changed resource per day)',
  'config.evaluationsPerRule': 'evaluations per AWS Config rule per month',
  'cloudtrail.existingTrailsInAccount': 'trails already recording management events in the account (the first copy is free; task 1.3 made one by hand)',
  'cloudtrail.managementEvents': 'management events per month (billed only for a second copy)',
  'cloudtrail.dataEventsPerTrail': 'data events per trail per month (only for trails that select data events)',
  'guardDuty.flowAndDnsLogGb':
    'GB of VPC flow logs and DNS query logs GuardDuty analyses per month (it reads them from AWS directly; management events are cloudtrail.managementEvents)',
  'elasticache.snapshotGb': 'GB of one ElastiCache snapshot (one snapshot per cluster is free)',
  'backup.storageGbPerPlan': 'GB of AWS Backup snapshots kept per backup plan',
  'backup.copiedGbPerPlan':
    'GB a backup plan with a cross-region copy action copies to the second region per month (RDS snapshot copies are incremental after the first)',
  'lambda.invocationsPerFunction': 'invocations per Lambda function per month (custom-resource handlers are free: they run only at deploy time)',
} as const;

export type AssumptionKey = keyof typeof ASSUMPTION_DESCRIPTIONS;
export type Assumptions = Readonly<Record<AssumptionKey, number>>;

export const DEFAULT_ASSUMPTIONS_FILE = path.join(__dirname, 'assumptions.json');

const KEYS = Object.keys(ASSUMPTION_DESCRIPTIONS) as AssumptionKey[];

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the assumptions file ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Checks `raw` (all keys when `complete`, else any subset) and returns the numbers it sets. */
export function parseAssumptions(raw: unknown, source: string, complete: boolean): Partial<Record<AssumptionKey, number>> {
  const problems = new ConfigProblems(source);
  const values: Partial<Record<AssumptionKey, number>> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.add('(file)', raw, 'not a JSON object', 'write { "<assumption>": <number>, ... }');
    problems.throwIfAny();
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key.startsWith('$')) continue; // $comment
    if (!(KEYS as string[]).includes(key)) {
      problems.add(key, value, 'unknown assumption', `use one of: ${KEYS.join(', ')}`);
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      problems.add(key, value, 'must be a number >= 0', `set the ${ASSUMPTION_DESCRIPTIONS[key as AssumptionKey]}`);
    } else {
      values[key as AssumptionKey] = value;
    }
  }
  if (complete) {
    for (const key of KEYS) {
      if (!(key in (raw as object))) problems.add(key, undefined, 'missing', `add it: ${ASSUMPTION_DESCRIPTIONS[key]}`);
    }
  }
  problems.throwIfAny();
  return values;
}

/** The checked-in assumptions, with `overrideFile`'s values on top. */
export function loadAssumptions(overrideFile?: string, baseFile = DEFAULT_ASSUMPTIONS_FILE): Assumptions {
  const base = parseAssumptions(readJson(baseFile), path.relative(process.cwd(), baseFile) || baseFile, true) as Assumptions;
  if (!overrideFile) return base;
  return { ...base, ...parseAssumptions(readJson(overrideFile), overrideFile, false) };
}

import { S3_REQUEST_METRICS_FILTER_ID } from '@showcore/naming';
import type { BillingConfig } from '../config';
import { input, type MathSpec, type MetricSpec, type SeriesSpec } from './metric-spec';
import { acrossRedisNodes, redisGroupHitRate } from './redis-series';
import { allocatedStorageGb } from './storage-allocation';

export type AlertTopicName = 'critical' | 'warning' | 'billing';
export type AlarmSection = 'rds' | 'elasticache' | 's3' | 'billing';
export type Comparison = 'GreaterThanThreshold' | 'LessThanThreshold';
export type MissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

/** One alarm, declared once: the builder, the dashboard, the README and the tests all read this row. */
export interface AlarmRow {
  /** The spec's name (tasks.md 5.4, 6.4, 10.3–10.6); the naming lib makes it unique per environment. */
  readonly specName: string;
  readonly section: AlarmSection;
  /** What the alarm means when it fires (the alarm description, and the README). */
  readonly meaning: string;
  /** What to do first (the README); the runbook anchor in docs/runbooks/alarm-response.md says the rest. */
  readonly firstAction: string;
  readonly runbookAnchor: string;
  readonly series: SeriesSpec;
  /**
   * Length of one evaluation period. design.md asks for evaluation periods of 5 minutes or less
   * ({@link MAX_EVALUATION_PERIOD_SECONDS}); a longer one needs {@link longPeriodReason}.
   */
  readonly periodSeconds: number;
  /** Why the period is longer than 5 minutes: the metric is published less often (the README lists it). */
  readonly longPeriodReason?: string;
  readonly evaluationPeriods: number;
  /** Breaching datapoints among the evaluation periods that raise the alarm. */
  readonly datapointsToAlarm: number;
  readonly comparison: Comparison;
  readonly threshold: number;
  readonly topic: AlertTopicName;
  readonly treatMissingData: MissingData;
  /** Why that missing-data treatment (the README lists it). */
  readonly missingDataReason: string;
}

/** design.md "Monitoring Configuration": CloudWatch alarms configured with <= 5 minute evaluation periods. */
export const MAX_EVALUATION_PERIOD_SECONDS = 300;

const GIB = 1073741824;
const rds = (metricName: string, statistic: string): MetricSpec => ({
  namespace: 'AWS/RDS',
  metricName,
  dimensions: { DBInstanceIdentifier: input('dbInstanceId') },
  statistic,
});
const bucketSize = (bucket: 'staticAssetsBucketName' | 'backupsBucketName'): MetricSpec => ({
  namespace: 'AWS/S3',
  metricName: 'BucketSizeBytes',
  dimensions: { BucketName: input(bucket), StorageType: 'StandardStorage' },
  statistic: 'Average',
});
/** Request metrics exist only under the edge tier's whole-bucket filter id. */
const request = (bucket: 'staticAssetsBucketName' | 'backupsBucketName', metricName: string): MetricSpec => ({
  namespace: 'AWS/S3',
  metricName,
  dimensions: { BucketName: input(bucket), FilterId: S3_REQUEST_METRICS_FILTER_ID },
  statistic: 'Sum',
});
/** Error rate in % across both ShowCore buckets; FILL(…, 0) keeps a bucket without traffic from blanking the sum. */
const s3ErrorRate = (errors: '4xxErrors' | '5xxErrors'): MathSpec => ({
  expression: `100 * (FILL(staticAssetsErrors, 0) + FILL(backupsErrors, 0)) / (FILL(staticAssetsRequests, 0) + FILL(backupsRequests, 0))`,
  metrics: {
    staticAssetsErrors: request('staticAssetsBucketName', errors),
    backupsErrors: request('backupsBucketName', errors),
    staticAssetsRequests: request('staticAssetsBucketName', 'AllRequests'),
    backupsRequests: request('backupsBucketName', 'AllRequests'),
  },
  label: `S3 ${errors.slice(0, 3)} rate (%)`,
});
const billing = (metricName: string): MetricSpec => ({ namespace: 'AWS/Billing', metricName, dimensions: { Currency: 'USD' }, statistic: 'Maximum' });

const ALWAYS_PUBLISHED =
  'the resource publishes this metric every minute; a gap means it is stopped or gone, which INSUFFICIENT_DATA shows on the dashboard instead of a false OK or a false CPU/storage page';
const NO_TRAFFIC = 'no requests in a period produce no datapoint: an idle resource has no error or hit rate to judge';

/**
 * What a row is unless it says otherwise: one 5-minute period (the longest design.md allows), above the threshold,
 * and a missing datapoint left as missing, for a metric the resource always publishes.
 */
const ROW_DEFAULTS = {
  periodSeconds: MAX_EVALUATION_PERIOD_SECONDS,
  evaluationPeriods: 1,
  comparison: 'GreaterThanThreshold',
  treatMissingData: 'missing',
  missingDataReason: ALWAYS_PUBLISHED,
} as const satisfies Partial<AlarmRow>;

/** A missing-data treatment other than the default always comes with its reason (the README lists it). */
type MissingDataChoice = { readonly treatMissingData?: never; readonly missingDataReason?: never } | Pick<AlarmRow, 'treatMissingData' | 'missingDataReason'>;

/**
 * A row as the table states it: only what differs from {@link ROW_DEFAULTS}. The runbook anchor defaults to the
 * spec name, and every evaluation period must breach (datapointsToAlarm = evaluationPeriods) unless it says so.
 */
type AlarmRowSpec = Omit<AlarmRow, keyof typeof ROW_DEFAULTS | 'runbookAnchor' | 'datapointsToAlarm'> &
  Partial<Pick<AlarmRow, 'periodSeconds' | 'evaluationPeriods' | 'comparison' | 'runbookAnchor' | 'datapointsToAlarm'>> &
  MissingDataChoice;

function row(spec: AlarmRowSpec): AlarmRow {
  const evaluationPeriods = spec.evaluationPeriods ?? ROW_DEFAULTS.evaluationPeriods;
  return { ...ROW_DEFAULTS, runbookAnchor: spec.specName, datapointsToAlarm: evaluationPeriods, ...spec };
}

/** The spec's billing alarm names carry the threshold (showcore-billing-50); a profile with other thresholds keeps that pattern. */
export function billingAlarmName(usd: number): string {
  return `showcore-billing-${String(usd).replace('.', '-')}`;
}

/**
 * Every alarm of the ops tier (issue 7), with its metric, period, evaluation, threshold, topic and missing-data
 * treatment. Thresholds are the spec's; the billing amounts come from the configuration (the hardened profile
 * raises them). The Redis rows watch every node of the replication group (`redisNodes`, see redis-series.ts).
 *
 * AWS Backup job failures have no row: AWS Backup's CloudWatch job metrics are not published under the vault
 * name alone, so an alarm on `NumberOfBackupJobsFailed` by `BackupVaultName` could never fire. The EventBridge
 * rule `showcore-rds-<env>-backup-failure` (constructs/backup-failure-rules.ts) reports them instead.
 */
export function alarmTable(billingConfig: Pick<BillingConfig, 'warningUsd' | 'criticalUsd'>, redisNodes = 1): AlarmRow[] {
  return [
    row({
      specName: 'showcore-rds-cpu-high',
      section: 'rds',
      topic: 'critical',
      meaning: 'RDS CPU above 80 % for 5 consecutive minutes: queries queue and latency climbs.',
      firstAction: 'Find the expensive queries in Performance Insights; kill runaway sessions; scale the instance class if the load is legitimate.',
      series: rds('CPUUtilization', 'Average'),
      periodSeconds: 60,
      evaluationPeriods: 5,
      threshold: 80,
    }),
    row({
      // Spec correction (README): RDS publishes FreeStorageSpace in bytes; alarm when it falls below 15 % of the
      // allocated storage. RDS publishes no allocation metric and storage autoscaling grows the volume without a
      // deploy, so the ops tier measures the allocation itself (storage-allocation.ts) and CloudWatch divides by
      // what is allocated now. Before the first measurement (or if one is missed) the published configured size
      // stands in: the floor autoscaling starts from.
      specName: 'showcore-rds-storage-high',
      section: 'rds',
      topic: 'warning',
      meaning:
        'RDS free storage below 15 % of the storage allocated now: storage autoscaling grows the volume at 10 % unless it is at its ceiling (or grew in the last 6 hours); a full instance stops accepting writes.',
      firstAction:
        "Check what grew (tables, WAL, logs) and whether the allocation reached the data tier's maxAllocatedStorageGb; raise it (or allocatedStorageGb) and redeploy data.",
      series: {
        expression: `100 * freeStorage / (FILL(allocatedGb, {dbAllocatedStorageGb}) * ${GIB})`,
        metrics: { freeStorage: rds('FreeStorageSpace', 'Minimum'), allocatedGb: allocatedStorageGb },
        label: 'RDS free storage (% of allocated)',
      },
      comparison: 'LessThanThreshold',
      threshold: 15,
    }),
    row({
      specName: 'showcore-rds-connections-high',
      section: 'rds',
      topic: 'warning',
      meaning: 'More than 80 database connections: close to what a db.t3.micro can hold.',
      firstAction: 'List sessions in pg_stat_activity; look for a leaking pool or idle-in-transaction clients.',
      series: rds('DatabaseConnections', 'Maximum'),
      threshold: 80,
    }),
    row({
      specName: 'showcore-rds-latency-high',
      section: 'rds',
      topic: 'warning',
      meaning: 'Average read or write latency above 100 ms over 5 minutes: storage is saturated (gp3 IOPS/throughput) or burst credits are gone.',
      firstAction: 'Compare ReadIOPS/WriteIOPS with the gp3 baseline and check CPU credits; then the slow queries in Performance Insights.',
      series: {
        expression: '1000 * MAX([readLatency, writeLatency])',
        metrics: { readLatency: rds('ReadLatency', 'Average'), writeLatency: rds('WriteLatency', 'Average') },
        label: 'RDS worst of read/write latency (ms)',
      },
      threshold: 100,
    }),
    row({
      specName: 'showcore-elasticache-cpu-high',
      section: 'elasticache',
      topic: 'critical',
      meaning: 'Redis node CPU above 75 % for 5 consecutive minutes: commands slow down for every client.',
      firstAction: 'Run SLOWLOG GET and look for O(N) commands (KEYS, large SMEMBERS); check EngineCPUUtilization and client counts.',
      series: acrossRedisNodes('CPUUtilization', 'Average', redisNodes, 'MAX', 'Redis CPU, busiest node (%)'),
      periodSeconds: 60,
      evaluationPeriods: 5,
      threshold: 75,
    }),
    row({
      specName: 'showcore-elasticache-memory-high',
      section: 'elasticache',
      topic: 'critical',
      meaning: 'Redis memory above 80 % for 10 minutes (design.md: 2 × 5 min): evictions or OOM errors follow.',
      firstAction: 'Check key TTLs and the biggest keys (redis-cli --bigkeys); scale the node type if the working set really grew.',
      series: acrossRedisNodes('DatabaseMemoryUsagePercentage', 'Average', redisNodes, 'MAX', 'Redis memory, fullest node (%)'),
      evaluationPeriods: 2,
      threshold: 80,
    }),
    row({
      specName: 'showcore-elasticache-evictions',
      section: 'elasticache',
      topic: 'warning',
      meaning: 'Redis evicted keys to make room: the cache is too small for its working set.',
      firstAction: 'Check memory usage and TTLs; confirm the application tolerates the misses; plan a larger node type.',
      series: acrossRedisNodes('Evictions', 'Sum', redisNodes, 'SUM', 'Redis evictions, all nodes'),
      threshold: 0,
      treatMissingData: 'notBreaching',
      missingDataReason: 'no datapoint means no evictions were counted',
    }),
    row({
      specName: 'showcore-elasticache-cache-hit-low',
      section: 'elasticache',
      topic: 'warning',
      meaning: 'Cache hit rate below 80 % for 15 minutes: most reads fall through to PostgreSQL.',
      firstAction: 'Check for a recent deploy that changed keys or TTLs, a flush, or evictions; watch RDS CPU meanwhile.',
      series: redisGroupHitRate(redisNodes),
      // Three periods so a cold cache after a restart or deploy does not page on its first few misses.
      evaluationPeriods: 3,
      comparison: 'LessThanThreshold',
      threshold: 80,
      treatMissingData: 'notBreaching',
      missingDataReason: NO_TRAFFIC,
    }),
    row({
      specName: 'showcore-s3-size-high',
      section: 's3',
      topic: 'warning',
      meaning: 'The two ShowCore buckets hold more than 10 GB in S3 Standard: storage costs grow past the plan.',
      firstAction: 'Find the largest prefixes (S3 Storage Lens or list-objects-v2); check lifecycle rules ran and noncurrent versions expire.',
      series: {
        expression: `(FILL(staticAssetsBytes, 0) + FILL(backupsBytes, 0)) / ${GIB}`,
        metrics: { staticAssetsBytes: bucketSize('staticAssetsBucketName'), backupsBytes: bucketSize('backupsBucketName') },
        label: 'S3 Standard storage, both buckets (GB)',
      },
      periodSeconds: 86400,
      longPeriodReason: 'S3 publishes BucketSizeBytes once a day: a shorter period would hold no datapoint',
      threshold: 10,
      treatMissingData: 'notBreaching',
      missingDataReason: 'S3 publishes size once a day and not at all for an empty bucket: no datapoint is no growth',
    }),
    row({
      specName: 'showcore-s3-4xx-errors',
      section: 's3',
      topic: 'warning',
      meaning: 'More than 5 % of requests to the ShowCore buckets failed with 4xx for 15 minutes: broken links, a bad deploy, or denied access.',
      firstAction: 'Check the CloudFront 4xx rate and the last static-assets deploy; a spike of 403s usually means a changed bucket policy or OAC.',
      series: s3ErrorRate('4xxErrors'),
      evaluationPeriods: 3,
      threshold: 5,
      treatMissingData: 'notBreaching',
      missingDataReason: NO_TRAFFIC,
    }),
    row({
      specName: 'showcore-s3-5xx-errors',
      section: 's3',
      topic: 'critical',
      meaning: 'More than 1 % of requests to the ShowCore buckets failed with 5xx: S3 is throttling (503 Slow Down) or failing.',
      firstAction: 'Check the AWS Health Dashboard for S3 in the region; look for a hot prefix causing 503 Slow Down.',
      series: s3ErrorRate('5xxErrors'),
      threshold: 1,
      treatMissingData: 'notBreaching',
      missingDataReason: NO_TRAFFIC,
    }),
    ...(['warningUsd', 'criticalUsd'] as const).map((level): AlarmRow => {
      const usd = billingConfig[level];
      return row({
        specName: billingAlarmName(usd),
        section: 'billing',
        topic: 'billing',
        meaning: `Estimated charges of the month so far passed $${usd} (${level === 'warningUsd' ? 'warning' : 'critical'} level).`,
        firstAction: 'Open Cost Explorer grouped by service and by the Environment tag; compare with the budget and any Cost Anomaly Detection alert.',
        runbookAnchor: 'showcore-billing',
        series: billing('EstimatedCharges'),
        periodSeconds: 21600,
        longPeriodReason:
          'AWS publishes EstimatedCharges only a few times a day (tasks.md 10.6: a 6-hour period); a 5-minute period would be empty almost always',
        threshold: usd,
        treatMissingData: 'missing',
        missingDataReason:
          'AWS publishes EstimatedCharges a few times a day; a lasting gap means billing alerts are not enabled, which INSUFFICIENT_DATA makes visible',
      });
    }),
  ];
}

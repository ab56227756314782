import { S3_REQUEST_METRICS_FILTER_ID } from '@showcore/naming';
import { input, type MathSpec, type MetricSpec, type SeriesSpec } from './metric-spec';
import type { AlarmRow } from './alarm-table';
import { redisNodeMetric, redisNodeSuffixes } from './redis-series';

/** One graph of the dashboard. */
export interface GraphSpec {
  readonly title: string;
  readonly series: readonly SeriesSpec[];
  /** Alarm rows (spec names) whose thresholds are drawn on the graph; the graph must plot in the alarm's unit. */
  readonly annotate?: readonly string[];
  /** @default 300 */
  readonly periodSeconds?: number;
}

/** A band of the dashboard: one tier's resources. */
export interface DashboardRowSpec {
  readonly heading: string;
  readonly graphs: readonly GraphSpec[];
}

/** CloudFront and billing metrics exist only in us-east-1, whatever the stack's region. */
const GLOBAL_REGION = 'us-east-1';
const BUCKETS = [
  ['static assets', 'staticAssetsBucketName'],
  ['backups', 'backupsBucketName'],
] as const;

const rds = (metricName: string, statistic = 'Average'): MetricSpec => ({
  namespace: 'AWS/RDS',
  metricName,
  dimensions: { DBInstanceIdentifier: input('dbInstanceId') },
  statistic,
  label: metricName,
});
const perBucket = (metricName: string, dimensions: Record<string, string>, statistic: string): MetricSpec[] =>
  BUCKETS.map(([label, key]) => ({
    namespace: 'AWS/S3',
    metricName,
    dimensions: { BucketName: input(key), ...dimensions },
    statistic,
    label: `${label} ${metricName}`,
  }));
const cloudFront = (metricName: string, statistic: string): MetricSpec => ({
  namespace: 'AWS/CloudFront',
  metricName,
  dimensions: { DistributionId: input('distributionId'), Region: 'Global' },
  statistic,
  label: metricName,
  region: GLOBAL_REGION,
});

/**
 * Interface endpoints publish in AWS/PrivateLinkEndpoints (spec correction: not the PacketsReceived/… of task 10.2),
 * one series per endpoint. A SEARCH over the VPC id charts every endpoint there is, in however many AZs, without
 * the dashboard knowing their ids; gateway endpoints (S3, DynamoDB) publish no metrics.
 */
export function endpointSearch(metricName: string, statistic: string): MathSpec {
  return {
    expression: `SEARCH('{AWS/PrivateLinkEndpoints,"Endpoint Type","Service Name","VPC Endpoint Id","VPC Id"} MetricName="${metricName}" "VPC Id"="{vpcId}"', '${statistic}', 300)`,
    metrics: {},
    label: `${metricName} \${PROP('Dim.Service Name')}`,
  };
}

/** What the layout depends on beyond the alarm table (the ops config's `monitoredResources`). */
export interface DashboardOptions {
  /** Nodes of the Redis replication group: the hits / misses graph plots each node. */
  readonly redisNodes: number;
  /** CloudFront publishes CacheHitRate only with additional metrics on: no graph that can never show data. */
  readonly cloudFrontAdditionalMetrics: boolean;
}

/** CacheHits and CacheMisses of every node, labelled by node. */
function redisHitsAndMisses(nodes: number): MetricSpec[] {
  return redisNodeSuffixes(nodes).flatMap((suffix) =>
    ['CacheHits', 'CacheMisses'].map((metricName) =>
      redisNodeMetric(metricName, 'Sum', suffix, nodes === 1 ? metricName : `${metricName} node ${suffix.slice(1)}`),
    ),
  );
}

/**
 * The dashboard's rows. Graphs that an alarm watches plot the alarm's own series from the alarm table, so the
 * threshold line is in the right unit; the others plot task 10.2's raw metrics.
 */
export function dashboardLayout(alarms: readonly AlarmRow[], options: DashboardOptions): DashboardRowSpec[] {
  const alarm = (specName: string): GraphSpec => {
    const row = alarms.find((r) => r.specName === specName);
    if (!row) throw new Error(`The dashboard names alarm ${specName}, which the alarm table does not have.`);
    const label = 'label' in row.series ? row.series.label : `${row.series.metricName} (${row.series.statistic})`;
    return { title: label ?? specName, series: [row.series], annotate: [specName], periodSeconds: row.periodSeconds };
  };
  const billingRows = alarms.filter((row) => row.section === 'billing').map((row) => row.specName);
  return [
    {
      heading: 'Data tier: RDS PostgreSQL',
      graphs: [
        alarm('showcore-rds-cpu-high'),
        alarm('showcore-rds-connections-high'),
        { title: 'RDS read / write latency (s)', series: [rds('ReadLatency'), rds('WriteLatency')] },
        alarm('showcore-rds-latency-high'),
        { title: 'RDS free storage (bytes)', series: [rds('FreeStorageSpace', 'Minimum')] },
        alarm('showcore-rds-storage-high'),
      ],
    },
    {
      heading: 'Data tier: ElastiCache Redis',
      graphs: [
        alarm('showcore-elasticache-cpu-high'),
        alarm('showcore-elasticache-memory-high'),
        alarm('showcore-elasticache-evictions'),
        { title: 'Redis cache hits / misses', series: redisHitsAndMisses(options.redisNodes) },
        alarm('showcore-elasticache-cache-hit-low'),
      ],
    },
    {
      heading: 'Edge tier: S3 buckets',
      graphs: [
        {
          title: 'S3 bucket size, Standard (bytes)',
          series: perBucket('BucketSizeBytes', { StorageType: 'StandardStorage' }, 'Average'),
          periodSeconds: 86400,
        },
        { title: 'S3 number of objects', series: perBucket('NumberOfObjects', { StorageType: 'AllStorageTypes' }, 'Average'), periodSeconds: 86400 },
        alarm('showcore-s3-size-high'),
        {
          title: 'S3 4xx / 5xx errors (count)',
          series: [
            ...perBucket('4xxErrors', { FilterId: S3_REQUEST_METRICS_FILTER_ID }, 'Sum'),
            ...perBucket('5xxErrors', { FilterId: S3_REQUEST_METRICS_FILTER_ID }, 'Sum'),
          ],
        },
        alarm('showcore-s3-4xx-errors'),
        alarm('showcore-s3-5xx-errors'),
      ],
    },
    {
      heading: 'Edge tier: CloudFront (us-east-1)',
      graphs: [
        { title: 'CloudFront requests', series: [cloudFront('Requests', 'Sum')] },
        { title: 'CloudFront bytes downloaded', series: [cloudFront('BytesDownloaded', 'Sum')] },
        { title: 'CloudFront error rates (%)', series: [cloudFront('4xxErrorRate', 'Average'), cloudFront('5xxErrorRate', 'Average')] },
        // Published only when the distribution's additional metrics are on (edge tier setting, billed per metric).
        ...(options.cloudFrontAdditionalMetrics ? [{ title: 'CloudFront cache hit rate (%)', series: [cloudFront('CacheHitRate', 'Average')] }] : []),
      ],
    },
    {
      heading: 'Network tier: interface VPC endpoints (every endpoint in the VPC)',
      graphs: [
        { title: 'Endpoint active connections', series: [endpointSearch('ActiveConnections', 'Average')] },
        { title: 'Endpoint new connections', series: [endpointSearch('NewConnections', 'Sum')] },
        { title: 'Endpoint bytes processed', series: [endpointSearch('BytesProcessed', 'Sum')] },
        { title: 'Endpoint packets dropped / resets', series: [endpointSearch('PacketsDropped', 'Sum'), endpointSearch('RstPacketsReceived', 'Sum')] },
      ],
    },
    {
      heading: 'Ops tier: backups and billing',
      graphs: [
        // AWS Backup job failures page through an EventBridge rule scoped to this vault, not an alarm. The graph
        // searches the namespace without naming dimensions, so it shows the failed-job counts under whichever
        // dimension sets AWS Backup publishes them (account-wide).
        {
          title: 'AWS Backup failed jobs (account)',
          series: [{ expression: `SEARCH('{AWS/Backup} MetricName="NumberOfBackupJobsFailed"', 'Sum', 3600)`, metrics: {}, label: 'failed backup jobs' }],
          periodSeconds: 3600,
        },
        {
          title: 'Estimated charges, month to date (USD)',
          series: [
            {
              namespace: 'AWS/Billing',
              metricName: 'EstimatedCharges',
              dimensions: { Currency: 'USD' },
              statistic: 'Maximum',
              label: 'EstimatedCharges',
              region: GLOBAL_REGION,
            },
          ],
          annotate: billingRows,
          periodSeconds: 21600,
        },
      ],
    },
  ];
}

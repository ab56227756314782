import type { Template } from 'aws-cdk-lib/assertions';
import type { ParameterName } from '@showcore/naming';
import { resourceWith, ssmRef } from '@showcore/testing';
import { loadConfig } from '../../src/config';
import { alarmTable, billingAlarmName, MAX_EVALUATION_PERIOD_SECONDS } from '../../src/monitoring/alarm-table';
import { synthesizeEnvironment } from '../helpers';

const GIB = 1073741824;

/** Where a dimension value comes from: an SSM parameter the stack reads (plus a suffix), or a literal. */
type Source = { ssm: ParameterName; suffix?: string } | string;

interface ExpectedMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, Source>;
  readonly stat: string;
}

interface ExpectedAlarm {
  readonly name: string;
  readonly topic: 'critical' | 'warning' | 'billing';
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly comparison: 'GreaterThanThreshold' | 'LessThanThreshold';
  readonly threshold: number;
  readonly treatMissingData: string;
  readonly metric?: ExpectedMetric;
  /** Metric math: the expression (parts joined around SSM values) and the metrics it uses, by id. */
  readonly math?: { readonly expression: readonly (string | Source)[]; readonly metrics: Record<string, ExpectedMetric> };
}

const db = { ssm: 'dbInstanceId' } as const;
const node = { ssm: 'redisReplicationGroupId', suffix: '-001' } as const;
const staticAssets = { ssm: 'staticAssetsBucketName' } as const;
const backups = { ssm: 'backupsBucketName' } as const;
const rds = (metricName: string, stat: string): ExpectedMetric => ({ namespace: 'AWS/RDS', metricName, dimensions: { DBInstanceIdentifier: db }, stat });
const redis = (metricName: string, stat: string): ExpectedMetric => ({ namespace: 'AWS/ElastiCache', metricName, dimensions: { CacheClusterId: node }, stat });
const s3Request = (bucket: Source, metricName: string): ExpectedMetric => ({
  namespace: 'AWS/S3',
  metricName,
  dimensions: { BucketName: bucket, FilterId: 'EntireBucket' },
  stat: 'Sum',
});
const s3Rate = (errors: string) => ({
  expression: ['100 * (FILL(staticAssetsErrors, 0) + FILL(backupsErrors, 0)) / (FILL(staticAssetsRequests, 0) + FILL(backupsRequests, 0))'],
  metrics: {
    staticAssetsErrors: s3Request(staticAssets, errors),
    backupsErrors: s3Request(backups, errors),
    staticAssetsRequests: s3Request(staticAssets, 'AllRequests'),
    backupsRequests: s3Request(backups, 'AllRequests'),
  },
});

/** The spec's alarms (tasks.md 5.4, 6.4, 10.3–10.6 with the README corrections), written out independently of src/. */
const EXPECTED: ExpectedAlarm[] = [
  {
    name: 'showcore-rds-dev-cpu-high',
    topic: 'critical',
    metric: rds('CPUUtilization', 'Average'),
    periodSeconds: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 5,
    comparison: 'GreaterThanThreshold',
    threshold: 80,
    treatMissingData: 'missing',
  },
  {
    name: 'showcore-rds-dev-storage-high',
    topic: 'warning',
    // Divided by the allocation measured now (storage autoscaling grows it); the published floor fills a gap.
    math: {
      expression: ['100 * freeStorage / (FILL(allocatedGb, ', { ssm: 'dbAllocatedStorageGb' }, `) * ${GIB})`],
      metrics: {
        freeStorage: rds('FreeStorageSpace', 'Minimum'),
        allocatedGb: { namespace: 'ShowCore/RDS', metricName: 'AllocatedStorage', dimensions: { DBInstanceIdentifier: db }, stat: 'Maximum' },
      },
    },
    periodSeconds: 300,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    comparison: 'LessThanThreshold',
    threshold: 15,
    treatMissingData: 'missing',
  },
  {
    name: 'showcore-rds-dev-connections-high',
    topic: 'warning',
    metric: rds('DatabaseConnections', 'Maximum'),
    periodSeconds: 300,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    comparison: 'GreaterThanThreshold',
    threshold: 80,
    treatMissingData: 'missing',
  },
  {
    name: 'showcore-rds-dev-latency-high',
    topic: 'warning',
    math: {
      expression: ['1000 * MAX([readLatency, writeLatency])'],
      metrics: { readLatency: rds('ReadLatency', 'Average'), writeLatency: rds('WriteLatency', 'Average') },
    },
    periodSeconds: 300,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    comparison: 'GreaterThanThreshold',
    threshold: 100,
    treatMissingData: 'missing',
  },
  {
    name: 'showcore-elasticache-dev-cpu-high',
    topic: 'critical',
    metric: redis('CPUUtilization', 'Average'),
    periodSeconds: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 5,
    comparison: 'GreaterThanThreshold',
    threshold: 75,
    treatMissingData: 'missing',
  },
  {
    name: 'showcore-elasticache-dev-memory-high',
    topic: 'critical',
    metric: redis('DatabaseMemoryUsagePercentage', 'Average'),
    periodSeconds: 300,
    evaluationPeriods: 2,
    datapointsToAlarm: 2,
    comparison: 'GreaterThanThreshold',
    threshold: 80,
    treatMissingData: 'missing',
  },
  {
    name: 'showcore-elasticache-dev-evictions',
    topic: 'warning',
    metric: redis('Evictions', 'Sum'),
    periodSeconds: 300,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    comparison: 'GreaterThanThreshold',
    threshold: 0,
    treatMissingData: 'notBreaching',
  },
  {
    name: 'showcore-elasticache-dev-cache-hit-low',
    topic: 'warning',
    math: {
      expression: ['100 * cacheHits / (cacheHits + cacheMisses)'],
      metrics: { cacheHits: redis('CacheHits', 'Sum'), cacheMisses: redis('CacheMisses', 'Sum') },
    },
    periodSeconds: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    comparison: 'LessThanThreshold',
    threshold: 80,
    treatMissingData: 'notBreaching',
  },
  {
    name: 'showcore-s3-dev-size-high',
    topic: 'warning',
    math: {
      expression: [`(FILL(staticAssetsBytes, 0) + FILL(backupsBytes, 0)) / ${GIB}`],
      metrics: {
        staticAssetsBytes: {
          namespace: 'AWS/S3',
          metricName: 'BucketSizeBytes',
          dimensions: { BucketName: staticAssets, StorageType: 'StandardStorage' },
          stat: 'Average',
        },
        backupsBytes: {
          namespace: 'AWS/S3',
          metricName: 'BucketSizeBytes',
          dimensions: { BucketName: backups, StorageType: 'StandardStorage' },
          stat: 'Average',
        },
      },
    },
    periodSeconds: 86400,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    comparison: 'GreaterThanThreshold',
    threshold: 10,
    treatMissingData: 'notBreaching',
  },
  {
    name: 'showcore-s3-dev-4xx-errors',
    topic: 'warning',
    math: s3Rate('4xxErrors'),
    periodSeconds: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    comparison: 'GreaterThanThreshold',
    threshold: 5,
    treatMissingData: 'notBreaching',
  },
  {
    name: 'showcore-s3-dev-5xx-errors',
    topic: 'critical',
    math: s3Rate('5xxErrors'),
    periodSeconds: 300,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    comparison: 'GreaterThanThreshold',
    threshold: 1,
    treatMissingData: 'notBreaching',
  },
  ...[50, 100].map(
    (usd): ExpectedAlarm => ({
      name: `showcore-billing-dev-${usd}`,
      topic: 'billing',
      metric: { namespace: 'AWS/Billing', metricName: 'EstimatedCharges', dimensions: { Currency: 'USD' }, stat: 'Maximum' },
      periodSeconds: 21600,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      comparison: 'GreaterThanThreshold',
      threshold: usd,
      treatMissingData: 'missing',
    }),
  ),
];

describe('alarms of the alarm table (dev)', () => {
  const template = synthesizeEnvironment('dev').template('Ops');
  const resolve = (source: Source): unknown => {
    if (typeof source === 'string') return source;
    const ref = ssmRef(template, 'dev', source.ssm);
    return source.suffix ? { 'Fn::Join': ['', [ref, source.suffix]] } : ref;
  };
  const dimensions = (metric: ExpectedMetric) =>
    Object.entries(metric.dimensions)
      .map(([Name, source]) => ({ Name, Value: resolve(source) }))
      .sort((a, b) => a.Name.localeCompare(b.Name));
  const topicRef = (topic: string) => ({ Ref: resourceWith(template, 'AWS::SNS::Topic', 'TopicName', `showcore-${topic}-dev-alerts`).logicalId });

  it('creates exactly the alarms of the spec', () => {
    const names = Object.values<any>(template.toJSON().Resources)
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .map((r) => r.Properties.AlarmName);
    expect(names.sort()).toEqual(EXPECTED.map((e) => e.name).sort());
  });

  it.each(EXPECTED.map((e) => [e.name, e] as const))(
    '%s: metric, dimensions from SSM, statistic, period × evaluations, comparison, threshold, topic',
    (name, expected) => {
      const { properties } = resourceWith(template, 'AWS::CloudWatch::Alarm', 'AlarmName', name);
      expect(properties).toMatchObject({
        EvaluationPeriods: expected.evaluationPeriods,
        DatapointsToAlarm: expected.datapointsToAlarm,
        ComparisonOperator: expected.comparison,
        Threshold: expected.threshold,
        TreatMissingData: expected.treatMissingData,
        AlarmActions: [topicRef(expected.topic)],
      });
      expect(typeof properties.AlarmDescription).toBe('string');
      if (expected.metric) {
        expect({ ...properties, Dimensions: [...properties.Dimensions].sort((a: any, b: any) => a.Name.localeCompare(b.Name)) }).toMatchObject({
          Namespace: expected.metric.namespace,
          MetricName: expected.metric.metricName,
          Dimensions: dimensions(expected.metric),
          Statistic: expected.metric.stat,
          Period: expected.periodSeconds,
        });
        expect(properties.Metrics).toBeUndefined();
      } else {
        const math = expected.math;
        if (!math) throw new Error(`${name} expects neither a metric nor metric math`);
        const [expression, ...used] = properties.Metrics;
        const parts = math.expression.map(resolve);
        expect(expression.Expression).toEqual(parts.length === 1 ? parts[0] : { 'Fn::Join': ['', parts] });
        expect(expression.ReturnData).toBe(true);
        expect(
          Object.fromEntries(
            used.map((m: any) => [
              m.Id,
              {
                ...m.MetricStat,
                Metric: { ...m.MetricStat.Metric, Dimensions: [...m.MetricStat.Metric.Dimensions].sort((a: any, b: any) => a.Name.localeCompare(b.Name)) },
              },
            ]),
          ),
        ).toEqual(
          Object.fromEntries(
            Object.entries(math.metrics).map(([id, metric]) => [
              id,
              {
                Metric: { Namespace: metric.namespace, MetricName: metric.metricName, Dimensions: dimensions(metric) },
                Period: expected.periodSeconds,
                Stat: metric.stat,
              },
            ]),
          ),
        );
        expect(used.every((m: any) => m.ReturnData === false)).toBe(true);
      }
      const period = properties.Period ?? properties.Metrics[1].MetricStat.Period;
      expect(period * properties.EvaluationPeriods).toBe(expected.periodSeconds * expected.evaluationPeriods);
    },
  );

  it('reads each consumed identifier from its SSM path, never a literal', () => {
    const parameters = Object.values<any>((template as Template).toJSON().Parameters)
      .filter((p) => String(p.Type).startsWith('AWS::SSM::Parameter::Value'))
      .map((p) => p.Default)
      .filter((path) => path.startsWith('/showcore/'))
      .sort();
    expect(parameters).toEqual(
      [
        '/showcore/dev/data/db-allocated-storage-gb',
        '/showcore/dev/data/db-instance-id',
        '/showcore/dev/data/db-resource-id',
        '/showcore/dev/data/redis-probe-user-id',
        '/showcore/dev/data/redis-replication-group-id',
        '/showcore/dev/edge/backups-bucket-name',
        '/showcore/dev/edge/distribution-id',
        '/showcore/dev/edge/static-assets-bucket-name',
        '/showcore/dev/network/app-security-group-id',
        '/showcore/dev/network/private-subnet-ids',
        '/showcore/dev/network/vpc-id',
      ].sort(),
    );
  });
});

describe('evaluation periods (design.md: <= 5 minutes)', () => {
  it.each([
    ['cost-optimized', loadConfig('dev')],
    ['hardened', loadConfig('dev', 'hardened')],
  ])('%s: every row evaluates periods of at most 5 minutes, or says why its metric allows no shorter one', (_profile, config) => {
    const rows = alarmTable(config.billing, config.monitoredResources.redisNodes);
    const long = rows.filter((row) => row.periodSeconds > MAX_EVALUATION_PERIOD_SECONDS);
    expect(MAX_EVALUATION_PERIOD_SECONDS).toBe(300);
    expect(long.map((row) => row.specName)).toEqual([
      'showcore-s3-size-high',
      billingAlarmName(config.billing.warningUsd),
      billingAlarmName(config.billing.criticalUsd),
    ]);
    for (const row of long) expect(row.longPeriodReason).toMatch(/publishe/);
    for (const row of rows.filter((r) => r.periodSeconds <= MAX_EVALUATION_PERIOD_SECONDS)) expect(row.longPeriodReason).toBeUndefined();
  });
});

describe('Redis alarms with a replica (hardened profile)', () => {
  const template = synthesizeEnvironment('prod', 'hardened').template('Ops');
  const nodeDimension = (suffix: string) => [
    { Name: 'CacheClusterId', Value: { 'Fn::Join': ['', [ssmRef(template, 'prod', 'redisReplicationGroupId'), suffix]] } },
  ];
  /** Every metric an alarm's math uses: id → [metric name, node suffix]. */
  const used = (name: string) =>
    Object.fromEntries(
      resourceWith(template, 'AWS::CloudWatch::Alarm', 'AlarmName', name)
        .properties.Metrics.filter((m: any) => m.MetricStat)
        .map((m: any) => [m.Id, [m.MetricStat.Metric.MetricName, m.MetricStat.Metric.Dimensions]]),
    );
  const expression = (name: string) =>
    resourceWith(template, 'AWS::CloudWatch::Alarm', 'AlarmName', name).properties.Metrics.find((m: any) => m.ReturnData !== false).Expression;

  it.each([
    ['showcore-elasticache-prod-cpu-high', 'CPUUtilization', 'MAX([node1, node2])'],
    ['showcore-elasticache-prod-memory-high', 'DatabaseMemoryUsagePercentage', 'MAX([node1, node2])'],
    ['showcore-elasticache-prod-evictions', 'Evictions', 'SUM([node1, node2])'],
  ])('%s watches both nodes, so it still watches the primary after a failover to -002', (name, metricName, combined) => {
    expect(expression(name)).toBe(combined);
    expect(used(name)).toEqual({ node1: [metricName, nodeDimension('-001')], node2: [metricName, nodeDimension('-002')] });
  });

  it('showcore-elasticache-prod-cache-hit-low divides the hits of both nodes by their hits and misses', () => {
    const name = 'showcore-elasticache-prod-cache-hit-low';
    expect(expression(name)).toBe(
      '100 * (FILL(cacheHits1, 0) + FILL(cacheHits2, 0)) / ((FILL(cacheHits1, 0) + FILL(cacheHits2, 0)) + (FILL(cacheMisses1, 0) + FILL(cacheMisses2, 0)))',
    );
    expect(used(name)).toEqual({
      cacheHits1: ['CacheHits', nodeDimension('-001')],
      cacheHits2: ['CacheHits', nodeDimension('-002')],
      cacheMisses1: ['CacheMisses', nodeDimension('-001')],
      cacheMisses2: ['CacheMisses', nodeDimension('-002')],
    });
  });

  it('watches no node the replication group does not have', () => {
    const suffixes = Object.values<any>(template.toJSON().Resources)
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm' && String(r.Properties.AlarmName).startsWith('showcore-elasticache-'))
      .flatMap((r) => r.Properties.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.Dimensions[0].Value['Fn::Join'][1][1]));
    expect(new Set(suffixes)).toEqual(new Set(['-001', '-002']));
  });
});

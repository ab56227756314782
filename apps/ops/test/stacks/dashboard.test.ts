import { onlyResource, ssmRef } from '@showcore/testing';
import { synthesizeEnvironment } from '../helpers';

/** Task 10.2's metrics, with the spec README's correction for interface endpoints (AWS/PrivateLinkEndpoints). */
const TASK_10_2: Record<string, string[]> = {
  'AWS/RDS': ['CPUUtilization', 'DatabaseConnections', 'ReadLatency', 'WriteLatency', 'FreeStorageSpace'],
  'AWS/ElastiCache': ['CPUUtilization', 'DatabaseMemoryUsagePercentage', 'Evictions', 'CacheHits', 'CacheMisses'],
  'AWS/S3': ['BucketSizeBytes', 'NumberOfObjects', '4xxErrors', '5xxErrors'],
  // CacheHitRate only with additional metrics on (see below).
  'AWS/CloudFront': ['Requests', 'BytesDownloaded', '4xxErrorRate', '5xxErrorRate'],
};
const ENDPOINT_METRICS = ['ActiveConnections', 'NewConnections', 'BytesProcessed', 'PacketsDropped'];

interface Widget {
  readonly type: string;
  readonly properties: Record<string, any>;
}

describe('ShowCore Phase 1 dashboard (dev)', () => {
  const template = synthesizeEnvironment('dev').template('Ops');
  const dashboard = onlyResource(template, 'AWS::CloudWatch::Dashboard').properties;
  // The body is a Fn::Join of JSON text around deploy-time values: resolve those to markers, then parse it.
  const refs = new Map<string, string>();
  const body = JSON.parse(
    (dashboard.DashboardBody['Fn::Join'][1] as unknown[])
      .map((part) => {
        if (typeof part === 'string') return part;
        const marker = `<${JSON.stringify(part).replace(/"/g, "'")}>`;
        refs.set(marker, JSON.stringify(part));
        return marker;
      })
      .join(''),
  ) as { widgets: Widget[] };
  const graphs = body.widgets.filter((w) => w.type === 'metric');
  const marker = (value: object) => `<${JSON.stringify(value).replace(/"/g, "'")}>`;
  /** [namespace, metricName, dimension name/value pairs…] of every plotted or referenced metric. */
  const metrics = graphs.flatMap((g) => (g.properties.metrics as unknown[][]).filter((m) => typeof m[0] === 'string' && typeof m[1] === 'string'));

  it('is named by the naming rule', () => {
    expect(dashboard.DashboardName).toBe('showcore-phase1-dev-dashboard');
  });

  it.each(Object.entries(TASK_10_2).flatMap(([namespace, names]) => names.map((name) => [namespace, name])))('charts %s %s', (namespace, name) => {
    expect(metrics.some((m) => m[0] === namespace && m[1] === name)).toBe(true);
  });

  it.each(ENDPOINT_METRICS)("charts every interface endpoint's %s with a SEARCH filtered by the VPC id from SSM", (name) => {
    const vpc = marker(ssmRef(template, 'dev', 'vpcId'));
    const expressions = graphs.flatMap((g) => (g.properties.metrics as any[][]).map((m) => m[0]?.expression).filter(Boolean));
    expect(expressions).toContainEqual(
      expect.stringContaining(
        `SEARCH('{AWS/PrivateLinkEndpoints,"Endpoint Type","Service Name","VPC Endpoint Id","VPC Id"} MetricName="${name}" "VPC Id"="${vpc}"'`,
      ),
    );
  });

  it('resolves the dimensions from the SSM values the stack reads', () => {
    const dimensionOf = (namespace: string, dimension: string) => metrics.filter((m) => m[0] === namespace).map((m) => m[m.indexOf(dimension) + 1]);
    expect(new Set(dimensionOf('AWS/RDS', 'DBInstanceIdentifier'))).toEqual(new Set([marker(ssmRef(template, 'dev', 'dbInstanceId'))]));
    expect(new Set(dimensionOf('AWS/CloudFront', 'DistributionId'))).toEqual(new Set([marker(ssmRef(template, 'dev', 'distributionId'))]));
    expect(new Set(dimensionOf('AWS/S3', 'BucketName'))).toEqual(
      new Set([marker(ssmRef(template, 'dev', 'staticAssetsBucketName')), marker(ssmRef(template, 'dev', 'backupsBucketName'))]),
    );
  });

  it('reads CloudFront and billing metrics from us-east-1', () => {
    for (const m of metrics.filter((x) => x[0] === 'AWS/CloudFront' || x[0] === 'AWS/Billing')) {
      expect((m[m.length - 1] as any).region).toBe('us-east-1');
    }
  });

  it("draws each alarm's threshold on a graph of the alarm's own series", () => {
    const annotations = graphs.flatMap((g) => (g.properties.annotations?.horizontal ?? []).map((a: any) => [a.label, a.value]));
    expect(annotations).toEqual(
      expect.arrayContaining([
        ['showcore-rds-dev-cpu-high > 80', 80],
        ['showcore-rds-dev-storage-high < 15', 15],
        ['showcore-elasticache-dev-cache-hit-low < 80', 80],
        ['showcore-s3-dev-5xx-errors > 1', 1],
        ['showcore-billing-dev-50 > 50', 50],
        ['showcore-billing-dev-100 > 100', 100],
      ]),
    );
    const alarmCount = Object.values<any>(template.toJSON().Resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm').length;
    expect(new Set(annotations.map(([label]) => label.split(' ')[0])).size).toBe(alarmCount);
  });

  it('lists every alarm of the stack in the status widget', () => {
    const status = body.widgets.filter((w) => w.type === 'alarm');
    expect(status).toHaveLength(1);
    expect(status[0].properties.alarms).toHaveLength(13);
  });

  it('draws no CloudFront cache hit rate: without additional metrics CloudFront never publishes it', () => {
    expect(metrics.some((m) => m[0] === 'AWS/CloudFront' && m[1] === 'CacheHitRate')).toBe(false);
  });

  it('charts AWS Backup failed jobs under whichever dimensions AWS Backup publishes them', () => {
    const expressions = graphs.flatMap((g) => (g.properties.metrics as any[][]).map((m) => m[0]?.expression).filter(Boolean));
    expect(expressions).toContain(`SEARCH('{AWS/Backup} MetricName="NumberOfBackupJobsFailed"', 'Sum', 3600)`);
  });

  it('has a band per tier', () => {
    const headings = body.widgets.filter((w) => w.type === 'text').map((w) => w.properties.markdown.split('\n')[0]);
    expect(headings).toEqual([
      '# ShowCore Phase 1 (dev)',
      '## Data tier: RDS PostgreSQL',
      '## Data tier: ElastiCache Redis',
      '## Edge tier: S3 buckets',
      '## Edge tier: CloudFront (us-east-1)',
      '## Network tier: interface VPC endpoints (every endpoint in the VPC)',
      '## Ops tier: backups and billing',
    ]);
  });
});

describe('ShowCore Phase 1 dashboard (hardened profile)', () => {
  const template = synthesizeEnvironment('prod', 'hardened').template('Ops');
  const body = JSON.stringify(onlyResource(template, 'AWS::CloudWatch::Dashboard').properties.DashboardBody);

  it('charts CloudFront CacheHitRate, which the hardened distribution publishes with additional metrics', () => {
    expect(body).toContain('\\"AWS/CloudFront\\",\\"CacheHitRate\\"');
  });

  it('charts the cache hits and misses of both Redis nodes', () => {
    for (const label of ['CacheHits node 001', 'CacheHits node 002', 'CacheMisses node 001', 'CacheMisses node 002']) expect(body).toContain(label);
  });
});

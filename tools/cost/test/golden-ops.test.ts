/**
 * Golden tests of monitoring, security and storage charges, computed by hand: alarm $0.10 per metric (first 10
 * free account-wide), high-resolution $0.30, dashboard $3 (first 3 free), secret $0.40, KMS key $1, Config item
 * $0.003, CloudTrail additional copy $2 per 100,000 events, custom metric $0.30 (first 10 free), WAF $5 + $1/rule.
 */
import { alarm, alarms, fixedOf, reportOf } from './fixtures';

describe('CloudWatch alarms and dashboards', () => {
  it('applies the 10 free alarm metrics once to the total and shows it', () => {
    // 12 alarms × $0.10 = $1.20; the first 10 free: -$1.00 in both columns → $0.20.
    const report = reportOf({ ops: alarms(12) });
    expect(report.lines).toHaveLength(12);
    expect(report.lines.every((l) => l.monthly === 0.1)).toBe(true);
    expect(report.allowances).toEqual([
      expect.objectContaining({ key: 'cloudwatch.alarm-metrics', kind: 'always-free', covered: 10, payAsYouGo: -1, legacyFreeTier: -1 }),
    ]);
    expect(report.totals).toMatchObject({ payAsYouGo: 0.2, legacyFreeTier: 0.2 });
  });

  it('applies the allowance across tiers, not once per tier', () => {
    // 6 + 6 alarms in two tiers: still only 10 free → $0.20.
    expect(reportOf({ data: alarms(6), ops: alarms(6) }).totals.payAsYouGo).toBe(0.2);
  });

  it('counts each MetricStat of a metric-math alarm, three metrics for an anomaly band, and prices high resolution', () => {
    const stat = (id: string, period = 300) => ({
      Id: id,
      MetricStat: { Metric: { MetricName: 'X', Namespace: 'N' }, Period: period, Stat: 'Sum' },
      ReturnData: false,
    });
    const report = reportOf({
      ops: {
        Math: alarm({ MetricName: undefined, Period: undefined, Metrics: [stat('a'), stat('b'), { Id: 'e', Expression: 'a/b', ReturnData: true }] }),
        Anomaly: alarm({ MetricName: undefined, Period: undefined, Metrics: [stat('m'), { Id: 'band', Expression: 'ANOMALY_DETECTION_BAND(m, 2)' }] }),
        Fast: alarm({ Period: 10 }),
      },
    });
    // 2 metrics = $0.20; 3 metrics = $0.30; 1 high-resolution metric = $0.30.
    expect(report.lines.map((l) => [l.logicalId, l.priceKey, l.quantity, l.monthly])).toEqual([
      ['Math', 'cloudwatch.alarm.standard', 2, 0.2],
      ['Anomaly', 'cloudwatch.alarm.standard', 3, 0.3],
      ['Fast', 'cloudwatch.alarm.high-resolution', 1, 0.3],
    ]);
    // 5 standard metrics are all free; the high-resolution one is not: total $0.30.
    expect(report.totals.payAsYouGo).toBe(0.3);
  });

  it('charges the fourth dashboard', () => {
    // 4 × $3 = $12; 3 free: -$9 → $3.
    const dashboard = { Type: 'AWS::CloudWatch::Dashboard', Properties: { DashboardBody: '{}' } };
    const report = reportOf({ ops: { D1: dashboard, D2: dashboard, D3: dashboard, D4: dashboard } });
    expect(report.totals.fixed).toBe(12);
    expect(report.totals.payAsYouGo).toBe(3);
  });
});

describe('security and audit', () => {
  it('prices a secret at $0.40 and a customer-managed key at $1.00 a month', () => {
    const report = reportOf({
      data: { Secret: { Type: 'AWS::SecretsManager::Secret', Properties: {} }, Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } } },
    });
    expect(fixedOf(report, 'Secret')).toBe(0.4);
    expect(fixedOf(report, 'Key')).toBe(1);
    expect(report.lines.find((l) => l.logicalId === 'Key')?.notes[0]).toContain('rotation');
  });

  it('prices AWS Config by configuration item, continuous or daily', () => {
    // continuous: 500 items × $0.003 = $1.50; daily: 100 items × $0.012 = $1.20.
    const report = reportOf(
      {
        ops: {
          Continuous: { Type: 'AWS::Config::ConfigurationRecorder', Properties: {} },
          Daily: { Type: 'AWS::Config::ConfigurationRecorder', Properties: { RecordingMode: { RecordingFrequency: 'DAILY' } } },
        },
      },
      { 'config.configurationItems': 500, 'config.periodicConfigurationItems': 100 },
    );
    expect(report.lines.map((l) => [l.logicalId, l.monthly, l.usage])).toEqual([
      ['Continuous', 1.5, true],
      ['Daily', 1.2, true],
    ]);
  });

  it('gives the first trail its free copy of management events and charges the second', () => {
    // 50,000 events = 0.5 × 100k; first copy $0; second copy 0.5 × $2.00 = $1.00.
    const trail = { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: 'b' } };
    const report = reportOf({ ops: { First: trail, Second: trail } }, { 'cloudtrail.managementEvents': 50000 });
    expect(report.lines.map((l) => [l.logicalId, l.priceKey, l.monthly])).toEqual([
      ['First', 'cloudtrail.management-events.first-copy.100k', 0],
      ['Second', 'cloudtrail.management-events.additional-copy.100k', 1],
    ]);
  });

  it('charges the code-defined trail when a trail made by hand already records management events', () => {
    const report = reportOf(
      { ops: { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: {} } } },
      { 'cloudtrail.existingTrailsInAccount': 1, 'cloudtrail.managementEvents': 50000 },
    );
    expect(report.totals.payAsYouGo).toBe(1);
  });

  it('prices a WAF web ACL with three managed rule groups at $8.00 plus requests', () => {
    // $5 + 3 × $1 = $8.00 fixed; 1,000,000 requests × $0.60 per million = $0.60 usage.
    const rule = (name: string) => ({ Name: name, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } } });
    const report = reportOf(
      { edge: { Acl: { Type: 'AWS::WAFv2::WebACL', Properties: { Scope: 'CLOUDFRONT', Rules: [rule('A'), rule('B'), rule('C')] } } } },
      { 'cloudfront.requests': 1e6 },
    );
    expect(report.totals).toMatchObject({ fixed: 8, usage: 0.6 });
  });
});

describe('storage and logs', () => {
  it('bills S3 request metrics as custom metrics after the 10 free', () => {
    // 2 buckets × 1 filter × 8 metrics = 16 × $0.30 = $4.80; 10 free: -$3.00 → $1.80 (plus tiny request/storage lines).
    const bucket = { Type: 'AWS::S3::Bucket', Properties: { MetricsConfigurations: [{ Id: 'EntireBucket' }] } };
    const report = reportOf({ edge: { A: bucket, B: bucket } }, { 's3.storageGbPerBucket': 0, 's3.putRequestsPerBucket': 0, 's3.getRequestsPerBucket': 0 });
    expect(report.lines.filter((l) => l.priceKey === 'cloudwatch.custom-metric').map((l) => l.monthly)).toEqual([2.4, 2.4]);
    expect(report.totals.payAsYouGo).toBe(1.8);
  });

  it('prices a log group by its ingestion and its retention, inside the 5 free GB', () => {
    // 2 GB ingested × $0.50 = $1.00; stored 2 GB × 30/30 months × $0.03 = $0.06; 5 GB free covers the ingestion.
    const report = reportOf({ ops: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } } } }, { 'logs.ingestedGbPerLogGroup': 2 });
    expect(report.lines.map((l) => [l.priceKey, l.monthly])).toEqual([
      ['logs.ingest.standard.gb', 1],
      ['logs.storage.gb-month', 0.06],
    ]);
    expect(report.totals.payAsYouGo).toBe(0.06);
  });

  it('prices a flow log on the log group it delivers to, at the flow-log volume', () => {
    // 3 GB × $0.50 (vended) = $1.50; the flow log itself is free.
    const report = reportOf(
      {
        network: {
          FlowLogs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } },
          FlowLog: { Type: 'AWS::EC2::FlowLog', Properties: { LogGroupName: { Ref: 'FlowLogs' }, ResourceType: 'VPC' } },
        },
      },
      { 'logs.flowLogGbPerFlowLog': 3 },
    );
    expect(report.lines[0]).toMatchObject({ logicalId: 'FlowLogs', priceKey: 'logs.ingest.vended.gb', monthly: 1.5 });
    expect(report.free.map((f) => f.logicalId)).toEqual(['FlowLog']);
  });

  it('treats a custom-resource handler as free and other functions as usage', () => {
    const report = reportOf({
      ops: {
        Handler: { Type: 'AWS::Lambda::Function', Properties: {} },
        Custom: { Type: 'Custom::Thing', Properties: { ServiceToken: { 'Fn::GetAtt': ['Handler', 'Arn'] } } },
        App: { Type: 'AWS::Lambda::Function', Properties: {} },
      },
    });
    expect(report.free.map((f) => f.logicalId)).toEqual(['Handler', 'Custom']);
    expect(report.lines.map((l) => [l.logicalId, l.usage])).toEqual([['App', true]]);
  });
});

describe('GuardDuty', () => {
  it('prices a detector on the foundational sources: management events at $4 per million, flow and DNS logs at $1 per GB', () => {
    // 50,000 events × $4 / 1,000,000 = $0.20; 1 GB × $1 = $1.00.
    const report = reportOf(
      { ops: { Detector: { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: true, Features: [{ Name: 'RDS_LOGIN_EVENTS', Status: 'DISABLED' }] } } } },
      { 'cloudtrail.managementEvents': 50000, 'guardDuty.flowAndDnsLogGb': 1 },
    );
    expect(report.lines.map((l) => [l.priceKey, l.monthly])).toEqual([
      ['guardduty.management-events.1m', 0.2],
      ['guardduty.flow-dns-logs.gb', 1],
    ]);
    expect(report.lines[0].notes).toEqual(['each account gets a 30-day free trial the first time GuardDuty is enabled']);
  });
});

describe('scheduled functions that publish custom metrics', () => {
  it("counts the schedule's invocations and prices each published metric and its PutMetricData calls", () => {
    // rate(5 minutes) over 730 h = 8,760 invocations; 1 custom metric $0.30; 8,760 PutMetricData = 8.76 × $0.01.
    const report = reportOf({
      ops: {
        Fn: { Type: 'AWS::Lambda::Function', Properties: {}, Metadata: { 'showcore:custom-metrics': 1 } },
        Schedule: {
          Type: 'AWS::Events::Rule',
          Properties: { ScheduleExpression: 'rate(5 minutes)', Targets: [{ Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] }, Id: 'Target0' }] },
        },
      },
    });
    expect(report.lines.map((l) => [l.priceKey, l.quantity])).toEqual([
      ['lambda.requests.1m', 0.00876],
      ['cloudwatch.custom-metric', 1],
      ['cloudwatch.put-metric-data.1k', 8.76],
    ]);
    expect(report.lines[0].basis).toContain('every 5 minutes');
    expect(fixedOf(report, 'Fn')).toBe(0.3);
  });
});

describe('CloudFront additional metrics', () => {
  it('prices an enabled monitoring subscription as 8 custom metrics ($2.40) and a disabled one at nothing', () => {
    const subscription = (status: string) => ({
      Type: 'AWS::CloudFront::MonitoringSubscription',
      Properties: {
        DistributionId: { Ref: 'Cdn' },
        MonitoringSubscription: { RealtimeMetricsSubscriptionConfig: { RealtimeMetricsSubscriptionStatus: status } },
      },
    });
    const report = reportOf({ edge: { On: subscription('Enabled'), Off: subscription('Disabled') } });
    expect(report.lines.map((l) => [l.logicalId, l.priceKey, l.quantity, l.monthly])).toEqual([['On', 'cloudwatch.custom-metric', 8, 2.4]]);
    expect(fixedOf(report, 'On')).toBe(2.4);
  });
});

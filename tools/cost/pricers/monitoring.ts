import { display, refersTo, resourcesOfType } from '../template';
import { count, fixed, usage, type Pricer } from './types';

/**
 * CloudWatch bills alarms per metric they evaluate: one for a plain alarm, each MetricStat of a metric-math
 * alarm, three for an anomaly-detection band; alarms on a period under 60 s are high-resolution. The 10 free
 * alarm metrics are an account-wide allowance, applied once to the total.
 */
const alarm: Pricer = ({ props, logicalId }) => {
  const metrics = props.list('Metrics');
  const stats = metrics.filter((m) => m.MetricStat);
  const anomaly = metrics.some((m) => typeof m.Expression === 'string' && /ANOMALY_DETECTION_BAND/i.test(m.Expression));
  const metricCount = Math.max(1, stats.length) * (anomaly ? 3 : 1);
  const periods = [props.number('Period'), ...stats.map((m) => Number(m.MetricStat.Period))].filter((p): p is number => Number.isFinite(p));
  const highResolution = periods.some((p) => p < 60);
  const name = display(props.raw('AlarmName')) || logicalId;
  const kind = anomaly ? 'anomaly-detection alarm' : highResolution ? 'high-resolution alarm' : 'alarm';
  return {
    resource: `Alarm ${name}`,
    charges: [
      fixed(
        highResolution ? 'cloudwatch.alarm.high-resolution' : 'cloudwatch.alarm.standard',
        metricCount,
        `${metricCount} ${kind} metric${metricCount === 1 ? '' : 's'}`,
      ),
    ],
  };
};

const compositeAlarm: Pricer = ({ props, logicalId }) => ({
  resource: `Composite alarm ${display(props.raw('AlarmName')) || logicalId}`,
  charges: [fixed('cloudwatch.alarm.composite', 1, '1 composite alarm')],
});

const dashboard: Pricer = ({ props, logicalId }) => ({
  resource: `Dashboard ${display(props.raw('DashboardName')) || logicalId}`,
  charges: [fixed('cloudwatch.dashboard', 1, '1 dashboard')],
});

/** Flow logs of this template that deliver into the log group `logicalId`. */
function flowLogsInto(template: Parameters<typeof resourcesOfType>[0], logicalId: string): number {
  return resourcesOfType(template, 'AWS::EC2::FlowLog').filter(([, p]) => refersTo(p.LogGroupName, logicalId) || refersTo(p.LogDestination, logicalId)).length;
}

/** Ingestion (assumed volume) plus storage for as long as the retention keeps it. */
const logGroup: Pricer = ({ props, logicalId, template, assumptions }) => {
  const flowLogs = flowLogsInto(template, logicalId);
  const infrequent = props.string('LogGroupClass') === 'INFREQUENT_ACCESS';
  const gb = flowLogs > 0 ? flowLogs * assumptions['logs.flowLogGbPerFlowLog'] : assumptions['logs.ingestedGbPerLogGroup'];
  const assumption = flowLogs > 0 ? 'logs.flowLogGbPerFlowLog' : 'logs.ingestedGbPerLogGroup';
  const ingestKey = flowLogs > 0 ? 'logs.ingest.vended.gb' : infrequent ? 'logs.ingest.infrequent-access.gb' : 'logs.ingest.standard.gb';
  const retentionDays = props.number('RetentionInDays');
  const months = retentionDays !== undefined ? retentionDays / 30 : assumptions['logs.monthsKeptWhenNeverExpire'];
  const kept = retentionDays !== undefined ? `${retentionDays} days` : `never expires; logs.monthsKeptWhenNeverExpire`;
  return {
    resource: `Log group ${display(props.raw('LogGroupName')) || logicalId}${flowLogs > 0 ? ' (VPC flow logs)' : ''}`,
    charges: [
      usage(ingestKey, gb, `${count(gb)} GB ingested (${assumption})`),
      usage('logs.storage.gb-month', gb * months, `${count(gb)} GB × ${count(months)} months kept (${kept})`),
    ],
    notes: ['storage is billed compressed, so the storage figure is an upper bound'],
  };
};

const flowLog: Pricer = ({ props, assumptions }) => {
  const destinationType = props.string('LogDestinationType') ?? 'cloud-watch-logs';
  if (destinationType !== 'cloud-watch-logs')
    return { resource: `VPC flow log to ${destinationType}`, charges: [], unpriced: `flow logs delivered to ${destinationType} are not priced` };
  const group = [props.raw('LogGroupName'), props.raw('LogDestination')].find((v) => v && typeof v === 'object');
  if (group) return { resource: 'VPC flow log', charges: [], free: 'its ingestion is priced on the log group it delivers to' };
  const gb = assumptions['logs.flowLogGbPerFlowLog'];
  return {
    resource: 'VPC flow log (log group outside this template)',
    charges: [usage('logs.ingest.vended.gb', gb, `${count(gb)} GB ingested (logs.flowLogGbPerFlowLog)`)],
  };
};

const EMAIL_PROTOCOLS = new Set(['email', 'email-json']);

/** Publishes plus email deliveries (one per email subscription per message). */
const snsTopic: Pricer = ({ props, logicalId, template, assumptions }) => {
  const publishes = assumptions['sns.publishesPerTopic'];
  const inline = props.list('Subscription').filter((s) => EMAIL_PROTOCOLS.has(s.Protocol)).length;
  const separate = resourcesOfType(template, 'AWS::SNS::Subscription').filter(
    ([, p]) => EMAIL_PROTOCOLS.has(p.Protocol) && refersTo(p.TopicArn, logicalId),
  ).length;
  const emails = inline + separate;
  const charges = [usage('sns.publish.1m', publishes / 1e6, `${count(publishes)} publishes (sns.publishesPerTopic)`)];
  if (emails > 0)
    charges.push(usage('sns.email.100k', (publishes * emails) / 1e5, `${count(publishes)} messages × ${emails} email subscription${emails === 1 ? '' : 's'}`));
  return { resource: `SNS topic ${display(props.raw('TopicName')) || logicalId}`, charges };
};

const configRecorder: Pricer = ({ props, assumptions }) => {
  const periodic = props.object('RecordingMode')?.RecordingFrequency === 'DAILY';
  const key = periodic ? 'config.periodicConfigurationItems' : 'config.configurationItems';
  const items = assumptions[key];
  return {
    resource: `AWS Config recorder (${periodic ? 'daily' : 'continuous'} recording)`,
    charges: [usage(periodic ? 'config.item.periodic' : 'config.item.continuous', items, `${count(items)} configuration items (${key})`)],
  };
};

const configRule: Pricer = ({ props, logicalId, assumptions }) => {
  const evaluations = assumptions['config.evaluationsPerRule'];
  return {
    resource: `AWS Config rule ${display(props.raw('ConfigRuleName')) || logicalId}`,
    charges: [usage('config.rule-evaluation', evaluations, `${count(evaluations)} evaluations (config.evaluationsPerRule)`)],
  };
};

/** The first copy of management events in an account is free; every further trail recording them pays. */
const trail: Pricer = ({ props, logicalId, assumptions, scope }) => {
  const position = assumptions['cloudtrail.existingTrailsInAccount'] + scope.trailsSeen++;
  const events = assumptions['cloudtrail.managementEvents'];
  const selectors = props.list('EventSelectors');
  const managementEvents = selectors.length === 0 || selectors.some((s) => s.IncludeManagementEvents !== false);
  const dataEvents = selectors.some((s) => Array.isArray(s.DataResources) && s.DataResources.length > 0) || props.list('AdvancedEventSelectors').length > 0;
  const charges = [];
  if (managementEvents) {
    charges.push(
      position === 0
        ? usage('cloudtrail.management-events.first-copy.100k', events / 1e5, 'first copy of management events (free)')
        : usage(
            'cloudtrail.management-events.additional-copy.100k',
            events / 1e5,
            `${count(events)} events, copy ${position + 1} in the account (cloudtrail.managementEvents)`,
          ),
    );
  }
  if (dataEvents) {
    const n = assumptions['cloudtrail.dataEventsPerTrail'];
    charges.push(usage('cloudtrail.data-events.100k', n / 1e5, `${count(n)} data events (cloudtrail.dataEventsPerTrail)`));
  }
  const notes = ['log files are billed as S3 storage on the trail bucket'];
  if (props.raw('CloudWatchLogsLogGroupArn')) notes.push('delivery to CloudWatch Logs is billed as ingestion on that log group');
  if (props.list('InsightSelectors').length > 0) notes.push('CloudTrail Insights ($0.35 per 100,000 events analyzed) is not priced');
  return { resource: `CloudTrail trail ${display(props.raw('TrailName')) || logicalId}`, charges, notes };
};

export const MONITORING_PRICERS: Record<string, Pricer> = {
  'AWS::CloudWatch::Alarm': alarm,
  'AWS::CloudWatch::CompositeAlarm': compositeAlarm,
  'AWS::CloudWatch::Dashboard': dashboard,
  'AWS::Logs::LogGroup': logGroup,
  'AWS::EC2::FlowLog': flowLog,
  'AWS::SNS::Topic': snsTopic,
  'AWS::Config::ConfigurationRecorder': configRecorder,
  'AWS::Config::ConfigRule': configRule,
  'AWS::CloudTrail::Trail': trail,
};

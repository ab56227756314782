import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/**
 * The deploy-time values the alarms and the dashboard are built from: the other tiers' identifiers, read from
 * SSM, and this tier's own names. A metric spec names the input, never a literal id, so the same table serves
 * every environment.
 */
export interface MonitoringInputs {
  /** RDS instance identifier (data tier). */
  readonly dbInstanceId: string;
  /** Allocated RDS storage in GB, as the string SSM holds (data tier). */
  readonly dbAllocatedStorageGb: string;
  /**
   * The Redis replication group id (data tier). Node metrics are per cache cluster: `<group>-001`, `-002`, …;
   * which of them is the primary changes with every failover.
   */
  readonly redisReplicationGroupId: string;
  readonly staticAssetsBucketName: string;
  readonly backupsBucketName: string;
  readonly distributionId: string;
  readonly vpcId: string;
}

export type InputKey = keyof MonitoringInputs;

/** A dimension value taken from {@link MonitoringInputs} at build time, optionally with a suffix (a node number). */
export interface FromInput {
  readonly from: InputKey;
  readonly suffix?: string;
}

export const input = (key: InputKey, suffix?: string): FromInput => (suffix === undefined ? { from: key } : { from: key, suffix });

/** One CloudWatch metric, its dimensions either literal or taken from the inputs. */
export interface MetricSpec {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string | FromInput>>;
  readonly statistic: string;
  readonly label?: string;
  /**
   * Region the metric lives in, when it is not the stack's (CloudFront and billing metrics exist only in us-east-1).
   * Only dashboards may use it: an alarm must be in the metric's region.
   */
  readonly region?: string;
}

/** A metric-math expression over named metrics; `{inputKey}` in the expression is replaced by that input. */
export interface MathSpec {
  readonly expression: string;
  readonly metrics: Readonly<Record<string, MetricSpec>>;
  readonly label: string;
}

export type SeriesSpec = MetricSpec | MathSpec;

export function isMathSpec(spec: SeriesSpec): spec is MathSpec {
  return 'expression' in spec;
}

/** Inputs a stack has: the us-east-1 billing stack reads none of the other tiers' values. */
export type AvailableInputs = Partial<MonitoringInputs>;

function inputValue(key: string, inputs: AvailableInputs): string {
  const value = inputs[key as InputKey];
  if (value === undefined) {
    throw new Error(`A metric needs the input "${key}", which this stack does not have. Build it in the stack that reads ${key}.`);
  }
  return value;
}

function resolveValue(value: string | FromInput, inputs: AvailableInputs): string {
  return typeof value === 'string' ? value : `${inputValue(value.from, inputs)}${value.suffix ?? ''}`;
}

/** The dimensions of a spec with the inputs filled in. */
export function resolveDimensions(spec: MetricSpec, inputs: AvailableInputs): Record<string, string> {
  return Object.fromEntries(Object.entries(spec.dimensions).map(([name, value]) => [name, resolveValue(value, inputs)]));
}

/** A CloudWatch metric (or math expression) for a spec, over `period`. */
export function toMetric(spec: SeriesSpec, inputs: AvailableInputs, period: Duration): cloudwatch.IMetric {
  if (isMathSpec(spec)) {
    const expression = spec.expression.replace(/\{(\w+)\}/g, (_match, key: string) => inputValue(key, inputs));
    const usingMetrics = Object.fromEntries(Object.entries(spec.metrics).map(([id, metric]) => [id, toMetric(metric, inputs, period)]));
    return new cloudwatch.MathExpression({ expression, usingMetrics, period, label: spec.label });
  }
  return new cloudwatch.Metric({
    namespace: spec.namespace,
    metricName: spec.metricName,
    dimensionsMap: resolveDimensions(spec, inputs),
    statistic: spec.statistic,
    period,
    label: spec.label,
    region: spec.region,
  });
}

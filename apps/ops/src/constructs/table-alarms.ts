import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { EnvironmentName } from '@showcore/naming';
import { alarmConstructId, environmentAlarmName } from '../monitoring/alarm-names';
import type { AlarmRow, AlertTopicName } from '../monitoring/alarm-table';
import { toMetric, type AvailableInputs } from '../monitoring/metric-spec';

export interface TableAlarmsProps {
  readonly environment: EnvironmentName;
  /** The rows of the alarm table this stack holds. */
  readonly rows: readonly AlarmRow[];
  readonly inputs: AvailableInputs;
  /** The topics the rows name; a row whose topic is missing is an error. */
  readonly topics: Partial<Record<AlertTopicName, sns.ITopic>>;
}

const COMPARISON: Record<AlarmRow['comparison'], cloudwatch.ComparisonOperator> = {
  GreaterThanThreshold: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
  LessThanThreshold: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
};

const MISSING: Record<AlarmRow['treatMissingData'], cloudwatch.TreatMissingData> = {
  missing: cloudwatch.TreatMissingData.MISSING,
  notBreaching: cloudwatch.TreatMissingData.NOT_BREACHING,
  breaching: cloudwatch.TreatMissingData.BREACHING,
  ignore: cloudwatch.TreatMissingData.IGNORE,
};

/** What tableAlarms builds. */
export interface TableAlarms {
  /** The alarms by spec name. */
  readonly alarms: Map<string, cloudwatch.Alarm>;
}

/** One CloudWatch alarm per table row, each sending to its row's topic. */
export function tableAlarms(scope: Construct, id: string, props: TableAlarmsProps): TableAlarms {
  const construct = new Construct(scope, id);
  const alarms = new Map<string, cloudwatch.Alarm>();
  for (const row of props.rows) {
    const topic = props.topics[row.topic];
    if (!topic) throw new Error(`Alarm ${row.specName} sends to the ${row.topic} topic, which this stack does not have.`);
    const alarm = new cloudwatch.Alarm(construct, alarmConstructId(row.specName), {
      alarmName: environmentAlarmName(row.specName, props.environment),
      alarmDescription: `${row.meaning} First action: ${row.firstAction} Runbook: docs/runbooks/alarm-response.md#${row.runbookAnchor}`,
      metric: toMetric(row.series, props.inputs, Duration.seconds(row.periodSeconds)),
      threshold: row.threshold,
      evaluationPeriods: row.evaluationPeriods,
      datapointsToAlarm: row.datapointsToAlarm,
      comparisonOperator: COMPARISON[row.comparison],
      treatMissingData: MISSING[row.treatMissingData],
    });
    alarm.addAlarmAction(new actions.SnsAction(topic));
    alarms.set(row.specName, alarm);
  }
  return { alarms };
}

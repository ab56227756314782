import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { resourceName, type EnvironmentName } from '@showcore/naming';
import { environmentAlarmName } from '../monitoring/alarm-names';
import type { AlarmRow } from '../monitoring/alarm-table';
import { dashboardLayout, type DashboardOptions } from '../monitoring/dashboard-table';
import { toMetric, type MonitoringInputs } from '../monitoring/metric-spec';

export interface Phase1DashboardProps {
  readonly environment: EnvironmentName;
  /** Every alarm row, including the billing rows of the us-east-1 stack (their thresholds are drawn too). */
  readonly rows: readonly AlarmRow[];
  readonly inputs: MonitoringInputs;
  /**
   * Names of the alarms of this stack, for the status widget at the top. Names, not the alarms: the widget then
   * needs no Fn::GetAtt on them, which the local emulator (it skips alarms) cannot resolve.
   */
  readonly alarmNames: readonly string[];
  /** The other tiers' resources the layout depends on (the ops config's `monitoredResources`). */
  readonly monitored: DashboardOptions;
}

const GRAPH = { width: 6, height: 6 };
const SYMBOL: Record<AlarmRow['comparison'], string> = { GreaterThanThreshold: '>', LessThanThreshold: '<' };

/**
 * ShowCore-Phase1-Dashboard (tasks.md 10.2), named by the naming rule (showcore-phase1-<env>-dashboard): alarm
 * states on top, then one band per tier with every task 10.2 metric and each alarm's threshold on its graph.
 */
export function phase1Dashboard(scope: Construct, id: string, props: Phase1DashboardProps): cloudwatch.Dashboard {
  const annotation = (specName: string): cloudwatch.HorizontalAnnotation => {
    const row = props.rows.find((r) => r.specName === specName);
    if (!row) throw new Error(`No alarm row ${specName} to annotate the dashboard with.`);
    return { value: row.threshold, label: `${environmentAlarmName(row.specName, props.environment)} ${SYMBOL[row.comparison]} ${row.threshold}` };
  };
  const dashboard = new cloudwatch.Dashboard(scope, id, {
    dashboardName: resourceName('phase1', props.environment, 'dashboard'),
    defaultInterval: Duration.days(1),
  });
  dashboard.addWidgets(
    new cloudwatch.TextWidget({
      markdown: `# ShowCore Phase 1 (${props.environment})\nAlarm thresholds are drawn on their graphs. What to do when one fires: docs/runbooks/alarm-response.md.`,
      width: 24,
      height: 2,
    }),
  );
  const stack = Stack.of(scope);
  const alarms = props.alarmNames.map((alarmName) =>
    cloudwatch.Alarm.fromAlarmArn(
      scope,
      `${id}${alarmName}`,
      stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: alarmName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
    ),
  );
  dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms, width: 24, height: 3 }));
  for (const band of dashboardLayout(props.rows, props.monitored)) {
    dashboard.addWidgets(new cloudwatch.TextWidget({ markdown: `## ${band.heading}`, width: 24, height: 1 }));
    dashboard.addWidgets(
      ...band.graphs.map(
        (graph) =>
          new cloudwatch.GraphWidget({
            ...GRAPH,
            title: graph.title,
            left: graph.series.map((series) => toMetric(series, props.inputs, Duration.seconds(graph.periodSeconds ?? 300))),
            leftAnnotations: (graph.annotate ?? []).map(annotation),
          }),
      ),
    );
  }
  return dashboard;
}

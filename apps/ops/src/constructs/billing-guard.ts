import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as ce from 'aws-cdk-lib/aws-ce';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { resourceName, type EnvironmentName } from '@showcore/naming';
import type { OpsConfig } from '../config';
import { alarmTable } from '../monitoring/alarm-table';
import { alertTopic } from './alert-topic';
import { tableAlarms, type TableAlarms } from './table-alarms';

export interface BillingGuardProps {
  readonly environment: EnvironmentName;
  readonly config: OpsConfig;
  /** Key of the billing topic (the `customer-managed` choice); it must admit TOPIC_PUBLISHERS.billing. @default - unencrypted */
  readonly masterKey?: kms.IKey;
}

/** What billingGuard builds. */
export interface BillingGuard {
  readonly topic: sns.Topic;
  readonly alarms: TableAlarms;
}

/**
 * The billing topic, the billing rows of the alarm table, an AWS Budgets budget and a Cost Anomaly Detection
 * monitor. `AWS/Billing EstimatedCharges` exists only in us-east-1 (and only once billing alerts are enabled on
 * the account), so this construct always lives in a us-east-1 stack.
 */
export function billingGuard(scope: Construct, id: string, props: BillingGuardProps): BillingGuard {
  const construct = new Construct(scope, id);
  const { environment, config } = props;
  const topic = alertTopic(construct, 'BillingAlertsTopic', { environment, name: 'billing', emails: config.alertEmails.billing, masterKey: props.masterKey });
  // Budgets and Cost Anomaly Detection check they may publish (the topic's policy) when they are created.
  const topicPolicy = topic.node.findChild('Policy');
  const alarms = tableAlarms(construct, 'Alarms', {
    environment,
    rows: alarmTable(config.billing).filter((row) => row.section === 'billing'),
    inputs: {},
    topics: { billing: topic },
  });

  if (config.billing.budget) {
    const budget = new budgets.CfnBudget(construct, 'MonthlyBudget', {
      budget: {
        budgetName: resourceName('billing', environment, 'monthly-budget'),
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: config.billing.budgetMonthlyUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [
        ['ACTUAL', 80],
        ['FORECASTED', 100],
      ].map(([notificationType, threshold]) => ({
        notification: {
          notificationType: String(notificationType),
          comparisonOperator: 'GREATER_THAN',
          threshold: Number(threshold),
          thresholdType: 'PERCENTAGE',
        },
        subscribers: [{ subscriptionType: 'SNS', address: topic.topicArn }],
      })),
    });
    budget.node.addDependency(topicPolicy);
  }

  if (config.billing.anomalyDetection) {
    // A custom monitor on the Project cost allocation tag: an account holds only one AWS-services monitor, and
    // this one can exist once per environment.
    const monitor = new ce.CfnAnomalyMonitor(construct, 'CostAnomalyMonitor', {
      monitorName: resourceName('billing', environment, 'anomaly-monitor'),
      monitorType: 'CUSTOM',
      monitorSpecification: JSON.stringify({ Tags: { Key: 'Project', Values: ['ShowCore'], MatchOptions: ['EQUALS'] } }),
    });
    const subscription = new ce.CfnAnomalySubscription(construct, 'CostAnomalySubscription', {
      subscriptionName: resourceName('billing', environment, 'anomaly-subscription'),
      monitorArnList: [monitor.attrMonitorArn],
      // SNS subscribers take only immediate alerts.
      frequency: 'IMMEDIATE',
      subscribers: [{ type: 'SNS', address: topic.topicArn }],
      thresholdExpression: JSON.stringify({
        Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: [String(config.billing.anomalyThresholdUsd)] },
      }),
    });
    subscription.node.addDependency(topicPolicy);
  }
  return { topic, alarms };
}

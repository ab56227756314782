import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as ce from 'aws-cdk-lib/aws-ce';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { resourceName, type EnvironmentName } from '@showcore/naming';
import type { OpsConfig } from '../config';
import { alarmTable } from '../monitoring/alarm-table';
import { alertTopic } from './alert-topic';
import { TableAlarms } from './table-alarms';

export interface BillingGuardProps {
  readonly environment: EnvironmentName;
  readonly config: OpsConfig;
  /** Key of the billing topic (the `customer-managed` choice); it must admit TOPIC_PUBLISHERS.billing. @default - unencrypted */
  readonly masterKey?: kms.IKey;
}

/**
 * The billing topic, the billing rows of the alarm table, an AWS Budgets budget and a Cost Anomaly Detection
 * monitor. `AWS/Billing EstimatedCharges` exists only in us-east-1 (and only once billing alerts are enabled on
 * the account), so this construct always lives in a us-east-1 stack.
 */
export class BillingGuard extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: TableAlarms;

  /** The topic's policy: Budgets and Cost Anomaly Detection check they may publish when they are created. */
  private topicPolicy(): Construct {
    return this.topic.node.findChild('Policy') as Construct;
  }

  constructor(scope: Construct, id: string, props: BillingGuardProps) {
    super(scope, id);
    const { environment, config } = props;
    this.topic = alertTopic(this, 'BillingAlertsTopic', { environment, name: 'billing', emails: config.alertEmails.billing, masterKey: props.masterKey });
    this.alarms = new TableAlarms(this, 'Alarms', {
      environment,
      rows: alarmTable(config.billing).filter((row) => row.section === 'billing'),
      inputs: {},
      topics: { billing: this.topic },
    });

    if (config.billing.budget) {
      const budget = new budgets.CfnBudget(this, 'MonthlyBudget', {
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
          notification: { notificationType: String(notificationType), comparisonOperator: 'GREATER_THAN', threshold: Number(threshold), thresholdType: 'PERCENTAGE' },
          subscribers: [{ subscriptionType: 'SNS', address: this.topic.topicArn }],
        })),
      });
      budget.node.addDependency(this.topicPolicy());
    }

    if (config.billing.anomalyDetection) {
      // A custom monitor on the Project cost allocation tag: an account holds only one AWS-services monitor, and
      // this one can exist once per environment.
      const monitor = new ce.CfnAnomalyMonitor(this, 'CostAnomalyMonitor', {
        monitorName: resourceName('billing', environment, 'anomaly-monitor'),
        monitorType: 'CUSTOM',
        monitorSpecification: JSON.stringify({ Tags: { Key: 'Project', Values: ['ShowCore'], MatchOptions: ['EQUALS'] } }),
      });
      const subscription = new ce.CfnAnomalySubscription(this, 'CostAnomalySubscription', {
        subscriptionName: resourceName('billing', environment, 'anomaly-subscription'),
        monitorArnList: [monitor.attrMonitorArn],
        // SNS subscribers take only immediate alerts.
        frequency: 'IMMEDIATE',
        subscribers: [{ type: 'SNS', address: this.topic.topicArn }],
        thresholdExpression: JSON.stringify({
          Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: [String(config.billing.anomalyThresholdUsd)] },
        }),
      });
      subscription.node.addDependency(this.topicPolicy());
    }
  }
}

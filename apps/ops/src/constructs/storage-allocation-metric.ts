import { ArnFormat, Duration, Stack, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { functionLogAndRole } from './function-log-and-role';
import { resourceName, type EnvironmentName } from '@showcore/naming';
import { STORAGE_ALLOCATION_METRIC, STORAGE_ALLOCATION_NAMESPACE, STORAGE_ALLOCATION_RATE_MINUTES } from '../monitoring/storage-allocation';

/** `showcore-rds-<env>-allocation-metric`. */
export function storageAllocationFunctionName(environment: EnvironmentName): string {
  return resourceName('rds', environment, 'allocation-metric');
}

export interface StorageAllocationMetricProps {
  readonly environment: EnvironmentName;
  /** The data tier's RDS instance identifier (deploy-time SSM value). */
  readonly dbInstanceId: string;
  readonly logRetentionDays: number;
  readonly removalPolicy: RemovalPolicy;
}

// The runtime's own AWS SDK v3 is enough for two calls: nothing to bundle.
const HANDLER = `
const { RDSClient, DescribeDBInstancesCommand } = require('@aws-sdk/client-rds');
const { CloudWatchClient, PutMetricDataCommand } = require('@aws-sdk/client-cloudwatch');
exports.handler = async () => {
  const id = process.env.DB_INSTANCE_ID;
  const { DBInstances } = await new RDSClient({}).send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
  const gb = DBInstances[0].AllocatedStorage;
  await new CloudWatchClient({}).send(new PutMetricDataCommand({
    Namespace: '${STORAGE_ALLOCATION_NAMESPACE}',
    MetricData: [{ MetricName: '${STORAGE_ALLOCATION_METRIC}', Dimensions: [{ Name: 'DBInstanceIdentifier', Value: id }], Value: gb, Unit: 'Gigabytes' }],
  }));
  return { dbInstanceId: id, allocatedStorageGb: gb };
};
`;

/** What storageAllocationMetric builds. */
export interface StorageAllocationMetric {
  readonly function: lambda.Function;
}

/**
 * `StorageAllocationMetric`: every five minutes a small function reads the instance's allocated storage and
 * publishes it as `ShowCore/RDS AllocatedStorage` (GB). RDS publishes no such metric, and storage autoscaling
 * (data config `database.maxAllocatedStorageGb`) grows the volume without a deploy, so a threshold computed
 * from the configured 20 GB would fall behind: the storage alarm divides `FreeStorageSpace` by this metric.
 * One custom metric and ~8,800 invocations a month (priced by the cost report).
 */
export function storageAllocationMetric(scope: Construct, id: string, props: StorageAllocationMetricProps): StorageAllocationMetric {
  const construct = new Construct(scope, id);
  const stack = Stack.of(construct);
  const functionName = storageAllocationFunctionName(props.environment);
  const { logGroup, role, ownLogs } = functionLogAndRole(construct, {
    functionName,
    roleName: resourceName('rds', props.environment, 'allocation-metric-role'),
    roleDescription: 'ShowCore RDS allocation metric: describe the one instance, publish one metric, write its own log',
    logRetentionDays: props.logRetentionDays,
    removalPolicy: props.removalPolicy,
  });
  role.addToPolicy(ownLogs);
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'DescribeTheInstance',
      actions: ['rds:DescribeDBInstances'],
      resources: [stack.formatArn({ service: 'rds', resource: 'db', resourceName: props.dbInstanceId, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'PublishTheMetric',
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': STORAGE_ALLOCATION_NAMESPACE } },
    }),
  );
  const lambdaFunction = new lambda.Function(construct, 'Function', {
    functionName,
    description: 'ShowCore: publishes the RDS allocated storage (GB) for the free-storage alarm; storage autoscaling changes it',
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    handler: 'index.handler',
    code: lambda.Code.fromInline(HANDLER),
    memorySize: 128,
    timeout: Duration.seconds(30),
    role,
    logGroup,
    environment: { DB_INSTANCE_ID: props.dbInstanceId },
  });
  // Read by the cost report: the metrics this function publishes are billed as custom metrics.
  (lambdaFunction.node.defaultChild as lambda.CfnFunction).addMetadata('showcore:custom-metrics', 1);
  // CDK makes the function wait for the role's policy as well; the role part repeats what the GetAtt orders.
  (lambdaFunction.node.defaultChild as lambda.CfnFunction).addMetadata('cfn-lint', { config: { ignore_checks: ['W3005'] } });
  new events.Rule(construct, 'Schedule', {
    ruleName: resourceName('rds', props.environment, 'allocation-metric-schedule'),
    description: 'ShowCore: measure the RDS allocated storage for the free-storage alarm',
    schedule: events.Schedule.rate(Duration.minutes(STORAGE_ALLOCATION_RATE_MINUTES)),
    targets: [new targets.LambdaFunction(lambdaFunction, { retryAttempts: 0 })],
  });
  Validations.of(lambdaFunction).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      'Node.js 22 like the probe function: the runtime the repository tests on; Lambda supports nodejs22.x until 2027, and moving on is this one setting.',
  });
  const logGroupId = stack.resolve((logGroup.node.defaultChild as logs.CfnLogGroup).logicalId) as string;
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'cloudwatch:PutMetricData takes no resource-level scope; the statement is limited to the ShowCore/RDS namespace by the cloudwatch:namespace condition.',
  });
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logGroupId}.Arn>:*]`,
    reason: "Log streams of the function's own log group only (Lambda names them per execution environment).",
  });
  return { function: lambdaFunction };
}

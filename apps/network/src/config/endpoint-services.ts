/**
 * The AWS services the network tier can reach through an interface VPC endpoint
 * (`com.amazonaws.<region>.<service>`), each with the construct ID its endpoint gets. The spec names the first
 * three IDs (tasks.md 3.3); the others follow the same pattern so adding a service to an environment's
 * `interfaceEndpoints` is a one-line change.
 */
export const INTERFACE_ENDPOINT_SERVICES = {
  logs: { constructId: 'CloudWatchLogsEndpoint', purpose: 'CloudWatch Logs: log delivery from RDS, ElastiCache and future compute' },
  monitoring: { constructId: 'CloudWatchMonitoringEndpoint', purpose: 'CloudWatch metrics and alarms' },
  ssm: { constructId: 'SystemsManagerEndpoint', purpose: 'Systems Manager API (SSM Agent registration, Parameter Store)' },
  ssmmessages: { constructId: 'SystemsManagerMessagesEndpoint', purpose: 'Session Manager sessions (the data channel of a shell)' },
  ec2messages: { constructId: 'Ec2MessagesEndpoint', purpose: 'SSM Agent command channel (Run Command; older agents for Session Manager)' },
  secretsmanager: { constructId: 'SecretsManagerEndpoint', purpose: 'Secrets Manager (database credentials; optional in design.md)' },
  kms: { constructId: 'KmsEndpoint', purpose: 'KMS (customer-managed keys)' },
  sts: { constructId: 'StsEndpoint', purpose: 'STS (assume role, web identity)' },
  'ecr.api': { constructId: 'EcrApiEndpoint', purpose: 'ECR API (container image metadata)' },
  'ecr.dkr': { constructId: 'EcrDockerEndpoint', purpose: 'ECR Docker registry (image pulls; layers come through the S3 gateway endpoint)' },
  ec2: { constructId: 'Ec2Endpoint', purpose: 'EC2 API' },
  sns: { constructId: 'SnsEndpoint', purpose: 'SNS (publishing notifications)' },
  sqs: { constructId: 'SqsEndpoint', purpose: 'SQS (queues)' },
  events: { constructId: 'EventBridgeEndpoint', purpose: 'EventBridge (putting events)' },
} as const satisfies Record<string, { readonly constructId: string; readonly purpose: string }>;

/** A service name the network tier knows how to reach through an interface endpoint. */
export type InterfaceEndpointServiceName = keyof typeof INTERFACE_ENDPOINT_SERVICES;

export const INTERFACE_ENDPOINT_SERVICE_NAMES = Object.keys(INTERFACE_ENDPOINT_SERVICES) as InterfaceEndpointServiceName[];

export function isInterfaceEndpointServiceName(value: unknown): value is InterfaceEndpointServiceName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(INTERFACE_ENDPOINT_SERVICES, value);
}

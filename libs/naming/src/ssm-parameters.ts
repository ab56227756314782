import type { EnvironmentName } from './environments';
import type { Tier } from './tiers';

/**
 * How a value is stored: a plain string, or a list stored as one comma-separated string
 * (a plain `String` parameter, which CloudFormation and the local emulator both resolve).
 */
export type ParameterShape = 'string' | 'list';

export interface ParameterDefinition {
  /** The tier that writes the parameter; exactly one. */
  readonly producer: Tier;
  /** Last segment of `/showcore/<env>/<tier>/<key>`. */
  readonly key: string;
  readonly description: string;
  readonly shape: ParameterShape;
  /** The tiers that read it at deploy time. The deploy order follows from this list. */
  readonly consumers: readonly Tier[];
}

/**
 * The SSM contract between the tiers: every value one tier hands to another, declared once.
 * Tiers never exchange values through CloudFormation exports (see docs/decisions/0001).
 */
export const PARAMETERS = {
  // network
  vpcId: { producer: 'network', key: 'vpc-id', shape: 'string', consumers: ['data', 'ops'], description: 'Id of the ShowCore VPC.' },
  vpcCidr: { producer: 'network', key: 'vpc-cidr', shape: 'string', consumers: [], description: 'IPv4 CIDR block of the VPC.' },
  availabilityZones: {
    producer: 'network',
    key: 'availability-zones',
    shape: 'list',
    consumers: [],
    description: 'Availability zones of the subnets, in subnet order.',
  },
  publicSubnetIds: { producer: 'network', key: 'public-subnet-ids', shape: 'list', consumers: [], description: 'Public subnet ids, one per AZ.' },
  privateSubnetIds: {
    producer: 'network',
    key: 'private-subnet-ids',
    shape: 'list',
    consumers: ['data', 'ops'],
    description: 'Private subnet ids (no route to the internet), one per AZ.',
  },
  privateRouteTableIds: {
    producer: 'network',
    key: 'private-route-table-ids',
    shape: 'list',
    consumers: [],
    description: 'Route tables of the private subnets (gateway endpoints attach here).',
  },
  appSecurityGroupId: {
    producer: 'network',
    key: 'app-security-group-id',
    shape: 'string',
    consumers: ['data', 'ops'],
    description: 'Security group of the application tier; the data tier admits it.',
  },
  endpointSecurityGroupId: {
    producer: 'network',
    key: 'endpoint-security-group-id',
    shape: 'string',
    consumers: [],
    description: 'Security group of the interface VPC endpoints.',
  },
  // data
  dbInstanceId: { producer: 'data', key: 'db-instance-id', shape: 'string', consumers: ['ops'], description: 'RDS PostgreSQL instance identifier.' },
  dbEndpointAddress: { producer: 'data', key: 'db-endpoint-address', shape: 'string', consumers: [], description: 'RDS endpoint host name.' },
  dbEndpointPort: { producer: 'data', key: 'db-endpoint-port', shape: 'string', consumers: [], description: 'RDS endpoint port.' },
  dbSecretArn: {
    producer: 'data',
    key: 'db-secret-arn',
    shape: 'string',
    consumers: [],
    description: 'ARN of the Secrets Manager secret with the master credentials (the ARN only, never the value).',
  },
  dbResourceId: {
    producer: 'data',
    key: 'db-resource-id',
    shape: 'string',
    consumers: ['ops'],
    description: 'DbiResourceId of the RDS instance (db-…): the resource of IAM database authentication policies (rds-db:connect).',
  },
  dbAllocatedStorageGb: {
    producer: 'data',
    key: 'db-allocated-storage-gb',
    shape: 'string',
    consumers: ['ops'],
    description:
      'Configured (initial) RDS storage in GB; storage autoscaling may grow the volume beyond it, so ops measures the allocation and uses this only as a fallback.',
  },
  redisReplicationGroupId: {
    producer: 'data',
    key: 'redis-replication-group-id',
    shape: 'string',
    consumers: ['ops'],
    description: 'ElastiCache Redis replication group id.',
  },
  redisPrimaryEndpointAddress: {
    producer: 'data',
    key: 'redis-primary-endpoint-address',
    shape: 'string',
    consumers: [],
    description: 'Redis primary endpoint host name.',
  },
  redisPrimaryEndpointPort: {
    producer: 'data',
    key: 'redis-primary-endpoint-port',
    shape: 'string',
    consumers: [],
    description: 'Redis primary endpoint port.',
  },
  redisApplicationUserId: {
    producer: 'data',
    key: 'redis-application-user-id',
    shape: 'string',
    consumers: [],
    description: 'Redis user of the application (IAM-authenticated, RBAC): user name for AUTH and the user of its elasticache:Connect policy.',
  },
  redisProbeUserId: {
    producer: 'data',
    key: 'redis-probe-user-id',
    shape: 'string',
    consumers: ['ops'],
    description: 'Redis user of the verification probe (IAM-authenticated, RBAC, its own keys only).',
  },
  rdsSecurityGroupId: { producer: 'data', key: 'rds-security-group-id', shape: 'string', consumers: [], description: 'Security group of the RDS instance.' },
  elastiCacheSecurityGroupId: {
    producer: 'data',
    key: 'elasticache-security-group-id',
    shape: 'string',
    consumers: [],
    description: 'Security group of the Redis replication group.',
  },
  // edge
  staticAssetsBucketName: {
    producer: 'edge',
    key: 'static-assets-bucket-name',
    shape: 'string',
    consumers: ['ops'],
    description: 'Name of the static assets bucket (CloudFront origin).',
  },
  staticAssetsBucketArn: { producer: 'edge', key: 'static-assets-bucket-arn', shape: 'string', consumers: [], description: 'ARN of the static assets bucket.' },
  backupsBucketName: { producer: 'edge', key: 'backups-bucket-name', shape: 'string', consumers: ['ops'], description: 'Name of the backups bucket.' },
  backupsBucketArn: { producer: 'edge', key: 'backups-bucket-arn', shape: 'string', consumers: [], description: 'ARN of the backups bucket.' },
  distributionId: { producer: 'edge', key: 'distribution-id', shape: 'string', consumers: ['ops'], description: 'CloudFront distribution id.' },
  distributionDomainName: {
    producer: 'edge',
    key: 'distribution-domain-name',
    shape: 'string',
    consumers: [],
    description: 'CloudFront distribution domain name (*.cloudfront.net).',
  },
  // ops
  criticalTopicArn: { producer: 'ops', key: 'critical-topic-arn', shape: 'string', consumers: [], description: 'SNS topic for critical alerts.' },
  warningTopicArn: { producer: 'ops', key: 'warning-topic-arn', shape: 'string', consumers: [], description: 'SNS topic for warning alerts.' },
  verifyFunctionName: {
    producer: 'ops',
    key: 'verify-function-name',
    shape: 'string',
    consumers: [],
    description: 'Name of the in-VPC probe function that `ops:verify` invokes to probe the tiers from inside the VPC.',
  },
  statusThresholds: {
    producer: 'ops',
    key: 'status-thresholds',
    shape: 'string',
    consumers: [],
    description: 'JSON: when the status command calls backups stale (recoveryPointMaxAgeHours, cacheSnapshotMaxAgeHours, failedJobsLookbackDays).',
  },
} as const satisfies Record<string, ParameterDefinition>;

export type ParameterName = keyof typeof PARAMETERS;

export const PARAMETER_NAMES = Object.keys(PARAMETERS) as ParameterName[];

/** Root of every ShowCore parameter of one environment. */
export function parameterRoot(environment: EnvironmentName): string {
  return `/showcore/${environment}`;
}

/** `/showcore/<env>/<tier>/<key>` of a declared parameter. */
export function parameterPath(environment: EnvironmentName, name: ParameterName): string {
  const definition = parameterDefinition(name);
  return `${parameterRoot(environment)}/${definition.producer}/${definition.key}`;
}

/** The definition of a declared parameter; a clear error for anything else. */
export function parameterDefinition(name: string): ParameterDefinition {
  if (!Object.prototype.hasOwnProperty.call(PARAMETERS, name)) {
    throw new Error(
      `Unknown SSM parameter "${name}": it is not declared in the registry (libs/naming/src/ssm-parameters.ts). ` +
        `Declared parameters: ${PARAMETER_NAMES.join(', ')}. Declare it there, with its producer tier, before using it.`,
    );
  }
  return PARAMETERS[name as ParameterName];
}

/** Parameters a tier writes. */
export function parametersProducedBy(tier: Tier): ParameterName[] {
  return PARAMETER_NAMES.filter((name) => PARAMETERS[name].producer === tier);
}

/** Parameters a tier reads. */
export function parametersConsumedBy(tier: Tier): ParameterName[] {
  return PARAMETER_NAMES.filter((name) => (PARAMETERS[name].consumers as readonly Tier[]).includes(tier));
}

/** The tiers a tier reads from: they must be deployed before it. */
export function producersOf(tier: Tier): Tier[] {
  return [...new Set(parametersConsumedBy(tier).map((name) => PARAMETERS[name].producer))].filter((p) => p !== tier);
}

/** The tiers that read from a tier: they must be refreshed when its published values change. */
export function consumersOf(tier: Tier): Tier[] {
  const consumers = parametersProducedBy(tier).flatMap((name) => PARAMETERS[name].consumers as readonly Tier[]);
  return [...new Set(consumers)].filter((c) => c !== tier);
}

/**
 * Id of the S3 request-metrics configuration (whole bucket) the edge tier enables and the ops tier alarms on
 * (4xxErrors / 5xxErrors / AllRequests are published per bucket and per this filter id).
 */
export const S3_REQUEST_METRICS_FILTER_ID = 'EntireBucket';

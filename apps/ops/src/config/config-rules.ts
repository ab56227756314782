/**
 * The AWS Config managed rules the ops tier can turn on, by their AWS name, with the identifier CloudFormation
 * needs and what each checks. These are the cheap rules that match what ShowCore promises (encryption, no public
 * buckets, TLS-only buckets, no open SSH, a closed default security group, an active trail).
 */
export const MANAGED_RULES = {
  'rds-storage-encrypted': { identifier: 'RDS_STORAGE_ENCRYPTED', scope: ['AWS::RDS::DBInstance'], checks: 'RDS instances encrypt storage at rest' },
  's3-bucket-public-read-prohibited': { identifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED', scope: ['AWS::S3::Bucket'], checks: 'no bucket allows public read' },
  'restricted-ssh': { identifier: 'INCOMING_SSH_DISABLED', scope: ['AWS::EC2::SecurityGroup'], checks: 'no security group admits 0.0.0.0/0 on port 22' },
  'vpc-default-security-group-closed': { identifier: 'VPC_DEFAULT_SECURITY_GROUP_CLOSED', scope: ['AWS::EC2::SecurityGroup'], checks: 'default security groups have no rules' },
  's3-bucket-ssl-requests-only': { identifier: 'S3_BUCKET_SSL_REQUESTS_ONLY', scope: ['AWS::S3::Bucket'], checks: 'bucket policies deny requests without TLS' },
  // Periodic: evaluates the account, not a recorded resource.
  'cloudtrail-enabled': { identifier: 'CLOUD_TRAIL_ENABLED', scope: [], checks: 'a CloudTrail trail is logging' },
} as const satisfies Record<string, { identifier: string; scope: readonly string[]; checks: string }>;

export type ManagedRuleName = keyof typeof MANAGED_RULES;

export const MANAGED_RULE_NAMES = Object.keys(MANAGED_RULES) as ManagedRuleName[];

export function isManagedRuleName(name: string): name is ManagedRuleName {
  return Object.prototype.hasOwnProperty.call(MANAGED_RULES, name);
}

/**
 * The resource types the recorder records: what ShowCore deploys and the rules evaluate, not every supported type.
 * Config bills each configuration item ($0.003), so recording only these keeps the bill to a few cents a month;
 * recording all types would also record every ENI, route, IAM policy version, etc. that other workloads create.
 *
 * Every entry must be a type AWS Config can record (its API's `ResourceType` values; a test checks them against
 * the AWS SDK). The data tier's Redis replication group is not among them: AWS Config records no ElastiCache type
 * (its ElastiCache managed rules, e.g. elasticache-repl-grp-auto-failover-enabled, are periodic for that reason),
 * so the cache cluster type listed here before recorded nothing ShowCore deploys.
 */
export const RECORDED_RESOURCE_TYPES = [
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::RouteTable',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::VPCEndpoint',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBSubnetGroup',
  'AWS::S3::Bucket',
  'AWS::CloudTrail::Trail',
  'AWS::Backup::BackupVault',
  'AWS::Backup::BackupPlan',
  'AWS::SNS::Topic',
] as const;

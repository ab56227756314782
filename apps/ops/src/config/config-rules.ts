/**
 * The AWS Config managed rules the ops tier can turn on, by their AWS name, with the identifier CloudFormation
 * needs and what each checks. These are the cheap rules that match what ShowCore promises (encryption, no public
 * buckets, TLS-only buckets, no open SSH, a closed default security group, an active trail).
 */
export const MANAGED_RULES = {
  'rds-storage-encrypted': { identifier: 'RDS_STORAGE_ENCRYPTED', scope: ['AWS::RDS::DBInstance'], checks: 'RDS instances encrypt storage at rest' },
  's3-bucket-public-read-prohibited': { identifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED', scope: ['AWS::S3::Bucket'], checks: 'no bucket allows public read' },
  'restricted-ssh': { identifier: 'INCOMING_SSH_DISABLED', scope: ['AWS::EC2::SecurityGroup'], checks: 'no security group admits 0.0.0.0/0 on port 22' },
  'vpc-default-security-group-closed': {
    identifier: 'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
    scope: ['AWS::EC2::SecurityGroup'],
    checks: 'default security groups have no rules',
  },
  's3-bucket-ssl-requests-only': { identifier: 'S3_BUCKET_SSL_REQUESTS_ONLY', scope: ['AWS::S3::Bucket'], checks: 'bucket policies deny requests without TLS' },
  // Periodic: evaluates the account, not a recorded resource.
  'cloudtrail-enabled': { identifier: 'CLOUD_TRAIL_ENABLED', scope: [], checks: 'a CloudTrail trail is logging' },
  // design.md "Compliance Tests". Snapshots are recorded only while this rule is on (the recorder adds its scope).
  'rds-snapshots-public-prohibited': {
    identifier: 'RDS_SNAPSHOTS_PUBLIC_PROHIBITED',
    scope: ['AWS::RDS::DBSnapshot'],
    checks: 'no RDS snapshot is shared publicly',
  },
  's3-bucket-public-write-prohibited': { identifier: 'S3_BUCKET_PUBLIC_WRITE_PROHIBITED', scope: ['AWS::S3::Bucket'], checks: 'no bucket allows public write' },
  // Only where the data tier runs Multi-AZ (hardened): elsewhere it would report the cost choice as non-compliant.
  'rds-multi-az-support': { identifier: 'RDS_MULTI_AZ_SUPPORT', scope: ['AWS::RDS::DBInstance'], checks: 'RDS instances run Multi-AZ' },
  // Periodic, every VPC of the region (a default VPC without flow logs counts too). Only where the network tier
  // turns flow logs on (hardened).
  'vpc-flow-logs-enabled': { identifier: 'VPC_FLOW_LOGS_ENABLED', scope: [], checks: 'every VPC has flow logs' },
} as const satisfies Record<string, { identifier: string; scope: readonly string[]; checks: string }>;

export type ManagedRuleName = keyof typeof MANAGED_RULES;

export const MANAGED_RULE_NAMES = Object.keys(MANAGED_RULES) as ManagedRuleName[];

export function isManagedRuleName(name: string): name is ManagedRuleName {
  return Object.prototype.hasOwnProperty.call(MANAGED_RULES, name);
}

/** What the recorder records for a set of enabled rules: the base types plus every type a rule is scoped to. */
export function recordedResourceTypes(enabledRules: readonly ManagedRuleName[]): string[] {
  return [...new Set<string>([...RECORDED_RESOURCE_TYPES, ...enabledRules.flatMap((name) => MANAGED_RULES[name].scope)])];
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

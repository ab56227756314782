/**
 * Every AWS Control Tower proactive control that a synthesized ShowCore template still fails, acknowledged per
 * control, tier, resource (logical id) and variant, with the reason a reviewer can check. This is the one place such
 * exceptions live. `npm test` fails on a failure not listed here (naming the control, the resource and the fix) and
 * on an entry that no longer matches a failure in one of its variants, so the list cannot outlive its cause.
 *
 * Variants: the four environments of the cost-optimized profile, and dev, staging and prod with the hardened profile.
 */
import type { Tier } from '@showcore/naming';
import { HARDENED_VARIANTS, type Variant } from './templates/variants';

export interface ControlAcknowledgement {
  /** e.g. `CT.RDS.PR.1` */
  readonly control: string;
  readonly tier: Tier;
  /** Logical id of the resource in the tier's template. */
  readonly resource: string;
  readonly variants: readonly Variant[];
  readonly reason: string;
  /**
   * cfn-guard cannot evaluate the control on this resource: the validator plugin fails on its results. The check
   * then runs that rule file on each such template alone (instead of finding it by halving every rule file), and
   * the entry is stale when cfn-guard does evaluate it there.
   */
  readonly unevaluable?: boolean;
}

const COST_OPTIMIZED: readonly Variant[] = ['local', 'dev', 'staging', 'prod'];
const ALL: readonly Variant[] = [...COST_OPTIMIZED, ...HARDENED_VARIANTS];
/** Environments with a CloudFront distribution (local has none: moto cannot run CloudFront). */
const WITH_CDN: readonly Variant[] = ['dev', 'staging', 'prod', ...HARDENED_VARIANTS];
const HARDENED: readonly Variant[] = HARDENED_VARIANTS;
/** Where the network tier restricts the default security group through CDK's custom resource (not local: moto cannot run it). */
const WITH_DEFAULT_SG_HANDLER: readonly Variant[] = ['dev', 'staging', 'prod', ...HARDENED_VARIANTS];

const DATABASE = 'DatabaseB269D8BB';
const REDIS = 'RedisCluster';
const DISTRIBUTION = 'CloudFrontDistributionBA64CE3A';
const EDGE_DATA_BUCKETS = ['StaticAssetsBucketC3095769', 'BackupsBucketC69911ED'];
const ACCESS_LOGS_BUCKET = 'AccessLogsBucket83982689';
/** The replicas of the static-assets and backups buckets, in the edge replica stack (replication.enabled, hardened). */
const EDGE_REPLICA_BUCKETS = ['StaticAssetsReplicaBucketF7EAA9C7', 'BackupsReplicaBucket0576412E'];
const AUDIT_BUCKETS = ['AuditTrailCloudTrailBucketDFCE593E', 'ComplianceConfigBucketCB2C35BC'];
const DATA_LOG_GROUPS = ['DatabaseLogGroup3C9B0F88', 'DatabaseUpgradeLogGroupF775F176', 'RedisSlowLogGroup9F5A0EE0'];
const OPS_LOG_GROUPS = ['LogGroupsCloudTrailLogGroupE8264158', 'LogGroupsSessionManagerLogGroupC927047E'];
const PROBE_FUNCTION = 'ProbeFunctionF329D111';
const PROBE_FUNCTION_LOG_GROUP = 'ProbeFunctionLogGroup3333E408';
const ALLOCATION_FUNCTION = 'StorageAllocationMetricFunctionA232DC2A';
const ALLOCATION_FUNCTION_LOG_GROUP = 'StorageAllocationMetricLogGroupD4534B5F';

const each = (control: string, tier: Tier, resources: readonly string[], variants: readonly Variant[], reason: string): ControlAcknowledgement[] =>
  resources.map((resource) => ({ control, tier, resource, variants, reason }));

const SHORT_RETENTION =
  "Log retention is the spec's cost choice (tasks.md: 7 days; 30 in the hardened profile), a per-environment setting; a year of retention would multiply log storage for Phase 1 logs nobody is required to keep.";
const LOGS_AWS_MANAGED_KEY =
  'encryptionKey is "aws-managed" in the cost-optimized profile (tasks.md: no KMS for cost): CloudWatch Logs encrypts at rest with its own key; the hardened profile encrypts the data tier\'s log groups with the data key.';

export const CONTROL_TOWER_ACKNOWLEDGEMENTS: readonly ControlAcknowledgement[] = [
  // RDS
  {
    control: 'CT.RDS.PR.1',
    tier: 'data',
    resource: DATABASE,
    variants: COST_OPTIMIZED,
    reason:
      'Single-AZ by cost choice (tasks.md 5.2: Multi-AZ doubles the db.t3.micro price); database.multiAz turns it on (hardened profile). Same choice as cdk-nag RDS3.',
  },
  {
    control: 'CT.RDS.PR.2',
    tier: 'data',
    resource: DATABASE,
    variants: COST_OPTIMIZED,
    reason:
      'Enhanced Monitoring is billed as CloudWatch Logs ingestion: database.enhancedMonitoringIntervalSeconds is 0 in the cost-optimized profile and 60 in the hardened one (priced by the cost report).',
  },
  {
    control: 'CT.RDS.PR.13',
    tier: 'data',
    resource: DATABASE,
    variants: ['local', 'dev', 'staging', 'dev-hardened', 'staging-hardened'],
    reason:
      'Deletion protection is on in prod (validated there); local, dev and staging must be possible to tear down, and their removal policy still takes a final snapshot. Same choice as cdk-nag RDS10.',
  },
  {
    control: 'CT.RDS.PR.20',
    tier: 'data',
    resource: DATABASE,
    variants: ALL,
    reason:
      'The default PostgreSQL port is kept: only the application security group reaches it and TLS is forced, so another port adds client configuration, not protection. Same choice as cdk-nag RDS11.',
  },
  {
    control: 'CT.RDS.PR.30',
    tier: 'data',
    resource: DATABASE,
    variants: COST_OPTIMIZED,
    reason:
      'Storage is encrypted with the AWS managed RDS key (tasks.md: no KMS for cost, $1/month per key); encryptionKey "customer-managed" (hardened profile) uses the data key.',
  },
  // ElastiCache
  {
    control: 'CT.ELASTICACHE.PR.3',
    tier: 'data',
    resource: REDIS,
    variants: COST_OPTIMIZED,
    reason:
      'One node without failover by cost choice (tasks.md 6.2: each cache.t3.micro node costs $12.41/month); cache.replicas turns failover on (hardened profile). Same choice as cdk-nag AEC4.',
  },
  // S3
  ...each(
    'CT.S3.PR.2',
    'edge',
    EDGE_DATA_BUCKETS,
    COST_OPTIMIZED,
    'S3 server access logs are off in the cost-optimized profile (their storage is the cost); serverAccessLogs turns them on (hardened profile). Same choice as cdk-nag S1.',
  ),
  {
    control: 'CT.S3.PR.2',
    tier: 'edge',
    resource: ACCESS_LOGS_BUCKET,
    variants: HARDENED,
    reason:
      'This is the access-logs bucket itself: logging its own accesses would write a log object for every log delivery (AWS advises against a bucket logging to itself).',
  },
  ...each(
    'CT.S3.PR.2',
    'edge',
    EDGE_REPLICA_BUCKETS,
    HARDENED,
    'A replica is written only by S3 replication (under the replication role) and read only in a regional recovery; server access logs would need a third bucket in the second region for almost no requests, and CloudTrail records its bucket-level API calls. Same choice as cdk-nag S1 on the replicas.',
  ),
  ...each(
    'CT.S3.PR.2',
    'ops',
    AUDIT_BUCKETS,
    ALL,
    'Only CloudTrail or AWS Config writes here and CloudTrail records every bucket-level change; server access logs would need a further log bucket for no new audit information. Same choice as cdk-nag S1.',
  ),
  ...each(
    'CT.S3.PR.9',
    'edge',
    EDGE_DATA_BUCKETS,
    ALL,
    'No S3 Object Lock (spec README: a cost choice of the spec): versioning with noncurrent-version expiry and AWS Backup for the database cover recovery; Object Lock would keep every version for its whole retention.',
  ),
  ...each(
    'CT.S3.PR.9',
    'edge',
    EDGE_REPLICA_BUCKETS,
    HARDENED,
    'No S3 Object Lock on the replicas, like their sources (spec README: a cost choice): they expire versions by the same lifecycle rules, which Object Lock would override.',
  ),
  {
    control: 'CT.S3.PR.9',
    tier: 'edge',
    resource: ACCESS_LOGS_BUCKET,
    variants: HARDENED,
    reason: 'Access logs expire after accessLogsExpirationDays to bound their cost; Object Lock would keep them regardless.',
  },
  ...each(
    'CT.S3.PR.9',
    'ops',
    AUDIT_BUCKETS,
    ALL,
    'No Object Lock for the audit buckets (Phase 1 cost choice): versioning keeps an overwritten or deleted log for noncurrentVersionExpirationDays, and the buckets expire their data to bound cost.',
  ),
  ...each(
    'CT.S3.PR.10',
    'edge',
    EDGE_DATA_BUCKETS,
    COST_OPTIMIZED,
    'SSE-S3 instead of KMS (spec README: a cost choice); encryptionKey "customer-managed" (hardened profile) gives each bucket a rotating customer-managed key.',
  ),
  {
    control: 'CT.S3.PR.10',
    tier: 'edge',
    resource: ACCESS_LOGS_BUCKET,
    variants: HARDENED,
    reason: 'S3 server access logging cannot deliver to a bucket whose default encryption is SSE-KMS: the access-logs bucket must stay SSE-S3.',
  },
  ...each(
    'CT.S3.PR.10',
    'ops',
    AUDIT_BUCKETS,
    ALL,
    'tasks.md 4.4: the audit buckets use SSE-S3, not KMS, for cost; CloudTrail and Config deliver without a key policy to maintain.',
  ),
  {
    control: 'CT.S3.PR.11',
    tier: 'edge',
    resource: ACCESS_LOGS_BUCKET,
    variants: HARDENED,
    reason: 'Log objects are written once and expire; versioning the access-logs bucket would only keep expired logs longer.',
  },
  // CloudFront
  {
    control: 'CT.CLOUDFRONT.PR.4',
    tier: 'edge',
    resource: DISTRIBUTION,
    variants: WITH_CDN,
    reason:
      'One origin. The cost-optimized profile has no replica to fail over to (spec README: no cross-region replication for cost); the hardened profile replicates the static assets to a second region (replication.enabled) for recovery, but an origin group failing over to the replica is not built (a follow-up: it needs the replica bucket policy to admit this distribution).',
  },
  {
    control: 'CT.CLOUDFRONT.PR.5',
    tier: 'edge',
    resource: DISTRIBUTION,
    variants: ['dev', 'staging', 'prod'],
    reason:
      'CloudFront access logging is off in the cost-optimized profile (spec README: CloudFront logging off); cdn.accessLogging turns it on (hardened profile). Same choice as cdk-nag CFR3.',
  },
  ...['CT.CLOUDFRONT.PR.6', 'CT.CLOUDFRONT.PR.7', 'CT.CLOUDFRONT.PR.9'].map(
    (control): ControlAcknowledgement => ({
      control,
      tier: 'edge',
      resource: DISTRIBUTION,
      variants: WITH_CDN,
      reason:
        'CloudFront without a custom certificate (spec README): the default *.cloudfront.net certificate allows no minimum protocol choice; cdn.domainName + cdn.certificateArn switch to an ACM certificate with SNI and TLSv1.2_2021.',
    }),
  ),
  // CloudTrail and CloudWatch Logs
  {
    control: 'CT.CLOUDTRAIL.PR.1',
    tier: 'ops',
    resource: 'AuditTrailCloudTrail0B2681A5',
    variants: ALL,
    reason: "tasks.md 4.4: log files use the bucket's SSE-S3, not a KMS key, for cost.",
  },
  ...each('CT.CLOUDWATCH.PR.2', 'data', DATA_LOG_GROUPS, ALL, SHORT_RETENTION),
  ...each('CT.CLOUDWATCH.PR.2', 'ops', OPS_LOG_GROUPS, ALL, SHORT_RETENTION),
  { control: 'CT.CLOUDWATCH.PR.2', tier: 'network', resource: 'FlowLogGroup3E25AA51', variants: HARDENED, reason: SHORT_RETENTION },
  ...each('CT.CLOUDWATCH.PR.3', 'data', DATA_LOG_GROUPS, COST_OPTIMIZED, LOGS_AWS_MANAGED_KEY),
  ...each(
    'CT.CLOUDWATCH.PR.2',
    'ops',
    [PROBE_FUNCTION_LOG_GROUP],
    ALL,
    "The probe function logs only what one verification run did (each line is also in the verify report); the tier's short retention is enough and costs least.",
  ),
  ...each(
    'CT.CLOUDWATCH.PR.3',
    'ops',
    [PROBE_FUNCTION_LOG_GROUP],
    ALL,
    "Like the other ops log groups: CloudWatch Logs' own encryption; the probe logs hold check names and outcomes, never a credential (the handler hides passwords).",
  ),
  ...each(
    'CT.CLOUDWATCH.PR.3',
    'ops',
    OPS_LOG_GROUPS,
    ALL,
    "The ops log groups use CloudWatch Logs' own encryption in every profile; the hardened profile's ops key does not cover them yet (a follow-up: the key policy must admit logs.<region>.amazonaws.com).",
  ),
  {
    control: 'CT.CLOUDWATCH.PR.3',
    tier: 'network',
    resource: 'FlowLogGroup3E25AA51',
    variants: HARDENED,
    reason: "VPC flow logs use CloudWatch Logs' own encryption; the network tier has no KMS key of its own yet (a follow-up of the hardened profile).",
  },
  ...each(
    'CT.CLOUDWATCH.PR.2',
    'ops',
    [ALLOCATION_FUNCTION_LOG_GROUP],
    ALL,
    "The storage allocation function logs one line per measurement (the metric itself is the record); the tier's short retention is enough and costs least.",
  ),
  ...each(
    'CT.CLOUDWATCH.PR.3',
    'ops',
    [ALLOCATION_FUNCTION_LOG_GROUP],
    ALL,
    "Like the other ops log groups: CloudWatch Logs' own encryption; the function logs an instance id and a size in GB, nothing confidential.",
  ),
  // GuardDuty (hardened profile only)
  {
    control: 'CT.GUARDDUTY.PR.1',
    tier: 'ops',
    resource: 'ThreatDetectionDetector0E1F32F0',
    variants: HARDENED,
    reason:
      'The detector runs on its foundational sources and lists every optional protection plan, S3 protection (S3 data events, billed per million events) among them, as off, so the bill is what the cost report prices; the ShowCore buckets are private behind CloudFront OAC and covered by CloudTrail and the Config public-read/write rules. Turning S3 protection on is a follow-up setting.',
  },
  // KMS (hardened profile only: the cost-optimized profile has no customer-managed key)
  ...each(
    'CT.KMS.PR.3',
    'data',
    ['DataKey17AFBB84'],
    HARDENED,
    "The key policy does not yet deny kms:CreateGrant to non-AWS-service principals; only the account's IAM policies grant key use (a follow-up of the hardened profile).",
  ),
  ...each(
    'CT.KMS.PR.3',
    'edge',
    ['StaticAssetsBucketKeyE13FEE2E', 'BackupsBucketKey81A67D01', 'StaticAssetsReplicaBucketKey8F8964E4', 'BackupsReplicaBucketKey376A1BAE'],
    HARDENED,
    "The key policy does not yet deny kms:CreateGrant to non-AWS-service principals; only the account's IAM policies grant key use (a follow-up of the hardened profile).",
  ),
  ...each(
    'CT.KMS.PR.3',
    'ops',
    ['OpsKey802FB888', 'BackupCopyKey15E476E6'],
    HARDENED,
    "The key policy does not yet deny kms:CreateGrant to non-AWS-service principals; only the account's IAM policies grant key use (a follow-up of the hardened profile).",
  ),
  // Lambda
  {
    control: 'CT.LAMBDA.PR.3',
    tier: 'ops',
    resource: PROBE_FUNCTION,
    variants: ALL,
    reason:
      "The probe function IS in the VPC (the private subnets and the application security group, read from SSM): apps/ops/test/stacks/probe-function.test.ts asserts its VpcConfig. cfn-guard cannot evaluate SubnetIds given as an Fn::Split of an SSM parameter, and the validator plugin fails on it (TypeError reading 'to'), so this control is proven by that test instead.",
    unevaluable: true,
  },
  {
    control: 'CT.LAMBDA.PR.3',
    tier: 'ops',
    resource: ALLOCATION_FUNCTION,
    variants: ALL,
    reason:
      'Outside the VPC on purpose: the function only calls the RDS and CloudWatch APIs, and the private subnets have no route out and no RDS API endpoint; it reaches no resource inside the VPC. apps/ops/test/stacks/storage-allocation-metric.test.ts asserts it has no VpcConfig and a role limited to DescribeDBInstances on the one instance and PutMetricData into ShowCore/RDS.',
  },
  {
    control: 'CT.LAMBDA.PR.3',
    tier: 'network',
    resource: 'CustomVpcRestrictDefaultSGCustomResourceProviderHandlerDC833E5E',
    variants: WITH_DEFAULT_SG_HANDLER,
    reason:
      "CDK's restrictDefaultSecurityGroup handler runs only at deploy time and calls the EC2 API; inside the VPC it would need an EC2 endpoint and a Lambda-reachable route, for no benefit.",
  },
];

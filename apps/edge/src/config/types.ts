import type { ChangeAcknowledgement, EncryptionKeyChoice, RemovalChoice } from '@showcore/naming';

/** CloudFront price classes: which edge locations serve viewers (and what the data transfer costs). */
export type PriceClassChoice = 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';

/** The static-assets bucket (the CloudFront origin). */
export interface StaticAssetsBucketConfig {
  /**
   * Days after an object version is replaced or deleted before S3 removes it (tasks.md 8.1).
   * @default 90
   */
  readonly noncurrentVersionExpirationDays: number;
  /**
   * Publish S3 request metrics (4xxErrors, 5xxErrors, AllRequests, ...) for the whole bucket under the filter id
   * `S3_REQUEST_METRICS_FILTER_ID`, which the ops tier alarms on. Billed as CloudWatch custom metrics.
   * @default true
   */
  readonly requestMetrics: boolean;
}

/** The backups bucket (private, IAM access only). */
export interface BackupsBucketConfig {
  /**
   * Days after creation before an object moves to Glacier Flexible Retrieval (tasks.md 8.3).
   * @default 30
   */
  readonly transitionToGlacierDays: number;
  /**
   * Days after creation before the current version expires (becomes a noncurrent version); must be later than
   * the transition (tasks.md 8.3).
   * @default 90
   */
  readonly expirationDays: number;
  /**
   * Days after a version becomes noncurrent before S3 removes it (tasks.md 8.3).
   * @default 90
   */
  readonly noncurrentVersionExpirationDays: number;
  /**
   * Publish S3 request metrics for the whole bucket under `S3_REQUEST_METRICS_FILTER_ID` (see static assets).
   * @default true
   */
  readonly requestMetrics: boolean;
}

/**
 * S3 cross-region replication of the static-assets and backups buckets (design.md "Infrastructure Configuration
 * Examples": "S3 cross-region replication enabled"). The replica buckets, their keys and the replication role live
 * in the tier's second stack, `showcore-edge-<env>-replica-stack`, in {@link region}; it is deployed before the main
 * stack (docs/decisions, "Cross-region stacks: deterministic names, not SSM").
 */
export interface ReplicationConfig {
  /**
   * Replicate every new object version of both buckets to a replica bucket in {@link region}. Doubles the S3
   * storage and adds $0.02/GB of inter-region transfer, so off in the cost-optimized profile (tasks.md, design.md
   * "Replication: Disabled (cost optimization)").
   * @default false (true in the hardened profile)
   */
  readonly enabled: boolean;
  /**
   * The second region, where the replica buckets live. Must differ from the tier's `region`.
   * @default 'us-west-2' (design.md: "Cross-region backup replication to us-west-2")
   */
  readonly region: string;
}

/** Viewers allowed or refused by country (ISO 3166-1 alpha-2 codes). */
export interface GeoRestrictionConfig {
  readonly type: 'allowlist' | 'denylist';
  readonly countries: readonly string[];
}

/** The CloudFront distribution in front of the static-assets bucket. */
export interface CdnConfig {
  /**
   * Create the distribution (and its cache policy, response-headers policy, origin access control and web ACL).
   * Only `local` turns it off: the emulator has no CloudFront, and an output or parameter that reads the
   * distribution's attributes fails the whole local stack. The distribution parameters then hold
   * {@link CDN_NOT_DEPLOYED}.
   * @default true
   */
  readonly enabled: boolean;
  /** @default 'PriceClass_100' (North America and Europe; tasks.md 9.1) */
  readonly priceClass: PriceClassChoice;
  /** @default 0 */
  readonly minTtlSeconds: number;
  /** @default 86400 (24 hours; tasks.md 9.2) */
  readonly defaultTtlSeconds: number;
  /** @default 31536000 (one year; tasks.md 9.2) */
  readonly maxTtlSeconds: number;
  /**
   * Object served for `/` (no leading slash).
   * @default 'index.html'
   */
  readonly defaultRootObject: string;
  /**
   * `max-age` of the Strict-Transport-Security header the response-headers policy adds.
   * @default 31536000 (one year)
   */
  readonly hstsMaxAgeSeconds: number;
  /**
   * Custom domain (alternate domain name) served by the distribution; needs {@link certificateArn}.
   * Without one, viewers use the `*.cloudfront.net` name and its default certificate, whose minimum TLS version
   * CloudFront does not let you choose (spec README, TLS correction).
   * @default - none
   */
  readonly domainName?: string;
  /**
   * ARN of an ACM certificate in us-east-1 (CloudFront only uses certificates from that region) covering
   * {@link domainName}. With it the distribution enforces TLSv1.2_2021 for viewers.
   * @default - none
   */
  readonly certificateArn?: string;
  /**
   * CloudFront standard access logs into the access-logs bucket (design.md: off to save S3 storage).
   * @default false
   */
  readonly accessLogging: boolean;
  /**
   * An AWS WAF web ACL (AWS managed rule groups) on the distribution: about $8/month plus $0.60 per million
   * requests, so off in the cost-optimized profile. Needs the stack in us-east-1 (CloudFront-scoped web ACLs
   * live there).
   * @default false
   */
  readonly waf: boolean;
  /**
   * CloudFront's additional distribution metrics (`AWS::CloudFront::MonitoringSubscription`): CacheHitRate,
   * OriginLatency and the per-status error rates, in us-east-1. CloudFront publishes CacheHitRate only with them;
   * they are billed as 8 CloudWatch custom metrics per distribution ($0.30 each after the account's 10 free),
   * so off in the cost-optimized profile. The ops tier draws the cache hit rate graph only when this is on: keep
   * its `monitoredResources.cloudFrontAdditionalMetrics` equal. Ignored without a distribution (`enabled: false`).
   * @default false (true in the hardened profile)
   */
  readonly additionalMetrics: boolean;
  /**
   * Restrict viewers by country. ShowCore serves every country.
   * @default - no restriction
   */
  readonly geoRestriction?: GeoRestrictionConfig;
}

/** The edge tier's settings for one environment. */
export interface EdgeConfig {
  /** @default 'us-east-1' */
  readonly region: string;
  /**
   * Stack termination protection.
   * @default false (true in prod)
   */
  readonly terminationProtection: boolean;
  /**
   * Replacements and removals of stateful or fixed-name resources that the change plan refuses, acknowledged for
   * this environment with a reason (docs/deploying.md, "What the plan refuses").
   * @default - none
   */
  readonly acknowledgedChanges?: readonly ChangeAcknowledgement[];
  /**
   * What happens to the buckets (and KMS keys) when the stack is deleted. `destroy` only suits `local`: it deletes
   * the buckets, which must be empty first (the local teardown empties them; `autoDeleteObjects` would add a
   * Lambda-backed custom resource the emulator cannot run).
   * @default 'retain' ('destroy' in local)
   */
  readonly removal: RemovalChoice;
  /**
   * Put the standard tags on the SSM parameters. The emulator fails on tagged parameters.
   * @default true (false in local)
   */
  readonly tagSsmParameters: boolean;
  /**
   * Key of the static-assets and backups buckets: `aws-managed` (SSE-S3, S3's own keys, free; tasks.md) or
   * `customer-managed` (SSE-KMS with one customer-managed key per bucket with yearly rotation, $1 per key per
   * month plus requests; the hardened profile). The access-logs bucket always uses SSE-S3: S3 server access
   * logging cannot deliver to an SSE-KMS bucket.
   * @default 'aws-managed'
   */
  readonly encryptionKey: EncryptionKeyChoice;
  /**
   * S3 server access logs of the static-assets and backups buckets into the access-logs bucket.
   * @default false (true in the hardened profile)
   */
  readonly serverAccessLogs: boolean;
  /**
   * Days before objects in the access-logs bucket (S3 server access logs, CloudFront logs) are deleted.
   * @default 90
   */
  readonly accessLogsExpirationDays: number;
  readonly staticAssets: StaticAssetsBucketConfig;
  readonly backups: BackupsBucketConfig;
  readonly cdn: CdnConfig;
  readonly replication: ReplicationConfig;
}

/** Overrides a profile or an environment applies to a base configuration (nested groups merge field by field). */
export type EdgeConfigOverrides = Partial<Omit<EdgeConfig, 'staticAssets' | 'backups' | 'cdn' | 'replication'>> & {
  readonly staticAssets?: Partial<StaticAssetsBucketConfig>;
  readonly backups?: Partial<BackupsBucketConfig>;
  readonly cdn?: Partial<CdnConfig>;
  readonly replication?: Partial<ReplicationConfig>;
};

/**
 * What the distribution-id and distribution-domain-name parameters hold when `cdn.enabled` is false: a value
 * no consumer can mistake for a real distribution.
 */
export const CDN_NOT_DEPLOYED = 'not-deployed-cdn-disabled';

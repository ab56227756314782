import type { EdgeConfig, EdgeConfigOverrides } from './types';

/** The cost-optimized profile of tasks.md 8.x/9.x: SSE-S3, no logging, no WAF, PriceClass_100. */
export const costOptimized: EdgeConfig = {
  region: 'us-east-1',
  terminationProtection: false,
  removal: 'retain',
  tagSsmParameters: true,
  encryptionKey: 'aws-managed',
  serverAccessLogs: false,
  accessLogsExpirationDays: 90,
  staticAssets: { noncurrentVersionExpirationDays: 90, requestMetrics: true },
  backups: { transitionToGlacierDays: 30, expirationDays: 90, noncurrentVersionExpirationDays: 90, requestMetrics: true },
  cdn: {
    enabled: true,
    priceClass: 'PriceClass_100',
    minTtlSeconds: 0,
    defaultTtlSeconds: 86_400,
    maxTtlSeconds: 31_536_000,
    defaultRootObject: 'index.html',
    hstsMaxAgeSeconds: 31_536_000,
    accessLogging: false,
    waf: false,
    additionalMetrics: false,
  },
  replication: { enabled: false, region: 'us-west-2' },
};

/**
 * The hardened profile: design.md "Infrastructure Configuration Examples" for storage and CDN (KMS keys with
 * rotation, CloudFront access logging) plus S3 server access logs and a WAF web ACL, the two remaining
 * cdk-nag findings the cost-optimized profile accepts for cost, and CloudFront's additional metrics (cache hit
 * rate) for the dashboard, and S3 cross-region replication of both buckets to us-west-2 (also in those examples).
 */
export const hardened: EdgeConfigOverrides = {
  encryptionKey: 'customer-managed',
  serverAccessLogs: true,
  cdn: { accessLogging: true, waf: true, additionalMetrics: true },
  replication: { enabled: true },
};

export const PROFILES = { hardened } as const satisfies Record<string, EdgeConfigOverrides>;

export type ProfileName = keyof typeof PROFILES;

/** Overrides merge field by field into nested groups (the shared rule of libs/naming). */
export { applyOverrides } from '@showcore/naming';

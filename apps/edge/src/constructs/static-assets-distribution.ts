import { Annotations, Duration, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { resourceName, type EnvironmentName } from '@showcore/naming';
import type { CdnConfig } from '../config';
import { createCdnWebAcl } from './cdn-web-acl';

export interface StaticAssetsDistributionProps {
  readonly environment: EnvironmentName;
  readonly originBucket: s3.IBucket;
  readonly cdn: CdnConfig;
  /** Where CloudFront standard logs go; required when `cdn.accessLogging` is on. */
  readonly logBucket?: s3.IBucket;
}

/** Key prefix of CloudFront standard logs in the access-logs bucket. */
export const CLOUDFRONT_LOG_PREFIX = 'cloudfront/';

/**
 * The CloudFront distribution in front of the static-assets bucket (tasks.md 9.1–9.3): origin access control
 * (the bucket policy admits only this distribution's ARN), HTTPS only, the spec's TTLs in a cache policy,
 * gzip and brotli, security headers, and the optional custom domain, logging, WAF and geo restriction of the
 * configuration. Its construct id `id` is the spec's `CloudFrontDistribution`; the policies sit beside it.
 */
export function createStaticAssetsDistribution(scope: Construct, id: string, props: StaticAssetsDistributionProps): cloudfront.Distribution {
  const { cdn, environment } = props;
  if (cdn.accessLogging && !props.logBucket) {
    throw new Error('cdn.accessLogging is on but no log bucket was given to the distribution.');
  }
  const cachePolicy = new cloudfront.CachePolicy(scope, 'CachePolicy', {
    cachePolicyName: resourceName('cdn', environment, 'static-assets-cache'),
    comment: 'ShowCore static assets: the spec TTLs, compressed variants cached separately',
    minTtl: Duration.seconds(cdn.minTtlSeconds),
    defaultTtl: Duration.seconds(cdn.defaultTtlSeconds),
    maxTtl: Duration.seconds(cdn.maxTtlSeconds),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
    headerBehavior: cloudfront.CacheHeaderBehavior.none(),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
  });
  const responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(scope, 'SecurityHeadersPolicy', {
    responseHeadersPolicyName: resourceName('cdn', environment, 'security-headers'),
    comment: 'ShowCore static assets: HSTS, nosniff, no framing, strict referrer',
    securityHeadersBehavior: {
      strictTransportSecurity: { accessControlMaxAge: Duration.seconds(cdn.hstsMaxAgeSeconds), includeSubdomains: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
    },
  });
  const originAccessControl = new cloudfront.S3OriginAccessControl(scope, 'OriginAccessControl', {
    originAccessControlName: resourceName('cdn', environment, 'static-assets-oac'),
    description: 'CloudFront signs every request to the static-assets bucket (SigV4)',
    signing: cloudfront.Signing.SIGV4_ALWAYS,
  });
  const webAcl = cdn.waf ? createCdnWebAcl(scope, 'WebAcl', { name: resourceName('cdn', environment, 'web-acl') }) : undefined;
  const customDomain =
    cdn.domainName !== undefined && cdn.certificateArn !== undefined ? { domainName: cdn.domainName, certificateArn: cdn.certificateArn } : undefined;

  const distribution = new cloudfront.Distribution(scope, id, {
    comment: `ShowCore static assets (${environment})`,
    defaultBehavior: {
      origin: origins.S3BucketOrigin.withOriginAccessControl(props.originBucket, {
        originAccessControl,
        originAccessLevels: [cloudfront.AccessLevel.READ],
      }),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      compress: true,
      cachePolicy,
      responseHeadersPolicy,
    },
    defaultRootObject: cdn.defaultRootObject,
    priceClass: cdn.priceClass as cloudfront.PriceClass,
    httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    enableIpv6: true,
    ...(customDomain
      ? {
          domainNames: [customDomain.domainName],
          certificate: acm.Certificate.fromCertificateArn(scope, 'ViewerCertificate', customDomain.certificateArn),
          minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          sslSupportMethod: cloudfront.SSLMethod.SNI,
        }
      : {}),
    ...(cdn.accessLogging ? { enableLogging: true, logBucket: props.logBucket, logFilePrefix: CLOUDFRONT_LOG_PREFIX, logIncludesCookies: false } : {}),
    webAclId: webAcl?.attrArn,
    geoRestriction: cdn.geoRestriction
      ? cdn.geoRestriction.type === 'allowlist'
        ? cloudfront.GeoRestriction.allowlist(...cdn.geoRestriction.countries)
        : cloudfront.GeoRestriction.denylist(...cdn.geoRestriction.countries)
      : undefined,
  });

  if (cdn.additionalMetrics) {
    // CacheHitRate, OriginLatency and the per-status error rates: CloudFront publishes them only with this.
    new cloudfront.CfnMonitoringSubscription(scope, 'DistributionAdditionalMetrics', {
      distributionId: distribution.distributionId,
      monitoringSubscription: { realtimeMetricsSubscriptionConfig: { realtimeMetricsSubscriptionStatus: 'Enabled' } },
    });
  }
  acknowledgeSwitchedOffFeatures(distribution, cdn, customDomain !== undefined);
  return distribution;
}

/** cdk-nag findings that follow from a configuration choice, acknowledged only while that choice is made. */
function acknowledgeSwitchedOffFeatures(distribution: cloudfront.Distribution, cdn: CdnConfig, customDomain: boolean): void {
  const acknowledge = (id: string, reason: string): void => Validations.of(distribution).acknowledge({ id, reason });
  if (!cdn.geoRestriction) {
    acknowledge(
      'AwsSolutions-CFR1',
      'cdn.geoRestriction is not set: ShowCore serves its static assets to viewers in every country. Set cdn.geoRestriction to restrict them.',
    );
  }
  if (!cdn.waf) {
    acknowledge(
      'AwsSolutions-CFR2',
      'cdn.waf is false (cost-optimized profile): a web ACL with managed rule groups costs about $8/month plus $0.60 per million requests for public, read-only static files. The hardened profile turns it on.',
    );
  }
  if (!cdn.accessLogging) {
    acknowledge(
      'AwsSolutions-CFR3',
      'cdn.accessLogging is false (design.md: CloudFront access logs disabled initially to avoid their S3 storage cost). The hardened profile turns it on.',
    );
  }
  if (!customDomain) {
    acknowledge(
      'AwsSolutions-CFR4',
      'cdn.domainName/cdn.certificateArn are not set: with the default *.cloudfront.net certificate CloudFront does not let the minimum viewer TLS version be chosen (spec README, TLS correction). Setting both enforces TLSv1.2_2021.',
    );
  }
}

/**
 * CDK warns that the OAC statement it adds to a KMS key policy matches every distribution of the account (a
 * narrower condition would make the key, the bucket and the distribution depend on each other in a cycle).
 */
export function acknowledgeWildcardKeyPolicy(scope: Construct): void {
  Annotations.of(scope).acknowledgeWarning(
    '@aws-cdk/aws-cloudfront-origins:wildcardKeyPolicyForOac',
    'The key policy admits CloudFront only for distributions of this account (AWS:SourceArn) and only kms:Decrypt; the bucket policy still limits reads to this distribution.',
  );
}

import {
  checkEncryptionKeyChoice,
  checkRegion,
  checkRemovalChoice,
  checkSecondRegion,
  checkTerminationProtection,
  ConfigProblems,
  REMOVAL_CHOICES,
  type EnvironmentName,
} from '@showcore/naming';
import type { EdgeConfig } from './types';

const DOMAIN_NAME = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ACM_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[A-Za-z0-9-]+$/;
const COUNTRY_CODE = /^[A-Z]{2}$/;
/** CloudFront only attaches ACM certificates from this region, and CloudFront-scoped web ACLs live here. */
const CLOUDFRONT_REGION = 'us-east-1';

function isWholeNumber(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

/**
 * Checks an edge configuration and throws one `ConfigError` listing every problem (field, value, what is wrong,
 * the fix), so one run shows everything to correct.
 *
 * @param environment rules that depend on it: nothing is destroyed with its stack outside local, prod keeps
 *   termination protection
 * @param source named in the error: the environment and profile the configuration came from
 */
export function validateEdgeConfig(config: EdgeConfig, environment: EnvironmentName, source: string): EdgeConfig {
  const problems = new ConfigProblems(source);
  const days = (field: string, value: unknown): void =>
    problems.check(isWholeNumber(value, 1), field, value, 'is not a whole number of days of at least 1', 'use an integer such as 30 or 90');
  const seconds = (field: string, value: unknown): void =>
    problems.check(isWholeNumber(value, 0), field, value, 'is not a whole number of seconds of at least 0', 'use an integer such as 86400');

  checkRegion(problems, 'region', config.region);
  checkRemovalChoice(problems, 'removal', config.removal, REMOVAL_CHOICES, environment);
  checkTerminationProtection(problems, config.terminationProtection, environment);
  checkEncryptionKeyChoice(problems, 'encryptionKey', config.encryptionKey);
  days('accessLogsExpirationDays', config.accessLogsExpirationDays);

  days('staticAssets.noncurrentVersionExpirationDays', config.staticAssets.noncurrentVersionExpirationDays);
  const backups = config.backups;
  days('backups.transitionToGlacierDays', backups.transitionToGlacierDays);
  days('backups.expirationDays', backups.expirationDays);
  days('backups.noncurrentVersionExpirationDays', backups.noncurrentVersionExpirationDays);
  if (isWholeNumber(backups.transitionToGlacierDays, 1) && isWholeNumber(backups.expirationDays, 1)) {
    problems.check(
      backups.expirationDays > backups.transitionToGlacierDays,
      'backups.expirationDays',
      backups.expirationDays,
      `expires backups no later than their transition to Glacier Flexible Retrieval (backups.transitionToGlacierDays = ${backups.transitionToGlacierDays}); S3 rejects such a lifecycle rule`,
      `make backups.expirationDays greater than ${backups.transitionToGlacierDays}, or lower backups.transitionToGlacierDays`,
    );
  }

  validateCdn(config, problems, seconds);
  validateReplication(config, problems);
  problems.throwIfAny();
  return config;
}

function validateCdn(config: EdgeConfig, problems: ConfigProblems, seconds: (field: string, value: unknown) => void): void {
  const cdn = config.cdn;
  problems.check(
    ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'].includes(cdn.priceClass),
    'cdn.priceClass',
    cdn.priceClass,
    'is not a CloudFront price class',
    'use "PriceClass_100", "PriceClass_200" or "PriceClass_All"',
  );
  seconds('cdn.minTtlSeconds', cdn.minTtlSeconds);
  seconds('cdn.defaultTtlSeconds', cdn.defaultTtlSeconds);
  seconds('cdn.maxTtlSeconds', cdn.maxTtlSeconds);
  if (isWholeNumber(cdn.minTtlSeconds, 0) && isWholeNumber(cdn.defaultTtlSeconds, 0)) {
    problems.check(
      cdn.minTtlSeconds <= cdn.defaultTtlSeconds,
      'cdn.minTtlSeconds',
      cdn.minTtlSeconds,
      `is above cdn.defaultTtlSeconds (${cdn.defaultTtlSeconds}); CloudFront requires min <= default <= max`,
      `lower cdn.minTtlSeconds to at most ${cdn.defaultTtlSeconds}`,
    );
  }
  if (isWholeNumber(cdn.defaultTtlSeconds, 0) && isWholeNumber(cdn.maxTtlSeconds, 0)) {
    problems.check(
      cdn.defaultTtlSeconds <= cdn.maxTtlSeconds,
      'cdn.defaultTtlSeconds',
      cdn.defaultTtlSeconds,
      `is above cdn.maxTtlSeconds (${cdn.maxTtlSeconds}); CloudFront requires min <= default <= max`,
      `lower cdn.defaultTtlSeconds to at most ${cdn.maxTtlSeconds} or raise cdn.maxTtlSeconds`,
    );
  }
  seconds('cdn.hstsMaxAgeSeconds', cdn.hstsMaxAgeSeconds);
  problems.check(
    typeof cdn.defaultRootObject === 'string' && /^[^/\s][^\s]*$/.test(cdn.defaultRootObject),
    'cdn.defaultRootObject',
    cdn.defaultRootObject,
    'is not an object key without a leading slash',
    'use a key such as "index.html"',
  );

  validateCustomDomain(cdn.domainName, cdn.certificateArn, problems);
  problems.check(
    !cdn.waf || config.region === CLOUDFRONT_REGION,
    'cdn.waf',
    cdn.waf,
    `needs the stack in ${CLOUDFRONT_REGION} (region is "${config.region}"): a web ACL for CloudFront can only be created there`,
    `set region to "${CLOUDFRONT_REGION}" or cdn.waf to false`,
  );
  problems.check(
    typeof cdn.additionalMetrics === 'boolean',
    'cdn.additionalMetrics',
    cdn.additionalMetrics,
    'is not true or false',
    "set true for CloudFront's additional metrics (cache hit rate), false to save their cost",
  );

  if (cdn.geoRestriction) {
    const { type, countries } = cdn.geoRestriction;
    problems.check(['allowlist', 'denylist'].includes(type), 'cdn.geoRestriction.type', type, 'is not a restriction type', 'use "allowlist" or "denylist"');
    problems.check(countries.length > 0, 'cdn.geoRestriction.countries', countries, 'is empty', 'list at least one country, or remove cdn.geoRestriction');
    const bad = countries.filter((c) => !COUNTRY_CODE.test(c));
    problems.check(
      bad.length === 0,
      'cdn.geoRestriction.countries',
      bad,
      'are not ISO 3166-1 alpha-2 country codes',
      'use two capital letters per country, e.g. "US", "DE"',
    );
  }
}

function validateReplication(config: EdgeConfig, problems: ConfigProblems): void {
  const replication = config.replication;
  problems.check(
    typeof replication.enabled === 'boolean',
    'replication.enabled',
    replication.enabled,
    'is not true or false',
    "set true to replicate both buckets to replication.region, false to save the second copy's cost",
  );
  checkSecondRegion(problems, 'replication.region', replication.region, config.region, replication.enabled, 'a replica');
}

function validateCustomDomain(domainName: string | undefined, certificateArn: string | undefined, problems: ConfigProblems): void {
  if (domainName !== undefined) {
    problems.check(DOMAIN_NAME.test(domainName), 'cdn.domainName', domainName, 'is not a lowercase DNS name', 'use a name such as "cdn.showcore.com"');
    problems.check(
      certificateArn !== undefined,
      'cdn.certificateArn',
      certificateArn,
      `is missing: the custom domain "${domainName}" needs an ACM certificate that covers it`,
      `request or import a certificate for ${domainName} in ACM in ${CLOUDFRONT_REGION} and set its ARN, or remove cdn.domainName`,
    );
  }
  if (certificateArn !== undefined) {
    problems.check(
      domainName !== undefined,
      'cdn.domainName',
      domainName,
      'is missing while cdn.certificateArn is set: CloudFront serves a certificate only for an alternate domain name',
      'set cdn.domainName to the name the certificate covers, or remove cdn.certificateArn',
    );
    const match = ACM_CERTIFICATE_ARN.exec(certificateArn);
    if (!match) {
      problems.add('cdn.certificateArn', certificateArn, 'is not an ACM certificate ARN', `use arn:aws:acm:${CLOUDFRONT_REGION}:<account>:certificate/<id>`);
    } else {
      problems.check(
        match[1] === CLOUDFRONT_REGION,
        'cdn.certificateArn',
        certificateArn,
        `is in ${match[1]}, but CloudFront only uses ACM certificates from ${CLOUDFRONT_REGION}`,
        `request or import the certificate in ACM in ${CLOUDFRONT_REGION} and use that ARN`,
      );
    }
  }
}

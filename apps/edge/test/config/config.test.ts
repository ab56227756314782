import { ENVIRONMENTS, type EnvironmentName } from '@showcore/naming';
import { synthesize } from '@showcore/testing';
import { buildEdgeApp } from '../../src/app';
import { applyOverrides, costOptimized, environmentConfig, loadConfig, validateEdgeConfig, type EdgeConfigOverrides } from '../../src/config';

const SOURCE = 'apps/edge/src/config (environment "dev")';
const errorOf = (overrides: EdgeConfigOverrides, environment: EnvironmentName = 'dev'): string => {
  try {
    validateEdgeConfig(applyOverrides(environmentConfig(environment), overrides), environment, SOURCE);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be rejected');
};

describe('what the edge stack holds outlives it outside local', () => {
  it.each(['dev', 'staging', 'prod'] as const)('"destroy" is refused in %s', (environment) => {
    expect(errorOf({ removal: 'destroy' }, environment)).toContain(
      `removal = "destroy": would delete the resource and its data, with no snapshot and nothing retained, when it leaves the "${environment}" stack`,
    );
  });

  it('prod keeps termination protection', () => {
    expect(errorOf({ terminationProtection: false }, 'prod')).toContain('terminationProtection = false: is off in prod');
  });

  it('cdn.additionalMetrics is a yes/no', () => {
    expect(errorOf({ cdn: { additionalMetrics: 'on' as unknown as boolean } })).toContain('cdn.additionalMetrics = "on": is not true or false');
  });

  it('local may destroy (moto is throwaway)', () => {
    expect(() => validateEdgeConfig(environmentConfig('local'), 'local', SOURCE)).not.toThrow();
  });
});

describe('loadConfig', () => {
  it('gives the cost-optimized values of tasks.md in dev', () => {
    expect(loadConfig('dev')).toEqual({
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
        defaultTtlSeconds: 86400,
        maxTtlSeconds: 31536000,
        defaultRootObject: 'index.html',
        hstsMaxAgeSeconds: 31536000,
        accessLogging: false,
        waf: false,
        additionalMetrics: false,
      },
      replication: { enabled: false, region: 'us-west-2' },
    });
  });

  it.each([
    ['local', { removal: 'destroy', terminationProtection: false, tagSsmParameters: false, cdnEnabled: false }],
    ['dev', { removal: 'retain', terminationProtection: false, tagSsmParameters: true, cdnEnabled: true }],
    ['staging', { removal: 'retain', terminationProtection: false, tagSsmParameters: true, cdnEnabled: true }],
    ['prod', { removal: 'retain', terminationProtection: true, tagSsmParameters: true, cdnEnabled: true }],
  ] as const)('%s differs from the profile only where it must', (environment, expected) => {
    const config = loadConfig(environment);
    expect({
      removal: config.removal,
      terminationProtection: config.terminationProtection,
      tagSsmParameters: config.tagSsmParameters,
      cdnEnabled: config.cdn.enabled,
    }).toEqual(expected);
    expect({ ...config.backups, ...config.staticAssets, encryptionKey: config.encryptionKey, ttl: config.cdn.defaultTtlSeconds }).toEqual({
      ...costOptimized.backups,
      ...costOptimized.staticAssets,
      encryptionKey: 'aws-managed',
      ttl: 86400,
    });
  });

  it.each(ENVIRONMENTS)(
    'hardened in %s adds KMS, S3 and CloudFront access logs, WAF, additional metrics and cross-region replication to the environment values',
    (environment) => {
      const own = loadConfig(environment);
      expect(own.replication.enabled).toBe(false);
      expect(loadConfig(environment, 'hardened')).toEqual({
        ...own,
        encryptionKey: 'customer-managed',
        serverAccessLogs: true,
        cdn: { ...own.cdn, accessLogging: true, waf: true, additionalMetrics: true },
        replication: { enabled: true, region: 'us-west-2' },
      });
    },
  );

  it('rejects an unknown profile, listing the choices', () => {
    expect(() => loadConfig('dev', 'gold')).toThrow(
      'Unknown configuration profile "gold" (from the CDK context "profile"). Expected one of: hardened. ' +
        "Pass one with -c profile=<name>, or leave it out for the environment's own values.",
    );
  });

  it('fails the app build on an unknown profile', () => {
    expect(() => synthesize('dev', (app) => void buildEdgeApp(app), { context: { profile: 'gold' } })).toThrow('Unknown configuration profile "gold"');
  });
});

describe('validateEdgeConfig reports every problem at once', () => {
  it('lists expiry before transition, TTLs out of order and a certificate outside us-east-1 together', () => {
    expect(
      errorOf({
        backups: { transitionToGlacierDays: 30, expirationDays: 20 },
        cdn: {
          defaultTtlSeconds: 86400,
          maxTtlSeconds: 3600,
          domainName: 'cdn.showcore.example',
          certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/abc-123',
        },
      }),
    ).toBe(
      `Invalid configuration in ${SOURCE} (3 problems):\n` +
        '  - backups.expirationDays = 20: expires backups no later than their transition to Glacier Flexible Retrieval (backups.transitionToGlacierDays = 30); S3 rejects such a lifecycle rule. Fix: make backups.expirationDays greater than 30, or lower backups.transitionToGlacierDays\n' +
        '  - cdn.defaultTtlSeconds = 86400: is above cdn.maxTtlSeconds (3600); CloudFront requires min <= default <= max. Fix: lower cdn.defaultTtlSeconds to at most 3600 or raise cdn.maxTtlSeconds\n' +
        '  - cdn.certificateArn = "arn:aws:acm:eu-west-1:111122223333:certificate/abc-123": is in eu-west-1, but CloudFront only uses ACM certificates from us-east-1. Fix: request or import the certificate in ACM in us-east-1 and use that ARN',
    );
  });

  it('lists a domain without a certificate, min TTL above default and WAF outside us-east-1 together', () => {
    expect(errorOf({ region: 'eu-west-1', cdn: { domainName: 'cdn.showcore.example', waf: true, minTtlSeconds: 100000 } })).toBe(
      `Invalid configuration in ${SOURCE} (3 problems):\n` +
        '  - cdn.minTtlSeconds = 100000: is above cdn.defaultTtlSeconds (86400); CloudFront requires min <= default <= max. Fix: lower cdn.minTtlSeconds to at most 86400\n' +
        '  - cdn.certificateArn = undefined: is missing: the custom domain "cdn.showcore.example" needs an ACM certificate that covers it. Fix: request or import a certificate for cdn.showcore.example in ACM in us-east-1 and set its ARN, or remove cdn.domainName\n' +
        '  - cdn.waf = true: needs the stack in us-east-1 (region is "eu-west-1"): a web ACL for CloudFront can only be created there. Fix: set region to "us-east-1" or cdn.waf to false',
    );
  });

  it.each<[string, EdgeConfigOverrides, string]>([
    ['expiry on the day of the transition', { backups: { expirationDays: 30 } }, 'backups.expirationDays = 30: expires backups no later than their transition'],
    [
      'a certificate without a domain',
      { cdn: { certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc' } },
      'cdn.domainName = undefined: is missing while cdn.certificateArn is set',
    ],
    [
      'a malformed certificate ARN',
      { cdn: { domainName: 'cdn.showcore.example', certificateArn: 'arn:aws:iam::111122223333:server-certificate/x' } },
      'is not an ACM certificate ARN',
    ],
    [
      'an upper-case domain',
      { cdn: { domainName: 'CDN.ShowCore.com', certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc' } },
      'cdn.domainName = "CDN.ShowCore.com": is not a lowercase DNS name',
    ],
    [
      'fractional days',
      { staticAssets: { noncurrentVersionExpirationDays: 1.5 } },
      'staticAssets.noncurrentVersionExpirationDays = 1.5: is not a whole number of days of at least 1',
    ],
    [
      'zero days',
      { backups: { noncurrentVersionExpirationDays: 0 } },
      'backups.noncurrentVersionExpirationDays = 0: is not a whole number of days of at least 1',
    ],
    ['negative TTL', { cdn: { minTtlSeconds: -1 } }, 'cdn.minTtlSeconds = -1: is not a whole number of seconds of at least 0'],
    [
      'a root object with a leading slash',
      { cdn: { defaultRootObject: '/index.html' } },
      'cdn.defaultRootObject = "/index.html": is not an object key without a leading slash',
    ],
    ['an unknown price class', { cdn: { priceClass: 'PriceClass_50' as never } }, 'cdn.priceClass = "PriceClass_50": is not a CloudFront price class'],
    ['an unknown encryption key', { encryptionKey: 'KMS' as never }, 'encryptionKey = "KMS": is not an encryption key choice'],
    ['a bad region', { region: 'us-east' }, 'region = "us-east": is not an AWS region name'],
    [
      'a bad replication region',
      { replication: { region: 'oregon' } },
      'replication.region = "oregon": is not an AWS region name. Fix: use a region such as "us-west-2"',
    ],
    [
      "replication into the tier's own region",
      { replication: { enabled: true, region: 'us-east-1' } },
      'replication.region = "us-east-1": is the tier\'s own region (region is "us-east-1"): a replica in the same region protects against no regional outage. Fix: use another region, e.g. "us-west-2"',
    ],
    ['replication.enabled not a yes/no', { replication: { enabled: 'yes' as unknown as boolean } }, 'replication.enabled = "yes": is not true or false'],
    ['an empty geo restriction', { cdn: { geoRestriction: { type: 'allowlist', countries: [] } } }, 'cdn.geoRestriction.countries = []: is empty'],
    [
      'bad country codes',
      { cdn: { geoRestriction: { type: 'denylist', countries: ['US', 'usa'] } } },
      'cdn.geoRestriction.countries = ["usa"]: are not ISO 3166-1 alpha-2 country codes',
    ],
  ])('rejects %s', (_case, overrides, expected) => {
    const message = errorOf(overrides);
    expect(message).toContain(`Invalid configuration in ${SOURCE} (1 problem):`);
    expect(message).toContain(expected);
  });

  it("accepts the tier's own region as replication.region while replication is off (the setting is unused then)", () => {
    expect(() => validateEdgeConfig(applyOverrides(environmentConfig('dev'), { region: 'us-west-2' }), 'dev', SOURCE)).not.toThrow();
  });

  it('reports a bad replication region together with the other problems', () => {
    const message = errorOf({ replication: { enabled: true, region: 'us-east-1' }, backups: { expirationDays: 30 } });
    expect(message).toContain(`Invalid configuration in ${SOURCE} (2 problems):`);
    expect(message).toContain('replication.region = "us-east-1"');
    expect(message).toContain('backups.expirationDays = 30');
  });

  it('accepts every environment with and without the hardened profile', () => {
    for (const environment of ENVIRONMENTS) {
      expect(() => loadConfig(environment)).not.toThrow();
      expect(() => loadConfig(environment, 'hardened')).not.toThrow();
    }
  });
});

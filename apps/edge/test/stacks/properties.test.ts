import fc from 'fast-check';
import { configVariant, nagFindings, resourcesOfType } from '@showcore/testing';
import { costOptimized, validateEdgeConfig, type BackupsBucketConfig, type CdnConfig, type EdgeConfig } from '../../src/config';
import { CUSTOM_DOMAIN, synthesizeConfig } from '../helpers';

const days = (max = 400) => fc.integer({ min: 1, max });

/** Lifecycle days in a valid order: expiration strictly after the Glacier transition. */
const backups = (): fc.Arbitrary<BackupsBucketConfig> =>
  fc.tuple(days(), fc.integer({ min: 1, max: 730 }), days(), fc.boolean()).map(([transition, extra, noncurrent, requestMetrics]) => ({
    transitionToGlacierDays: transition,
    expirationDays: transition + extra,
    noncurrentVersionExpirationDays: noncurrent,
    requestMetrics,
  }));

/** CDN settings with TTLs in order and every switch free. */
const cdn = (): fc.Arbitrary<CdnConfig> =>
  fc
    .record({
      enabled: fc.boolean(),
      priceClass: fc.constantFrom('PriceClass_100', 'PriceClass_200', 'PriceClass_All') as fc.Arbitrary<CdnConfig['priceClass']>,
      ttls: fc.array(fc.integer({ min: 0, max: 63_072_000 }), { minLength: 3, maxLength: 3 }).map((t) => [...t].sort((a, b) => a - b)),
      accessLogging: fc.boolean(),
      waf: fc.boolean(),
      customDomain: fc.boolean(),
      geoRestriction: fc.option(
        fc.record({
          type: fc.constantFrom('allowlist', 'denylist') as fc.Arbitrary<'allowlist' | 'denylist'>,
          countries: fc.subarray(['US', 'CA', 'DE', 'FR', 'GB'], { minLength: 1 }),
        }),
        { nil: undefined },
      ),
    })
    .map(({ ttls, customDomain, geoRestriction, ...rest }) => ({
      ...costOptimized.cdn,
      ...rest,
      minTtlSeconds: ttls[0],
      defaultTtlSeconds: ttls[1],
      maxTtlSeconds: ttls[2],
      ...(customDomain ? CUSTOM_DOMAIN : {}),
      ...(geoRestriction ? { geoRestriction } : {}),
    }));

const edgeConfig = (): fc.Arbitrary<EdgeConfig> =>
  configVariant(costOptimized, {
    encryptionKey: fc.constantFrom('aws-managed', 'customer-managed'),
    serverAccessLogs: fc.boolean(),
    removal: fc.constantFrom('retain', 'destroy'),
    tagSsmParameters: fc.boolean(),
    accessLogsExpirationDays: days(),
    staticAssets: fc.record({ noncurrentVersionExpirationDays: days(), requestMetrics: fc.boolean() }),
    backups: backups(),
    cdn: cdn(),
  });

const isBucket = (type: string) => type === 'AWS::S3::Bucket';
const bucketArn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const objectsArn = (id: string) => ({ 'Fn::Join': ['', [bucketArn(id), '/*']] });
const isPublicPrincipal = (principal: any) => principal === '*' || principal?.AWS === '*' || (Array.isArray(principal?.AWS) && principal.AWS.includes('*'));

describe('for every valid edge configuration', () => {
  it('every bucket is private, denies requests without TLS, is encrypted as configured, and cdk-nag finds nothing', () => {
    fc.assert(
      fc.property(edgeConfig(), (config) => {
        validateEdgeConfig(config, config.removal === 'destroy' ? 'local' : 'dev', 'generated configuration');
        const result = synthesizeConfig(config);
        const template = result.template('Edge');
        const resources = template.toJSON().Resources as Record<string, any>;
        const buckets = resourcesOfType([template], 'AWS::S3::Bucket');
        const policies = resourcesOfType([template], 'AWS::S3::BucketPolicy');
        expect(buckets.length).toBe(config.serverAccessLogs || (config.cdn.enabled && config.cdn.accessLogging) ? 3 : 2);

        for (const bucket of buckets) {
          // No bucket is public: every block on, no public canned ACL, no policy statement granting to everyone.
          expect(bucket.properties.PublicAccessBlockConfiguration).toEqual({
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          });
          expect(bucket.properties.AccessControl).toBeUndefined();
          const policy = policies.find((p) => p.properties.Bucket?.Ref === bucket.logicalId);
          expect(policy).toBeDefined();
          const statements: any[] = policy?.properties.PolicyDocument.Statement ?? [];
          expect(statements.filter((s) => s.Effect === 'Allow' && isPublicPrincipal(s.Principal))).toEqual([]);
          // Every Allow is for an AWS service principal, scoped by the calling resource's ARN.
          for (const allow of statements.filter((s) => s.Effect === 'Allow')) {
            expect(Object.keys(allow.Principal)).toEqual(['Service']);
            expect(JSON.stringify(allow.Condition)).toMatch(/"aws:SourceArn"/i);
          }
          // Every bucket denies non-TLS access to the bucket and its objects.
          expect(statements).toContainEqual({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Resource: [bucketArn(bucket.logicalId), objectsArn(bucket.logicalId)],
          });
        }

        // Encryption as configured: the data buckets follow `encryptionKey`; the access-logs bucket is always SSE-S3.
        for (const bucket of buckets) {
          const byDefault = bucket.properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault;
          const isLogs = bucket.properties.BucketName['Fn::Join'][1][0].startsWith('showcore-edge-access-logs-');
          if (isLogs || config.encryptionKey === 'aws-managed') {
            expect(byDefault).toEqual({ SSEAlgorithm: 'AES256' });
          } else {
            expect(byDefault.SSEAlgorithm).toBe('aws:kms');
            const keyId = byDefault.KMSMasterKeyID['Fn::GetAtt'][0];
            expect(resources[keyId].Type).toBe('AWS::KMS::Key');
            expect(resources[keyId].Properties.EnableKeyRotation).toBe(true);
          }
        }
        expect(Object.values(resources).filter((r) => isBucket(r.Type) && r.DeletionPolicy !== (config.removal === 'retain' ? 'Retain' : 'Delete'))).toEqual(
          [],
        );

        expect(nagFindings(result.app)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

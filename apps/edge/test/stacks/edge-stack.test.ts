import { Match } from 'aws-cdk-lib/assertions';
import { S3_REQUEST_METRICS_FILTER_ID } from '@showcore/naming';
import { ACCOUNT_ID, joined, logicalIdOf, onlyResource, resourcesOfType } from '@showcore/testing';
import { synthesizeEnvironment } from '../helpers';

const accountJoin = (prefix: string) => joined(prefix, ACCOUNT_ID);
const bucketAndObjects = (bucketId: string) => [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] }];
const tlsDeny = (bucketId: string) => ({
  Effect: 'Deny',
  Action: 's3:*',
  Principal: { AWS: '*' },
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  Resource: bucketAndObjects(bucketId),
});
const oldTlsDeny = (bucketId: string) => ({
  Effect: 'Deny',
  Action: 's3:*',
  Principal: { AWS: '*' },
  Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
  Resource: bucketAndObjects(bucketId),
});

describe('edge stack in dev (cost-optimized profile)', () => {
  const result = synthesizeEnvironment('dev');
  const template = result.template('Edge');
  const stack = result.stacks[0];
  const staticId = logicalIdOf(stack, 'StaticAssetsBucket');
  const backupsId = logicalIdOf(stack, 'BackupsBucket');
  const distributionId = logicalIdOf(stack, 'CloudFrontDistribution');
  const distributionConfig = () => template.toJSON().Resources[distributionId].Properties.DistributionConfig;

  it('is the showcore-edge-dev-stack stack in us-east-1 without termination protection', () => {
    expect(stack.stackName).toBe('showcore-edge-dev-stack');
    expect(stack.region).toBe('us-east-1');
    expect(stack.terminationProtection).toBe(false);
  });

  it('creates exactly the static-assets and backups buckets (no access-logs bucket, no KMS key, no WAF)', () => {
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
  });

  it.each([
    ['StaticAssetsBucket', 'showcore-static-assets-dev-'],
    ['BackupsBucket', 'showcore-backups-dev-'],
  ])('%s is named %s<account>, versioned, SSE-S3, private, ACL-free, with request metrics, retained', (constructId, prefix) => {
    const id = logicalIdOf(stack, constructId);
    const bucket = template.toJSON().Resources[id];
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.UpdateReplacePolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      BucketName: accountJoin(prefix),
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      MetricsConfigurations: [{ Id: S3_REQUEST_METRICS_FILTER_ID }],
    });
    expect(bucket.Properties.MetricsConfigurations[0]).toEqual({ Id: 'EntireBucket' });
    expect(bucket.Properties.LoggingConfiguration).toBeUndefined();
    expect(bucket.Properties.AccessControl).toBeUndefined();
  });

  it('expires noncurrent static-asset versions after 90 days and nothing current', () => {
    const rules = template.toJSON().Resources[staticId].Properties.LifecycleConfiguration.Rules;
    expect(rules).toEqual([
      {
        Id: 'ExpireNoncurrentVersions',
        Status: 'Enabled',
        NoncurrentVersionExpiration: { NoncurrentDays: 90 },
        ExpiredObjectDeleteMarker: true,
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      },
    ]);
  });

  it('moves backups to Glacier Flexible Retrieval at 30 days, expires them at 90, noncurrent versions at 90', () => {
    const rules = template.toJSON().Resources[backupsId].Properties.LifecycleConfiguration.Rules;
    expect(rules).toEqual([
      {
        Id: 'ArchiveThenExpireBackups',
        Status: 'Enabled',
        Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 30 }],
        ExpirationInDays: 90,
        NoncurrentVersionExpiration: { NoncurrentDays: 90 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      },
      { Id: 'RemoveExpiredDeleteMarkers', Status: 'Enabled', ExpiredObjectDeleteMarker: true },
    ]);
  });

  it('lets only this distribution read static assets (OAC, AWS:SourceArn) and denies requests without TLS 1.2', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: staticId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          tlsDeny(staticId),
          oldTlsDeny(staticId),
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [staticId, 'Arn'] }, '/*']] },
            Condition: {
              StringEquals: {
                'AWS:SourceArn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudfront::', { Ref: 'AWS::AccountId' }, ':distribution/', { Ref: distributionId }]],
                },
              },
            },
          },
        ]),
      },
    });
  });

  it('grants nothing in the backups bucket policy (IAM only): its only statements deny', () => {
    const policy = resourcesOfType([template], 'AWS::S3::BucketPolicy').find((p) => p.properties.Bucket.Ref === backupsId);
    const statements: any[] = policy?.properties.PolicyDocument.Statement ?? [];
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((s) => s.Effect === 'Deny')).toBe(true);
    expect(statements).toEqual([tlsDeny(backupsId), oldTlsDeny(backupsId)]);
  });

  it('serves the bucket through origin access control (not an OAI), SigV4 always', () => {
    const oacId = logicalIdOf(stack, 'OriginAccessControl');
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        Name: 'showcore-cdn-dev-static-assets-oac',
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    expect(distributionConfig().Origins).toEqual([
      {
        Id: expect.any(String),
        DomainName: { 'Fn::GetAtt': [staticId, 'RegionalDomainName'] },
        OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] },
        S3OriginConfig: { OriginAccessIdentity: '' },
      },
    ]);
  });

  it('uses PriceClass_100, redirects HTTP to HTTPS, compresses, serves index.html for /', () => {
    expect(distributionConfig()).toMatchObject({
      Enabled: true,
      PriceClass: 'PriceClass_100',
      DefaultRootObject: 'index.html',
      HttpVersion: 'http2and3',
      IPV6Enabled: true,
      DefaultCacheBehavior: {
        ViewerProtocolPolicy: 'redirect-to-https',
        Compress: true,
        AllowedMethods: ['GET', 'HEAD'],
        CachePolicyId: { Ref: logicalIdOf(stack, 'CachePolicy') },
        ResponseHeadersPolicyId: { Ref: logicalIdOf(stack, 'SecurityHeadersPolicy') },
      },
    });
  });

  it('has no custom certificate, logging, WAF or geo restriction in the cost-optimized profile', () => {
    const config = distributionConfig();
    expect(config.ViewerCertificate).toBeUndefined();
    expect(config.Aliases).toBeUndefined();
    expect(config.Logging).toBeUndefined();
    expect(config.WebACLId).toBeUndefined();
    expect(config.Restrictions).toBeUndefined();
  });

  it('caches with default TTL 86400 s, max TTL 31536000 s, gzip and brotli', () => {
    const policy = onlyResource(template, 'AWS::CloudFront::CachePolicy').properties.CachePolicyConfig;
    expect(policy).toMatchObject({
      Name: 'showcore-cdn-dev-static-assets-cache',
      MinTTL: 0,
      DefaultTTL: 86400,
      MaxTTL: 31536000,
      ParametersInCacheKeyAndForwardedToOrigin: {
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
        HeadersConfig: { HeaderBehavior: 'none' },
        QueryStringsConfig: { QueryStringBehavior: 'none' },
        CookiesConfig: { CookieBehavior: 'none' },
      },
    });
  });

  it('adds HSTS, nosniff, DENY framing and a strict referrer policy to every response', () => {
    const policy = onlyResource(template, 'AWS::CloudFront::ResponseHeadersPolicy').properties.ResponseHeadersPolicyConfig;
    expect(policy.Name).toBe('showcore-cdn-dev-security-headers');
    expect(policy.SecurityHeadersConfig).toEqual({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
    });
  });

  it.each([
    ['/showcore/dev/edge/static-assets-bucket-name', () => ({ Ref: staticId })],
    ['/showcore/dev/edge/static-assets-bucket-arn', () => ({ 'Fn::GetAtt': [staticId, 'Arn'] })],
    ['/showcore/dev/edge/backups-bucket-name', () => ({ Ref: backupsId })],
    ['/showcore/dev/edge/backups-bucket-arn', () => ({ 'Fn::GetAtt': [backupsId, 'Arn'] })],
    ['/showcore/dev/edge/distribution-id', () => ({ Ref: distributionId })],
    ['/showcore/dev/edge/distribution-domain-name', () => ({ 'Fn::GetAtt': [distributionId, 'DomainName'] })],
  ])('publishes %s', (name, value) => {
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: name, Type: 'String', Value: value() });
  });

  it('publishes exactly those six parameters', () => {
    template.resourceCountIs('AWS::SSM::Parameter', 6);
  });

  it('tags resources with the standard tags', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      Tags: [
        { Key: 'CostCenter', Value: 'Engineering' },
        { Key: 'Environment', Value: 'Development' },
        { Key: 'ManagedBy', Value: 'CDK' },
        { Key: 'Phase', Value: 'Phase1' },
        { Key: 'Project', Value: 'ShowCore' },
        { Key: 'Tier', Value: 'edge' },
      ],
    });
  });

  it('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

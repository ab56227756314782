import { Match } from 'aws-cdk-lib/assertions';
import { expectNoNagFindings, logicalIdOf, onlyResource, resourcesOfType, type SynthResult } from '@showcore/testing';
import { CUSTOM_DOMAIN, synthesizeConfig, synthesizeEnvironment, synthesizeTemplates, variantOf } from '../helpers';

const distributionConfigOf = (result: SynthResult) => onlyResource(result.template('Edge'), 'AWS::CloudFront::Distribution').properties.DistributionConfig;

describe('custom domain with an ACM certificate', () => {
  const result = synthesizeConfig(variantOf('dev', { cdn: { ...CUSTOM_DOMAIN } }));

  it('serves the domain with the certificate, SNI and minimum protocol TLSv1.2_2021', () => {
    const config = distributionConfigOf(result);
    expect(config.Aliases).toEqual(['cdn.showcore.example']);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: CUSTOM_DOMAIN.certificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
  });

  it('passes cdk-nag', () => {
    expectNoNagFindings(result.app);
  });
});

describe('geo restriction', () => {
  it.each([
    ['allowlist', 'whitelist'],
    ['denylist', 'blacklist'],
  ] as const)('%s becomes a CloudFront %s of the configured countries', (type, restrictionType) => {
    const result = synthesizeConfig(variantOf('dev', { cdn: { geoRestriction: { type, countries: ['US', 'DE'] } } }));
    expect(distributionConfigOf(result).Restrictions).toEqual({ GeoRestriction: { RestrictionType: restrictionType, Locations: ['US', 'DE'] } });
    expectNoNagFindings(result.app);
  });
});

describe('request metrics switched off', () => {
  const result = synthesizeTemplates(variantOf('dev', { staticAssets: { requestMetrics: false }, backups: { requestMetrics: false } }));

  it('leaves both buckets without a metrics configuration', () => {
    for (const bucket of resourcesOfType([result.template('Edge')], 'AWS::S3::Bucket')) {
      expect(bucket.properties.MetricsConfigurations).toBeUndefined();
    }
  });
});

describe('S3 server access logs without CloudFront logs', () => {
  const result = synthesizeConfig(variantOf('dev', { serverAccessLogs: true }));
  const template = result.template('Edge');

  it('keeps ACLs disabled on the access-logs bucket (only CloudFront standard logging needs them)', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: { 'Fn::Join': ['', ['showcore-edge-access-logs-dev-', { Ref: 'AWS::AccountId' }]] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expectNoNagFindings(result.app);
  });
});

describe('hardened profile (prod)', () => {
  const result = synthesizeEnvironment('prod', 'hardened');
  const template = result.template('Edge');
  const stack = result.stacks[0];
  const resources = template.toJSON().Resources;
  const staticId = logicalIdOf(stack, 'StaticAssetsBucket');
  const backupsId = logicalIdOf(stack, 'BackupsBucket');
  const logsId = logicalIdOf(stack, 'AccessLogsBucket');

  it.each([
    ['StaticAssetsBucket', 'StaticAssetsBucketKey', 'alias/showcore-static-assets-prod-key'],
    ['BackupsBucket', 'BackupsBucketKey', 'alias/showcore-backups-prod-key'],
  ])('%s is encrypted with its own rotating customer-managed key (%s) and an S3 Bucket Key', (bucketId, keyId, alias) => {
    const keyLogicalId = logicalIdOf(stack, keyId);
    expect(resources[keyLogicalId].Properties.EnableKeyRotation).toBe(true);
    expect(resources[keyLogicalId].DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: alias, TargetKeyId: { 'Fn::GetAtt': [keyLogicalId, 'Arn'] } });
    expect(resources[logicalIdOf(stack, bucketId)].Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyLogicalId, 'Arn'] } } },
      ],
    });
  });

  it('lets CloudFront decrypt with the static-assets key only, never with the backups key', () => {
    const cloudFrontStatements = (keyId: string) =>
      resources[logicalIdOf(stack, keyId)].Properties.KeyPolicy.Statement.filter((s: any) => s.Principal?.Service === 'cloudfront.amazonaws.com');
    expect(cloudFrontStatements('StaticAssetsBucketKey')).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: 'kms:Decrypt', Condition: { ArnLike: { 'AWS:SourceArn': expect.anything() } } }),
    ]);
    expect(cloudFrontStatements('BackupsBucketKey')).toEqual([]);
  });

  it('keeps the access-logs bucket on SSE-S3 with ACLs for CloudFront, public access blocked, logs expiring after 90 days', () => {
    expect(resources[logsId].Properties).toMatchObject({
      BucketName: { 'Fn::Join': ['', ['showcore-edge-access-logs-prod-', { Ref: 'AWS::AccountId' }]] },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: {
        Rules: [{ Id: 'ExpireLogs', Status: 'Enabled', ExpirationInDays: 90, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }],
      },
    });
    expect(resources[logsId].Properties.AccessControl).toBeUndefined();
  });

  it.each([
    ['StaticAssetsBucket', 's3/static-assets/'],
    ['BackupsBucket', 's3/backups/'],
  ])('%s sends server access logs under %s, admitted by the logs bucket policy for that bucket only', (bucketId, prefix) => {
    const id = logicalIdOf(stack, bucketId);
    expect(resources[id].Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logsId }, LogFilePrefix: prefix });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logsId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: 's3:PutObject',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logsId, 'Arn'] }, `/${prefix}*`]] },
            Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [id, 'Arn'] } }, StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ]),
      },
    });
  });

  it('writes CloudFront standard logs to the access-logs bucket under cloudfront/', () => {
    expect(distributionConfigOf(result).Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [logsId, 'RegionalDomainName'] },
      IncludeCookies: false,
      Prefix: 'cloudfront/',
    });
  });

  it('attaches a CloudFront-scoped web ACL with the AWS managed rule groups, allowing by default', () => {
    const webAclId = logicalIdOf(stack, 'WebAcl');
    expect(distributionConfigOf(result).WebACLId).toEqual({ 'Fn::GetAtt': [webAclId, 'Arn'] });
    const webAcl = resources[webAclId].Properties;
    expect(webAcl).toMatchObject({ Name: 'showcore-cdn-prod-web-acl', Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    expect(webAcl.Rules.map((r: any) => [r.Priority, r.Statement.ManagedRuleGroupStatement, r.OverrideAction])).toEqual([
      [0, { VendorName: 'AWS', Name: 'AWSManagedRulesAmazonIpReputationList' }, { None: {} }],
      [1, { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' }, { None: {} }],
      [2, { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' }, { None: {} }],
    ]);
  });

  it('keeps the static-assets and backups buckets private and TLS-only', () => {
    for (const id of [staticId, backupsId]) {
      expect(resources[id].Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
  });
});

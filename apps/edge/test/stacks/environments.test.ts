import { ENVIRONMENTS, type EnvironmentName } from '@showcore/naming';
import { expectNoNagFindings, resourcesOfType, synthesize, type SynthResult } from '@showcore/testing';
import { buildEdgeApp } from '../../src/app';
import { CDN_NOT_DEPLOYED } from '../../src/config';

// One synthesis per environment (and the hardened profile), shared by every test below.
const synths: Record<EnvironmentName, SynthResult> = Object.fromEntries(
  ENVIRONMENTS.map((environment) => [environment, synthesize(environment, (app) => void buildEdgeApp(app))]),
) as Record<EnvironmentName, SynthResult>;
const hardened = synthesize('prod', (app) => void buildEdgeApp(app), { context: { profile: 'hardened' } });

const statefulTypes = ['AWS::S3::Bucket', 'AWS::KMS::Key'];

describe.each(ENVIRONMENTS)('edge stack in %s', (environment) => {
  const result = synths[environment];

  it('passes cdk-nag AwsSolutions with every acknowledgement reasoned', () => {
    expectNoNagFindings(result.app);
  });

  it(`is named showcore-edge-${environment}-stack`, () => {
    expect(result.stacks[0].stackName).toBe(`showcore-edge-${environment}-stack`);
  });
});

describe('per-environment differences come from configuration', () => {
  it.each([
    ['local', 'Delete'],
    ['dev', 'Retain'],
    ['staging', 'Retain'],
    ['prod', 'Retain'],
  ] as const)('%s buckets have DeletionPolicy %s', (environment, policy) => {
    const stateful = resourcesOfType([synths[environment].template('Edge')]).filter((r) => statefulTypes.includes(r.type));
    expect(stateful.length).toBeGreaterThanOrEqual(2);
    for (const resource of stateful) {
      expect([resource.logicalId, resource.resource.DeletionPolicy, resource.resource.UpdateReplacePolicy]).toEqual([resource.logicalId, policy, policy]);
    }
  });

  it.each([
    ['local', false],
    ['dev', false],
    ['staging', false],
    ['prod', true],
  ] as const)('%s termination protection is %s', (environment, on) => {
    expect(synths[environment].stacks[0].terminationProtection).toBe(on);
  });

  it.each([
    ['local', 0],
    ['dev', 1],
    ['staging', 1],
    ['prod', 1],
  ] as const)('%s has %d CloudFront distribution(s)', (environment, count) => {
    synths[environment].template('Edge').resourceCountIs('AWS::CloudFront::Distribution', count);
  });

  it('tags SSM parameters everywhere but local (moto fails on tagged parameters)', () => {
    for (const environment of ENVIRONMENTS) {
      const parameters = resourcesOfType([synths[environment].template('Edge')], 'AWS::SSM::Parameter');
      expect(parameters).toHaveLength(6);
      for (const parameter of parameters) {
        expect([environment, parameter.properties.Tags === undefined]).toEqual([environment, environment === 'local']);
      }
    }
  });
});

describe('edge stack in local (moto)', () => {
  const template = synths.local.template('Edge');
  const resources = resourcesOfType([template]);

  it('has no Lambda function and no custom resource (moto cannot run them)', () => {
    const offending = resources.filter(
      (r) => r.type === 'AWS::Lambda::Function' || r.type === 'AWS::CloudFormation::CustomResource' || r.type.startsWith('Custom::'),
    );
    expect(offending).toEqual([]);
  });

  it('creates no CloudFront resource at all (cdn.enabled is false: moto skips them and fails on their attributes)', () => {
    expect(resources.filter((r) => r.type.startsWith('AWS::CloudFront::'))).toEqual([]);
  });

  it.each(['/showcore/local/edge/distribution-id', '/showcore/local/edge/distribution-domain-name'])(
    'publishes %s as the "not deployed" placeholder',
    (name) => {
      template.hasResourceProperties('AWS::SSM::Parameter', { Name: name, Value: CDN_NOT_DEPLOYED });
    },
  );

  it('still creates both buckets, versioned and encrypted, to be destroyed with the stack', () => {
    const buckets = resourcesOfType([template], 'AWS::S3::Bucket');
    expect(buckets.map((b) => b.properties.BucketName)).toEqual([
      { 'Fn::Join': ['', ['showcore-static-assets-local-', { Ref: 'AWS::AccountId' }]] },
      { 'Fn::Join': ['', ['showcore-backups-local-', { Ref: 'AWS::AccountId' }]] },
    ]);
    for (const bucket of buckets) {
      expect(bucket.properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(bucket.resource.DeletionPolicy).toBe('Delete');
    }
  });
});

describe('edge stack with the hardened profile (prod)', () => {
  it('passes cdk-nag AwsSolutions with no acknowledgement for KMS, logging or WAF', () => {
    expectNoNagFindings(hardened.app);
  });

  it('turns on KMS keys, the access-logs bucket, CloudFront logging and the web ACL', () => {
    const template = hardened.template('Edge');
    template.resourceCountIs('AWS::KMS::Key', 2);
    template.resourceCountIs('AWS::S3::Bucket', 3);
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { Logging: { Prefix: 'cloudfront/', IncludeCookies: false } },
    });
  });
});

describe('event notifications and CloudFront additional metrics', () => {
  const all = [...ENVIRONMENTS.map((environment) => [environment, synths[environment]] as const), ['prod-hardened', hardened] as const];

  it.each(all)('%s: every bucket sends its object events to EventBridge (free until a rule consumes them)', (_variant, result) => {
    const buckets = resourcesOfType([result.template('Edge')], 'AWS::S3::Bucket');
    expect(buckets.length).toBeGreaterThanOrEqual(2);
    for (const bucket of buckets) {
      expect([bucket.logicalId, bucket.properties.NotificationConfiguration]).toEqual([
        bucket.logicalId,
        { EventBridgeConfiguration: { EventBridgeEnabled: true } },
      ]);
    }
    // Through the bucket's own property, not CDK's Lambda-backed notifications resource.
    expect(resourcesOfType([result.template('Edge')], 'Custom::S3BucketNotifications')).toEqual([]);
  });

  it.each(ENVIRONMENTS)('%s (cost-optimized): no additional CloudFront metrics, whose 8 custom metrics are billed', (environment) => {
    expect(resourcesOfType([synths[environment].template('Edge')], 'AWS::CloudFront::MonitoringSubscription')).toEqual([]);
  });

  it('hardened: the distribution publishes its additional metrics, CacheHitRate among them', () => {
    const template = hardened.template('Edge');
    const [subscription, ...others] = resourcesOfType([template], 'AWS::CloudFront::MonitoringSubscription');
    expect(others).toEqual([]);
    const [distribution] = resourcesOfType([template], 'AWS::CloudFront::Distribution');
    expect(subscription.properties).toEqual({
      DistributionId: { Ref: distribution.logicalId },
      MonitoringSubscription: { RealtimeMetricsSubscriptionConfig: { RealtimeMetricsSubscriptionStatus: 'Enabled' } },
    });
  });
});

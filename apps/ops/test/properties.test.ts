import fc from 'fast-check';
import type { Template } from 'aws-cdk-lib/assertions';
import { configVariant, expectNoNagFindings, resourcesOfType } from '@showcore/testing';
import { LOG_RETENTION_DAYS } from '@showcore/naming';
import { environmentConfig, MANAGED_RULE_NAMES, validateOpsConfig, type OpsConfig } from '../src/config';
import { synthesizeConfig } from './helpers';

const email = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,8}[a-z0-9]$/), fc.constantFrom('showcore.com', 'ops.showcore.com', 'example.org'))
  .filter(([local]) => !local.includes('..'))
  .map(([local, domain]) => `${local}@${domain}`);
const emails = fc.uniqueArray(email, { maxLength: 3 });
const base = environmentConfig('dev');

/** Valid configurations: the dev values with any of these fields replaced by a valid value. */
const validConfig: fc.Arbitrary<OpsConfig> = configVariant(base, {
  region: fc.constantFrom('us-east-1', 'eu-west-1', 'us-west-2'),
  encryptionKey: fc.constantFrom('aws-managed' as const, 'customer-managed' as const),
  removal: fc.constantFrom('retain' as const, 'destroy' as const),
  logRetentionDays: fc.constantFrom(...LOG_RETENTION_DAYS),
  alertEmails: fc.record({ critical: emails, warning: emails, billing: emails }),
  billing: fc
    .record({
      levels: fc.uniqueArray(fc.integer({ min: 1, max: 5000 }), { minLength: 2, maxLength: 2 }),
      budget: fc.boolean(),
      budgetMonthlyUsd: fc.integer({ min: 1, max: 5000 }),
      anomalyDetection: fc.boolean(),
      anomalyThresholdUsd: fc.integer({ min: 1, max: 500 }),
    })
    .map(({ levels: [a, b], ...rest }) => ({ ...rest, warningUsd: Math.min(a, b), criticalUsd: Math.max(a, b) })),
  backup: fc.record({
    scheduleUtc: fc.constantFrom('00:00', '05:00', '06:00', '12:45', '22:00'),
    startWindowMinutes: fc.constantFrom(60, 120),
    completionWindowMinutes: fc.constant(240),
    retentionDays: fc.integer({ min: 1, max: 35 }),
    rdsBackupWindow: fc.constant(base.backup.rdsBackupWindow),
    rdsMaintenanceWindow: fc.constant(base.backup.rdsMaintenanceWindow),
  }),
  awsConfig: fc.record({
    recorder: fc.boolean(),
    recordingFrequency: fc.constantFrom('DAILY' as const, 'CONTINUOUS' as const),
    rules: fc.record(Object.fromEntries(MANAGED_RULE_NAMES.map((name) => [name, fc.boolean()]))),
    expirationDays: fc.integer({ min: 1, max: 365 }),
  }),
});

function everyTemplate(templates: Record<string, Template>, check: (template: Template) => void): void {
  for (const template of Object.values(templates)) check(template);
}

describe('for every valid configuration', () => {
  it('every alarm notifies a topic of its stack, every topic is TLS-only, every bucket is private, TLS-only and encrypted, every log group keeps the configured retention, and cdk-nag passes', () => {
    fc.assert(
      fc.property(validConfig, (generated) => {
        const config = validateOpsConfig(generated, generated.removal === 'destroy' ? 'local' : 'dev', 'generated');
        const result = synthesizeConfig(config);
        everyTemplate(result.templates, (template) => {
          const topics = new Set(resourcesOfType([template], 'AWS::SNS::Topic').map((t) => t.logicalId));

          for (const alarm of resourcesOfType([template], 'AWS::CloudWatch::Alarm')) {
            expect(alarm.properties.AlarmActions.length).toBeGreaterThan(0);
            for (const action of alarm.properties.AlarmActions) expect(topics.has(action.Ref)).toBe(true);
          }

          const policies = resourcesOfType([template], 'AWS::SNS::TopicPolicy');
          for (const topic of topics) {
            const policy = policies.find((p) => p.properties.Topics.some((t: any) => t.Ref === topic));
            expect(policy?.properties.PolicyDocument.Statement).toContainEqual(
              expect.objectContaining({ Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            );
          }

          const bucketPolicies = resourcesOfType([template], 'AWS::S3::BucketPolicy');
          for (const bucket of resourcesOfType([template], 'AWS::S3::Bucket')) {
            expect(bucket.properties.PublicAccessBlockConfiguration).toEqual({
              BlockPublicAcls: true,
              BlockPublicPolicy: true,
              IgnorePublicAcls: true,
              RestrictPublicBuckets: true,
            });
            expect(bucket.properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
            const policy = bucketPolicies.find((p) => p.properties.Bucket.Ref === bucket.logicalId);
            expect(policy?.properties.PolicyDocument.Statement).toContainEqual(
              expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            );
          }

          for (const group of resourcesOfType([template], 'AWS::Logs::LogGroup')) {
            expect(group.properties.RetentionInDays).toBe(config.logRetentionDays);
          }
        });
        expect(resourcesOfType(Object.values(result.templates), 'AWS::CloudWatch::Alarm')).toHaveLength(13);
        expectNoNagFindings(result.app);
      }),
      { numRuns: 20 },
    );
  });
});

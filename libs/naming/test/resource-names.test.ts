import { Aws } from 'aws-cdk-lib';
import { bucketName, isResourceOfEnvironment, resourceName, resourceNamePrefix, stackName } from '../src';

describe('resource names', () => {
  it('follow showcore-{component}-{environment}-{resource-type}', () => {
    expect(resourceName('rds', 'dev', 'cpu-high')).toBe('showcore-rds-dev-cpu-high');
    expect(resourceName('critical', 'prod', 'alerts')).toBe('showcore-critical-prod-alerts');
  });

  it('share a per-component prefix', () => {
    expect(resourceName('rds', 'staging', 'cpu-high').startsWith(resourceNamePrefix('rds', 'staging'))).toBe(true);
  });

  it.each([['RDS'], ['rds_db'], ['-rds'], ['rds--db'], ['']])('reject component %j', (component) => {
    expect(() => resourceName(component, 'dev', 'x')).toThrow(/Invalid component/);
  });

  it('name stacks by tier and environment', () => {
    expect(stackName('network', 'dev')).toBe('showcore-network-dev-stack');
    expect(stackName('ops', 'prod', 'billing')).toBe('showcore-ops-prod-billing-stack');
  });
});

describe('bucket names', () => {
  it('include the account id', () => {
    expect(bucketName('static-assets', 'dev', '123456789012')).toBe('showcore-static-assets-dev-123456789012');
  });

  it('accept the deploy-time account token', () => {
    expect(bucketName('backups', 'prod', Aws.ACCOUNT_ID)).toContain('showcore-backups-prod-');
  });

  it('reject a malformed account id', () => {
    expect(() => bucketName('backups', 'dev', '1234')).toThrow('Invalid AWS account id "1234" in a bucket name: expected 12 digits.');
  });

  it('reject names longer than S3 allows', () => {
    expect(() => bucketName('a-very-long-component-name-for-a-bucket-x', 'staging', '123456789012')).toThrow(/S3 allows at most 63/);
  });
});

describe('isResourceOfEnvironment', () => {
  it('recognizes names made by the rule for that environment only', () => {
    expect(isResourceOfEnvironment(resourceName('rds', 'dev', 'cpu-high'), 'dev')).toBe(true);
    expect(isResourceOfEnvironment(resourceName('elasticache', 'prod', 'cache-hit-low'), 'prod')).toBe(true);
    expect(isResourceOfEnvironment(resourceName('rds', 'prod', 'cpu-high'), 'dev')).toBe(false);
    expect(isResourceOfEnvironment('other-rds-dev-cpu-high', 'dev')).toBe(false);
    expect(isResourceOfEnvironment('showcore-rds-cpu-high', 'dev')).toBe(false);
  });
});

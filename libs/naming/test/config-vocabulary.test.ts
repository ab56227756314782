import { RemovalPolicy } from 'aws-cdk-lib';
import {
  checkEncryptionKeyChoice,
  checkLogRetentionDays,
  checkRegion,
  checkSecondRegion,
  isLogRetentionDays,
  LOG_RETENTION_DAYS,
  nearestLogRetentionDays,
  REGION_PATTERN,
  removalPolicyOf,
  STATEFUL_REMOVAL_CHOICES,
} from '../src';
import { problems } from './config-problems';

describe('removal choices', () => {
  it.each([
    ['snapshot', RemovalPolicy.SNAPSHOT],
    ['retain', RemovalPolicy.RETAIN],
    ['destroy', RemovalPolicy.DESTROY],
  ] as const)('%s is the removal policy %s', (choice, policy) => {
    expect(removalPolicyOf(choice)).toBe(policy);
  });

  it('lists the snapshot first, the choice a validator names as the fix', () => {
    expect(STATEFUL_REMOVAL_CHOICES[0]).toBe('snapshot');
  });
});

describe('encryption key choices', () => {
  it('accepts both choices', () => {
    for (const value of ['aws-managed', 'customer-managed']) expect(problems((p) => checkEncryptionKeyChoice(p, 'encryptionKey', value))).toEqual([]);
  });

  it('refuses anything else, naming the field and both choices', () => {
    expect(problems((p) => checkEncryptionKeyChoice(p, 'encryptionKey', 'KMS'))).toEqual([
      'encryptionKey = "KMS": is not an encryption key choice. Fix: use "aws-managed" or "customer-managed"',
    ]);
  });
});

describe('log retention', () => {
  it.each([...LOG_RETENTION_DAYS])('accepts %d days', (days) => {
    expect(isLogRetentionDays(days)).toBe(true);
    expect(problems((p) => checkLogRetentionDays(p, 'logRetentionDays', days))).toEqual([]);
  });

  it.each([0, 2, 8, 10, 3654, 7.5, '7', undefined])('refuses %p', (value) => {
    expect(isLogRetentionDays(value)).toBe(false);
    expect(problems((p) => checkLogRetentionDays(p, 'logRetentionDays', value))).toHaveLength(1);
  });

  it('names the accepted values nearest to the one seen', () => {
    expect(nearestLogRetentionDays(8)).toEqual([7, 14]);
    expect(nearestLogRetentionDays(0)).toEqual([1]);
    expect(nearestLogRetentionDays(4000)).toEqual([3653]);
    expect(problems((p) => checkLogRetentionDays(p, 'flowLogs.logRetentionDays', 10))).toEqual([
      `flowLogs.logRetentionDays = 10: is not a retention CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(', ')}). Fix: use 7 or 14`,
    ]);
    expect(problems((p) => checkLogRetentionDays(p, 'logRetentionDays', 'a week'))).toEqual([
      `logRetentionDays = "a week": is not a retention CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(', ')}). Fix: use one of those values, e.g. 7 or 30`,
    ]);
  });
});

describe('regions', () => {
  it.each(['us-east-1', 'eu-central-2', 'ap-southeast-4', 'us-gov-west-1'])('accepts %s', (region) => {
    expect(REGION_PATTERN.test(region)).toBe(true);
    expect(problems((p) => expect(checkRegion(p, 'region', region)).toBe(true))).toEqual([]);
  });

  it.each(['us-east', 'oregon', 'US-EAST-1', 'us-east-1a', 42])('refuses %p, with the example region the caller names', (region) => {
    expect(problems((p) => expect(checkRegion(p, 'replication.region', region, 'us-west-2')).toBe(false))).toEqual([
      `replication.region = ${JSON.stringify(region)}: is not an AWS region name. Fix: use a region such as "us-west-2"`,
    ]);
  });
});

describe('second regions', () => {
  const check = (value: unknown, enabled: unknown) => problems((p) => checkSecondRegion(p, 'replication.region', value, 'us-east-1', enabled, 'a replica'));

  it('accepts another region, and the own region while the copy is off', () => {
    expect(check('us-west-2', true)).toEqual([]);
    expect(check('us-east-1', false)).toEqual([]);
  });

  it('refuses the own region while the copy is on, suggesting another', () => {
    expect(check('us-east-1', true)).toEqual([
      'replication.region = "us-east-1": is the tier\'s own region (region is "us-east-1"): a replica in the same region protects against no regional outage. Fix: use another region, e.g. "us-west-2"',
    ]);
    expect(problems((p) => checkSecondRegion(p, 'backupCopy.region', 'us-west-2', 'us-west-2', true, 'a copy'))[0]).toMatch(
      /a copy in the same region .* e\.g\. "us-east-2"$/,
    );
  });

  it('refuses what is not a region name, on or off', () => {
    expect(check('oregon', false)).toEqual(['replication.region = "oregon": is not an AWS region name. Fix: use a region such as "us-west-2"']);
  });
});

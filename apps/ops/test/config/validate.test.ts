import { ENVIRONMENTS, type EnvironmentName } from '@showcore/naming';
import { applyOverrides, environmentConfig, loadConfig, validateOpsConfig, type OpsConfigOverrides } from '../../src/config';

const SOURCE = 'apps/ops/src/config (environment "dev")';
const check =
  (overrides: OpsConfigOverrides, environment: EnvironmentName = 'dev') =>
  () =>
    validateOpsConfig(applyOverrides(environmentConfig(environment), overrides), environment, SOURCE);

describe('ops configuration validation', () => {
  it('keeps what the stack holds outside local: "destroy" is refused in dev, staging and prod, accepted locally', () => {
    for (const environment of ['dev', 'staging', 'prod'] as const) {
      expect(check({ removal: 'destroy' }, environment)).toThrow(
        `removal = "destroy": would delete the resource and its data, with no snapshot and nothing retained, when it leaves the "${environment}" stack. Fix: use "retain"; "destroy" is for the local emulator only`,
      );
    }
    expect(check({ removal: 'destroy' }, 'local')).not.toThrow();
  });

  it('monitoredResources: a Redis node count a cluster-mode-disabled group can have, and a yes/no for CloudFront additional metrics', () => {
    expect(check({ monitoredResources: { redisNodes: 0 } })).toThrow('monitoredResources.redisNodes = 0: is not a whole number of nodes from 1 to 6');
    expect(check({ monitoredResources: { redisNodes: 7 } })).toThrow("Fix: use 1 + the data tier's cache.replicas, e.g. 1");
    expect(check({ monitoredResources: { cloudFrontAdditionalMetrics: 'yes' as unknown as boolean } })).toThrow(
      'monitoredResources.cloudFrontAdditionalMetrics = "yes": is not true or false',
    );
    expect(check({ monitoredResources: { redisNodes: 6, cloudFrontAdditionalMetrics: true } })).not.toThrow();
  });

  it("backupCopy: a region name other than the tier's own, a retention AWS Backup keeps, a yes/no", () => {
    expect(check({ backupCopy: { region: 'oregon' } })).toThrow(
      'backupCopy.region = "oregon": is not an AWS region name. Fix: use a region such as "us-west-2"',
    );
    expect(check({ backupCopy: { enabled: true, region: 'us-east-1' } })).toThrow(
      'backupCopy.region = "us-east-1": is the tier\'s own region (region is "us-east-1"): a copy in the same region protects against no regional outage. Fix: use another region, e.g. "us-west-2"',
    );
    expect(check({ backupCopy: { retentionDays: 0 } })).toThrow('backupCopy.retentionDays = 0: is outside 1–35 days');
    expect(check({ backupCopy: { retentionDays: 36 } })).toThrow('backupCopy.retentionDays = 36: is outside 1–35 days');
    expect(check({ backupCopy: { enabled: 'yes' as unknown as boolean } })).toThrow('backupCopy.enabled = "yes": is not true or false');
    // Unused while off: the tier's own region is not an error then.
    expect(check({ region: 'us-west-2' })).not.toThrow();
    expect(check({ backupCopy: { enabled: true, region: 'eu-west-1', retentionDays: 35 } })).not.toThrow();
  });

  it('backupCopy problems are reported together with the others', () => {
    expect(check({ backupCopy: { enabled: true, region: 'us-east-1', retentionDays: 40 }, backup: { retentionDays: 36 } })).toThrow(/\(3 problems\)/);
  });

  it('backupCopy is off in the cost-optimized profile and on, to us-west-2 for 30 days, in the hardened one', () => {
    for (const environment of ENVIRONMENTS) {
      expect(loadConfig(environment).backupCopy).toEqual({ enabled: false, region: 'us-west-2', retentionDays: 7 });
      expect(loadConfig(environment, 'hardened').backupCopy).toEqual({ enabled: true, region: 'us-west-2', retentionDays: 30 });
    }
  });

  it('guardDuty: a yes/no and a publishing frequency GuardDuty accepts', () => {
    expect(check({ guardDuty: { enabled: 'on' as unknown as boolean } })).toThrow(
      'guardDuty.enabled = "on": is not true or false. Fix: set true to create the GuardDuty detector, false to leave it out',
    );
    expect(check({ guardDuty: { findingPublishingFrequency: 'HOURLY' as never } })).toThrow(
      'guardDuty.findingPublishingFrequency = "HOURLY": is not a frequency GuardDuty accepts. Fix: use "FIFTEEN_MINUTES", "ONE_HOUR" or "SIX_HOURS"',
    );
    expect(check({ guardDuty: { enabled: true, findingPublishingFrequency: 'ONE_HOUR' } })).not.toThrow();
  });

  it('prod keeps termination protection', () => {
    expect(check({ terminationProtection: false }, 'prod')).toThrow('terminationProtection = false: is off in prod, where a destroy runs without a prompt');
    expect(check({ terminationProtection: false }, 'staging')).not.toThrow();
  });

  it.each(ENVIRONMENTS)('accepts the %s values, with and without the hardened profile', (environment) => {
    expect(() => loadConfig(environment)).not.toThrow();
    expect(() => loadConfig(environment, 'hardened')).not.toThrow();
  });

  it('reports every problem of a bad configuration at once, each with the field, the value and the fix', () => {
    expect(
      check({
        logRetentionDays: 8,
        alertEmails: { critical: ['oncall@showcore.com', 'not-an-email'], warning: ['devops@showcore'] },
        billing: { warningUsd: 150, criticalUsd: 100, anomalyThresholdUsd: 0 },
        backup: { scheduleUtc: '03:30', retentionDays: 36 },
        awsConfig: { rules: { 'iam-root-access-key-check': true } },
      }),
    ).toThrow(
      [
        `Invalid configuration in ${SOURCE} (9 problems):`,
        '  - logRetentionDays = 8: is not a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653). Fix: use 7 or 14',
        '  - alertEmails.critical = ["not-an-email"]: are not email addresses. Fix: use addresses such as "oncall@showcore.com", or an empty list for no subscription',
        '  - alertEmails.warning = ["devops@showcore"]: are not email addresses. Fix: use addresses such as "oncall@showcore.com", or an empty list for no subscription',
        '  - billing.warningUsd = 150: is not below billing.criticalUsd (100): the warning must fire before the critical alarm. Fix: lower billing.warningUsd below 100 or raise billing.criticalUsd',
        '  - billing.anomalyThresholdUsd = 0: is not an amount above 0 USD. Fix: use e.g. 10',
        '  - backup.retentionDays = 36: is outside 1–35 days. Fix: use a whole number of days such as 7',
        '  - backup.scheduleUtc = "03:30": puts the job window 03:30-04:30 UTC over the RDS automated-backup window 03:00-04:00; AWS Backup would wait for or collide with RDS\'s own snapshot. Fix: move it outside 03:00-04:00 (e.g. "06:00")',
        '  - backup.scheduleUtc = "03:30": puts the job window 03:30-04:30 UTC over the RDS maintenance window sun:04:00-sun:05:00; the instance may be rebooting or patching then. Fix: move it outside sun:04:00-sun:05:00 (e.g. "06:00")',
        '  - awsConfig.rules.iam-root-access-key-check = true: is not a managed rule this tier knows. Fix: use one of: rds-storage-encrypted, s3-bucket-public-read-prohibited, restricted-ssh, vpc-default-security-group-closed, s3-bucket-ssl-requests-only, cloudtrail-enabled',
      ].join('\n'),
    );
  });

  it('rejects billing thresholds at or below zero and a backup retention of 0, together', () => {
    expect(check({ billing: { warningUsd: 0, criticalUsd: -1 }, backup: { retentionDays: 0 } })).toThrow(
      [
        `Invalid configuration in ${SOURCE} (3 problems):`,
        '  - billing.warningUsd = 0: is not an amount above 0 USD. Fix: use e.g. 50',
        '  - billing.criticalUsd = -1: is not an amount above 0 USD. Fix: use e.g. 100',
        '  - backup.retentionDays = 0: is outside 1–35 days. Fix: use a whole number of days such as 7',
      ].join('\n'),
    );
  });

  it('rejects equal warning and critical billing thresholds', () => {
    expect(check({ billing: { warningUsd: 100, criticalUsd: 100 } })).toThrow('billing.warningUsd = 100: is not below billing.criticalUsd (100)');
  });

  it.each([
    ['03:00', 'automated-backup'],
    ['02:30', 'automated-backup'], // 02:30–03:30 reaches into 03:00–04:00
    ['04:15', 'maintenance'], // 04:15–05:15 on Sundays
    ['03:59', 'automated-backup'],
    ['04:00', 'maintenance'],
  ])('a job starting at %s overlaps the RDS %s window', (scheduleUtc, window) => {
    expect(check({ backup: { scheduleUtc } })).toThrow(
      new RegExp(`backup.scheduleUtc = "${scheduleUtc}": puts the job window .* over the RDS ${window} window`),
    );
  });

  it.each(['02:00', '05:00', '06:00', '23:00'])(
    'a job starting at %s clears both windows (they are half-open: 02:00-03:00 ends as 03:00 begins)',
    (scheduleUtc) => {
      expect(check({ backup: { scheduleUtc } })).not.toThrow();
    },
  );

  it('checks a job window that wraps past midnight against a maintenance window early on Monday', () => {
    expect(check({ backup: { scheduleUtc: '23:30', rdsMaintenanceWindow: 'mon:00:00-mon:00:30' } })).toThrow(
      /23:30-00:30 UTC over the RDS maintenance window mon:00:00-mon:00:30/,
    );
  });

  it.each([
    [0, 'use 1'],
    [8, 'use 7 or 14'],
    [4000, 'use 3653'],
  ])('rejects a log retention of %s days with the nearest accepted values', (logRetentionDays, fix) => {
    expect(check({ logRetentionDays })).toThrow(`logRetentionDays = ${logRetentionDays}: is not a retention CloudWatch Logs accepts`);
    expect(check({ logRetentionDays })).toThrow(`Fix: ${fix}`);
  });

  it('rejects malformed windows, start and completion windows AWS Backup refuses, and a bad idle timeout', () => {
    expect(
      check({
        backup: { scheduleUtc: '6am', startWindowMinutes: 30, rdsBackupWindow: '3-4', rdsMaintenanceWindow: 'sunday' },
        sessionManager: { idleTimeoutMinutes: 90 },
      }),
    ).toThrow(
      [
        `Invalid configuration in ${SOURCE} (5 problems):`,
        "  - backup.startWindowMinutes = 30: is not a whole number of minutes of at least 60 (AWS Backup's minimum). Fix: use 60",
        '  - backup.scheduleUtc = "6am": is not a UTC time hh:mm. Fix: use e.g. "06:00"',
        '  - backup.rdsBackupWindow = "3-4": is not a daily window hh:mm-hh:mm. Fix: copy database.backupWindow from the data tier config, e.g. "03:00-04:00"',
        '  - backup.rdsMaintenanceWindow = "sunday": is not a weekly window ddd:hh:mm-ddd:hh:mm. Fix: copy database.maintenanceWindow from the data tier config, e.g. "sun:04:00-sun:05:00"',
        '  - sessionManager.idleTimeoutMinutes = 90: is not a whole number of minutes from 1 to 60 (the range Session Manager accepts). Fix: use e.g. 20',
      ].join('\n'),
    );
    expect(check({ backup: { completionWindowMinutes: 100 } })).toThrow(
      'backup.completionWindowMinutes = 100: is not at least 60 minutes more than backup.startWindowMinutes (60)',
    );
  });

  it('rejects status thresholds that would call every daily backup stale, and a lookback AWS Backup cannot list', () => {
    expect(check({ statusThresholds: { recoveryPointMaxAgeHours: 24, cacheSnapshotMaxAgeHours: 12, failedJobsLookbackDays: 31 } })).toThrow(
      [
        `Invalid configuration in ${SOURCE} (3 problems):`,
        '  - statusThresholds.recoveryPointMaxAgeHours = 24: is not a whole number of hours above 24: a daily backup would look stale every day. Fix: use e.g. 26 (a day plus slack)',
        '  - statusThresholds.cacheSnapshotMaxAgeHours = 12: is not a whole number of hours above 24: a daily backup would look stale every day. Fix: use e.g. 26 (a day plus slack)',
        '  - statusThresholds.failedJobsLookbackDays = 31: is not a whole number of days from 1 to 30 (AWS Backup lists 30 days of jobs). Fix: use e.g. 7',
      ].join('\n'),
    );
  });

  it('rejects a duplicated address and accepts an empty list', () => {
    expect(check({ alertEmails: { billing: ['finance@showcore.com', 'finance@showcore.com'] } })).toThrow(
      'alertEmails.billing = ["finance@showcore.com"]: are listed more than once',
    );
    expect(check({ alertEmails: { critical: [], warning: [], billing: [] } })).not.toThrow();
  });

  it('names the choices for an unknown profile', () => {
    expect(() => loadConfig('dev', 'paranoid')).toThrow(
      'Unknown configuration profile "paranoid" (from the CDK context "profile"). Expected one of: hardened. Pass one with -c profile=<name>, or leave it out for the environment\'s own values.',
    );
  });
});

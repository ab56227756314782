import {
  checkEncryptionKeyChoice,
  checkLogRetentionDays,
  checkRegion,
  checkRemovalChoice,
  checkSecondRegion,
  checkTerminationProtection,
  ConfigProblems,
  dailyOverlapsWeekly,
  dailyWindowsOverlap,
  formatClock,
  parseClock,
  parseDailyWindow,
  parseWeeklyWindow,
  REMOVAL_CHOICES,
  type EnvironmentName,
} from '@showcore/naming';
import { isManagedRuleName, MANAGED_RULE_NAMES } from './config-rules';
import type { OpsConfig } from './types';

// Deliberately plain: one @, no spaces, a dotted domain with a 2+ letter top level. SNS confirms the rest.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$/;
/** AWS Backup keeps RDS snapshots like RDS's own automated backups: the plan must stay within RDS's 1–35 days. */
const BACKUP_RETENTION = { min: 1, max: 35 };
/** AWS Backup: a job must start within at least an hour, and finish at least an hour after its start window. */
const MIN_START_WINDOW = 60;
/** A cluster-mode-disabled replication group: one primary and at most five replicas. */
const MAX_REDIS_NODES = 6;
const COMPLETION_MARGIN = 60;

const isWhole = (value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
const isPositive = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

/**
 * Checks an ops configuration and throws one `ConfigError` listing every problem (field, value, what is wrong,
 * the fix), so one run shows everything to correct.
 *
 * @param environment rules that depend on it: nothing is destroyed with its stack outside local, prod keeps
 *   termination protection
 * @param source named in the error: the environment and profile the configuration came from
 */
export function validateOpsConfig(config: OpsConfig, environment: EnvironmentName, source: string): OpsConfig {
  const problems = new ConfigProblems(source);
  checkRegion(problems, 'region', config.region);
  checkRemovalChoice(problems, 'removal', config.removal, REMOVAL_CHOICES, environment);
  checkTerminationProtection(problems, config.terminationProtection, environment);
  checkEncryptionKeyChoice(problems, 'encryptionKey', config.encryptionKey);
  checkLogRetentionDays(problems, 'logRetentionDays', config.logRetentionDays);
  for (const topic of ['critical', 'warning', 'billing'] as const) {
    const addresses = config.alertEmails[topic];
    const bad = addresses.filter((address) => !EMAIL.test(address));
    problems.check(
      bad.length === 0,
      `alertEmails.${topic}`,
      bad,
      'are not email addresses',
      'use addresses such as "oncall@showcore.com", or an empty list for no subscription',
    );
    const duplicates = addresses.filter((address, index) => addresses.indexOf(address) !== index);
    problems.check(duplicates.length === 0, `alertEmails.${topic}`, duplicates, 'are listed more than once', 'list each address once');
  }
  validateBilling(config, problems);
  validateBackup(config, problems);
  validateBackupCopy(config, problems);
  validateAuditAndConfig(config, problems);
  problems.check(
    typeof config.guardDuty.enabled === 'boolean',
    'guardDuty.enabled',
    config.guardDuty.enabled,
    'is not true or false',
    'set true to create the GuardDuty detector, false to leave it out',
  );
  problems.check(
    ['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS'].includes(config.guardDuty.findingPublishingFrequency),
    'guardDuty.findingPublishingFrequency',
    config.guardDuty.findingPublishingFrequency,
    'is not a frequency GuardDuty accepts',
    'use "FIFTEEN_MINUTES", "ONE_HOUR" or "SIX_HOURS"',
  );
  problems.check(
    isWhole(config.sessionManager.idleTimeoutMinutes, 1, 60),
    'sessionManager.idleTimeoutMinutes',
    config.sessionManager.idleTimeoutMinutes,
    'is not a whole number of minutes from 1 to 60 (the range Session Manager accepts)',
    'use e.g. 20',
  );
  const status = config.statusThresholds;
  for (const field of ['recoveryPointMaxAgeHours', 'cacheSnapshotMaxAgeHours'] as const) {
    problems.check(
      isWhole(status[field], 25),
      `statusThresholds.${field}`,
      status[field],
      'is not a whole number of hours above 24: a daily backup would look stale every day',
      'use e.g. 26 (a day plus slack)',
    );
  }
  problems.check(
    isWhole(status.failedJobsLookbackDays, 1, 30),
    'statusThresholds.failedJobsLookbackDays',
    status.failedJobsLookbackDays,
    'is not a whole number of days from 1 to 30 (AWS Backup lists 30 days of jobs)',
    'use e.g. 7',
  );
  const monitored = config.monitoredResources;
  problems.check(
    isWhole(monitored.redisNodes, 1, MAX_REDIS_NODES),
    'monitoredResources.redisNodes',
    monitored.redisNodes,
    `is not a whole number of nodes from 1 to ${MAX_REDIS_NODES} (a primary and up to 5 replicas)`,
    "use 1 + the data tier's cache.replicas, e.g. 1",
  );
  problems.check(
    typeof monitored.cloudFrontAdditionalMetrics === 'boolean',
    'monitoredResources.cloudFrontAdditionalMetrics',
    monitored.cloudFrontAdditionalMetrics,
    'is not true or false',
    "copy the edge tier's distribution.additionalMetrics",
  );
  problems.throwIfAny();
  return config;
}

function validateBilling(config: OpsConfig, problems: ConfigProblems): void {
  const { warningUsd, criticalUsd } = config.billing;
  problems.check(isPositive(warningUsd), 'billing.warningUsd', warningUsd, 'is not an amount above 0 USD', 'use e.g. 50');
  problems.check(isPositive(criticalUsd), 'billing.criticalUsd', criticalUsd, 'is not an amount above 0 USD', 'use e.g. 100');
  if (isPositive(warningUsd) && isPositive(criticalUsd)) {
    problems.check(
      warningUsd < criticalUsd,
      'billing.warningUsd',
      warningUsd,
      `is not below billing.criticalUsd (${criticalUsd}): the warning must fire before the critical alarm`,
      `lower billing.warningUsd below ${criticalUsd} or raise billing.criticalUsd`,
    );
  }
  problems.check(
    isPositive(config.billing.budgetMonthlyUsd),
    'billing.budgetMonthlyUsd',
    config.billing.budgetMonthlyUsd,
    'is not an amount above 0 USD',
    'use e.g. 100',
  );
  problems.check(
    isPositive(config.billing.anomalyThresholdUsd),
    'billing.anomalyThresholdUsd',
    config.billing.anomalyThresholdUsd,
    'is not an amount above 0 USD',
    'use e.g. 10',
  );
}

function validateBackupCopy(config: OpsConfig, problems: ConfigProblems): void {
  const copy = config.backupCopy;
  problems.check(
    typeof copy.enabled === 'boolean',
    'backupCopy.enabled',
    copy.enabled,
    'is not true or false',
    "set true to copy every recovery point to backupCopy.region, false to save the copies' cost",
  );
  checkSecondRegion(problems, 'backupCopy.region', copy.region, config.region, copy.enabled, 'a copy');
  checkBackupRetention(problems, 'backupCopy.retentionDays', copy.retentionDays);
}

/** A retention AWS Backup keeps: a whole number of days in BACKUP_RETENTION (the plan's and the copies' alike). */
function checkBackupRetention(problems: ConfigProblems, field: string, days: number): void {
  problems.check(
    isWhole(days, BACKUP_RETENTION.min, BACKUP_RETENTION.max),
    field,
    days,
    `is outside ${BACKUP_RETENTION.min}–${BACKUP_RETENTION.max} days`,
    'use a whole number of days such as 7',
  );
}

function validateBackup(config: OpsConfig, problems: ConfigProblems): void {
  const backup = config.backup;
  checkBackupRetention(problems, 'backup.retentionDays', backup.retentionDays);
  problems.check(
    isWhole(backup.startWindowMinutes, MIN_START_WINDOW),
    'backup.startWindowMinutes',
    backup.startWindowMinutes,
    `is not a whole number of minutes of at least ${MIN_START_WINDOW} (AWS Backup's minimum)`,
    'use 60',
  );
  if (isWhole(backup.startWindowMinutes, MIN_START_WINDOW)) {
    problems.check(
      isWhole(backup.completionWindowMinutes, backup.startWindowMinutes + COMPLETION_MARGIN),
      'backup.completionWindowMinutes',
      backup.completionWindowMinutes,
      `is not at least ${COMPLETION_MARGIN} minutes more than backup.startWindowMinutes (${backup.startWindowMinutes}), as AWS Backup requires`,
      `use at least ${backup.startWindowMinutes + COMPLETION_MARGIN}`,
    );
  }
  const start = parseClock(backup.scheduleUtc);
  const backupWindow = parseDailyWindow(backup.rdsBackupWindow);
  const maintenance = parseWeeklyWindow(backup.rdsMaintenanceWindow);
  problems.check(start !== undefined, 'backup.scheduleUtc', backup.scheduleUtc, 'is not a UTC time hh:mm', 'use e.g. "06:00"');
  problems.check(
    backupWindow !== undefined,
    'backup.rdsBackupWindow',
    backup.rdsBackupWindow,
    'is not a daily window hh:mm-hh:mm',
    'copy database.backupWindow from the data tier config, e.g. "03:00-04:00"',
  );
  problems.check(
    maintenance !== undefined,
    'backup.rdsMaintenanceWindow',
    backup.rdsMaintenanceWindow,
    'is not a weekly window ddd:hh:mm-ddd:hh:mm',
    'copy database.maintenanceWindow from the data tier config, e.g. "sun:04:00-sun:05:00"',
  );
  if (start === undefined || !isWhole(backup.startWindowMinutes, MIN_START_WINDOW)) return;
  const job = { start, minutes: backup.startWindowMinutes };
  const jobText = `${backup.scheduleUtc}-${formatClock(start + backup.startWindowMinutes)} UTC`;
  if (backupWindow) {
    problems.check(
      !dailyWindowsOverlap(job, backupWindow),
      'backup.scheduleUtc',
      backup.scheduleUtc,
      `puts the job window ${jobText} over the RDS automated-backup window ${backup.rdsBackupWindow}; AWS Backup would wait for or collide with RDS's own snapshot`,
      `move it outside ${backup.rdsBackupWindow} (e.g. "06:00")`,
    );
  }
  if (maintenance) {
    problems.check(
      !dailyOverlapsWeekly(job, maintenance),
      'backup.scheduleUtc',
      backup.scheduleUtc,
      `puts the job window ${jobText} over the RDS maintenance window ${backup.rdsMaintenanceWindow}; the instance may be rebooting or patching then`,
      `move it outside ${backup.rdsMaintenanceWindow} (e.g. "06:00")`,
    );
  }
}

function validateAuditAndConfig(config: OpsConfig, problems: ConfigProblems): void {
  problems.check(
    isWhole(config.auditTrail.expirationDays, 1),
    'auditTrail.expirationDays',
    config.auditTrail.expirationDays,
    'is not a whole number of days of at least 1',
    'use e.g. 90',
  );
  problems.check(
    isWhole(config.auditTrail.noncurrentVersionExpirationDays, 1),
    'auditTrail.noncurrentVersionExpirationDays',
    config.auditTrail.noncurrentVersionExpirationDays,
    'is not a whole number of days of at least 1',
    'use e.g. 30',
  );
  problems.check(
    isWhole(config.awsConfig.expirationDays, 1),
    'awsConfig.expirationDays',
    config.awsConfig.expirationDays,
    'is not a whole number of days of at least 1',
    'use e.g. 90',
  );
  problems.check(
    ['DAILY', 'CONTINUOUS'].includes(config.awsConfig.recordingFrequency),
    'awsConfig.recordingFrequency',
    config.awsConfig.recordingFrequency,
    'is not a recording frequency',
    'use "DAILY" or "CONTINUOUS"',
  );
  for (const [name, enabled] of Object.entries(config.awsConfig.rules)) {
    problems.check(
      isManagedRuleName(name),
      `awsConfig.rules.${name}`,
      enabled,
      'is not a managed rule this tier knows',
      `use one of: ${MANAGED_RULE_NAMES.join(', ')}`,
    );
    problems.check(
      typeof enabled === 'boolean',
      `awsConfig.rules.${name}`,
      enabled,
      'is not true or false',
      'set true to create the rule, false to leave it out',
    );
  }
}

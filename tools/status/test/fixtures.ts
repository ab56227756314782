import { DEFAULT_THRESHOLDS, type EnvironmentStatus } from '../model';

/** The moment every status fixture was checked at. */
export const NOW = new Date('2026-11-23T12:00:00Z');

/** A dev environment with one alarm (OK unless `alarms` says otherwise), its vault and plan, a recovery point 7 h old. */
export function statusOf(overrides: Partial<EnvironmentStatus> = {}): EnvironmentStatus {
  return {
    environment: 'dev',
    checkedAt: NOW,
    alarms: [{ name: 'showcore-rds-dev-cpu-high', state: 'OK', reason: 'ok' }],
    missingAlarms: [],
    backup: {
      vaultName: 'v',
      vaultFound: true,
      planName: 'p',
      planFound: true,
      latestRdsRecoveryPoint: { arn: 'a', completedAt: new Date('2026-11-23T05:00:00Z') },
      failedJobs: [],
    },
    thresholds: DEFAULT_THRESHOLDS,
    thresholdsSource: 'defaults',
    ...overrides,
  };
}

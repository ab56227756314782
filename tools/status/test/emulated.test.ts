import { isPlaceholder, splitExpected } from '../emulated';
import { DEFAULT_THRESHOLDS, type EnvironmentStatus } from '../model';
import { renderTable } from '../render';
import { judge } from '../verdict';

const expected = {
  alarmNames: ['showcore-rds-local-cpu-high', 'showcore-s3-local-5xx-errors'],
  vaultName: 'showcore-backup-local-vault',
  planName: 'showcore-rds-local-backup-plan',
  logicalIds: {
    'showcore-rds-local-cpu-high': 'AlarmsRdsCpu',
    'showcore-s3-local-5xx-errors': 'AlarmsS35xx',
    'showcore-backup-local-vault': 'Vault',
    'showcore-rds-local-backup-plan': 'Plan',
  },
  stackNames: ['showcore-ops-local-stack'],
};

describe('what the local emulator does not run', () => {
  it.each(['not-emulated-locally', 'not-deployed-cdn-disabled'])('treats %s as a placeholder', (value) => expect(isPlaceholder(value)).toBe(true));
  it.each(['showcore-rds-local-db', 'vpc-123', '', undefined])('treats %s as a real identifier', (value) => expect(isPlaceholder(value)).toBe(false));

  it('splits off what the deployed ops stack does not have, and only that', () => {
    const split = splitExpected('local', expected, new Set(['AlarmsRdsCpu', 'TopicX']));
    expect(split.expected.alarmNames).toEqual(['showcore-rds-local-cpu-high']);
    expect(split.notEmulated.map((n) => n.name)).toEqual(['showcore-s3-local-5xx-errors', 'showcore-backup-local-vault', 'showcore-rds-local-backup-plan']);
    expect(split.notEmulated[0].reason).toBe("defined in the ops templates (AlarmsS35xx) but not created by the local emulator's CloudFormation");
    expect(split.backupEmulated).toBe(false);
  });

  it('expects everything outside local, when the ops stack is not deployed, or without logical ids', () => {
    for (const split of [
      splitExpected('dev', expected, new Set()),
      splitExpected('local', expected, undefined),
      splitExpected('local', { ...expected, logicalIds: undefined }, new Set()),
    ]) {
      expect(split).toEqual({ expected: split.expected, notEmulated: [], backupEmulated: true });
      expect(split.expected.alarmNames).toHaveLength(2);
    }
  });

  it('judges only the emulated parts, lists the rest, and keeps the usual exit codes', () => {
    const status: EnvironmentStatus = {
      environment: 'local',
      checkedAt: new Date('2026-11-23T12:00:00Z'),
      alarms: [],
      missingAlarms: [],
      backup: { vaultName: 'v', vaultFound: false, planName: 'p', planFound: false, failedJobs: [], emulated: false },
      notEmulated: [{ name: '/showcore/local/data/redis-replication-group-id', reason: 'published "not-emulated-locally"' }],
      rds: { id: 'showcore-rds-local-db', backupWindow: '03:00-04:00' },
      thresholds: DEFAULT_THRESHOLDS,
      thresholdsSource: 'defaults',
    };
    expect(judge(status)).toEqual({ verdict: 'healthy', reasons: ['every emulated part healthy; 1 part(s) not emulated locally (listed, not judged)'] });
    const table = renderTable(status, judge(status), false);
    expect(table).toContain('vault v: not emulated locally');
    expect(table).toContain('ElastiCache (not emulated locally)');
    expect(table).toContain('NOT EMULATED      /showcore/local/data/redis-replication-group-id  published "not-emulated-locally"');
    // A missing vault where AWS Backup is emulated is still failing.
    expect(judge({ ...status, backup: { ...status.backup, emulated: true } }).verdict).toBe('failing');
  });
});

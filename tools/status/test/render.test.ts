import { statusOf } from './fixtures';
import { renderJson, renderTable } from '../render';
import { judge } from '../verdict';

const base = statusOf({
  alarms: [{ name: 'showcore-rds-dev-cpu-high', state: 'ALARM', reason: 'Threshold crossed', changedAt: new Date('2026-11-23T11:30:00Z') }],
});

describe('status rendering and verdict', () => {
  it('colours only when asked (a TTY)', () => {
    const verdict = judge(base);
    expect(renderTable(base, verdict, false)).not.toContain('\u001b[');
    expect(renderTable(base, verdict, true)).toContain('\u001b[31mALARM');
  });

  it('shows when each alarm last changed', () => {
    expect(renderTable(base, judge(base), false)).toContain('showcore-rds-dev-cpu-high  30 min ago');
  });

  it('judges a firing alarm as degraded, a missing vault as failing', () => {
    expect(judge(base)).toEqual({ verdict: 'degraded', reasons: ['1 alarm(s) in ALARM: showcore-rds-dev-cpu-high'] });
    const noVault = { ...base, backup: { ...base.backup, vaultFound: false, latestRdsRecoveryPoint: undefined } };
    expect(judge(noVault).verdict).toBe('failing');
    expect(judge(noVault).reasons.slice(0, 2)).toEqual(['backup vault v not found', 'no completed RDS recovery point']);
  });

  it('puts the verdict and its reasons in the JSON', () => {
    const json = JSON.parse(renderJson(base, judge(base)));
    expect(json).toMatchObject({ environment: 'dev', verdict: 'degraded', reasons: ['1 alarm(s) in ALARM: showcore-rds-dev-cpu-high'] });
  });
});

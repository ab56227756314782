import { main, renderDrill, type DrillReport } from '../restore-drill-main';

describe('restore-drill command', () => {
  const run = async (argv: string[]) => {
    const lines: string[] = [];
    const code = await main(argv, (l) => lines.push(l));
    return { code, log: lines.join('\n') };
  };

  it('refuses the emulator (exit 2): a drill needs real snapshots and a VPC', async () => {
    const { code, log } = await run(['--environment=local']);
    expect(code).toBe(2);
    expect(log).toMatch(/needs a real environment \(-c dev\|staging\|prod\)/);
  });

  it('an unknown environment or --only value is named (exit 2)', async () => {
    expect((await run(['--environment=qa'])).log).toMatch(/qa/);
    const only = await run(['--environment=dev', '--only=s3']);
    expect(only.code).toBe(2);
    expect(only.log).toMatch(/--only=s3: choose rds or elasticache/);
  });

  it('renders restore times, probe checks and clean-up per drill', () => {
    const report: DrillReport = {
      environment: 'staging',
      runId: '1124-ab12',
      steps: [],
      probeInstance: { id: 'i-1', terminated: true, problems: [] },
      passed: false,
      drills: [
        {
          kind: 'rds',
          source: 'showcore-rds-staging-postgres',
          snapshot: 'showcore-drill-staging-1124-ab12',
          copy: 'showcore-drill-staging-1124-ab12',
          steps: [{ step: 'restore into a new instance', ok: true, detail: '', seconds: 1.5 }],
          probe: { results: [{ probe: 'postgres', check: 'crud', passed: true, detail: '' }], exitCode: 0, problems: [] },
          restoreSeconds: 754.2,
          cleanup: { copyDeleted: true, snapshot: 'deleted', problems: [] },
          passed: true,
        },
        {
          kind: 'elasticache',
          source: 'showcore-redis-staging',
          snapshot: 's',
          copy: 'c',
          steps: [],
          cleanup: { copyDeleted: false, snapshot: 'not deleted', problems: ['Delete it by hand: aws elasticache delete-replication-group …'] },
          passed: false,
        },
      ],
    };
    const text = renderDrill(report);
    expect(text).toMatch(/^# Restore drill of staging — FAILED/);
    expect(text).toContain('## RDS PostgreSQL: showcore-rds-staging-postgres → showcore-drill-staging-1124-ab12');
    expect(text).toContain('- restore took: 754 s');
    expect(text).toContain('- probe: PASS postgres.crud');
    expect(text).toContain('- restore took: did not finish');
    expect(text).toContain('- copy deleted: **no**; snapshot s: not deleted');
    expect(text).toContain('Probe instance: i-1 (terminated)');
  });
});

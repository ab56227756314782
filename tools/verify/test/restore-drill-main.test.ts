import type { FunctionRequest } from '../function/protocol';
import type { VerifyTargets } from '../inputs';
import type { ProbeInvoker } from '../invoker';
import { drillProbe, main, renderDrill, type DrillReport } from '../restore-drill-main';

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
      probeFunction: 'showcore-verify-staging-probe',
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
    expect(text).toContain('Probed through: showcore-verify-staging-probe');
  });

  describe('the probe of a restored copy goes through the probe function', () => {
    const targets = { redisReplicationGroupId: 'showcore-redis-staging', redisProbeUser: 'showcore-redis-staging-probe' } as VerifyTargets;
    const recording = (answer = { results: [{ probe: 'redis', check: 'tls', passed: true, detail: '' }], problems: [] as string[] }) => {
      const calls: { request: FunctionRequest; timeoutMs: number }[] = [];
      const invoker: ProbeInvoker = { kind: 'fake', invoke: async (request, options) => (calls.push({ request, timeoutMs: options.timeoutMs }), answer) };
      return { calls, invoker };
    };

    it("PostgreSQL: the copy's endpoint, the IAM probe user, the CA bundle; the invoke bounded by the probe's timeout plus 30 s", async () => {
      const { calls, invoker } = recording();
      await drillProbe(invoker, targets, { runId: 'r1', caBundle: 'PEM', probeTimeoutMs: 45_000 })('postgres', { host: 'copy.rds', port: 5432 });
      expect(calls).toEqual([
        {
          request: {
            action: 'probe',
            runId: 'r1',
            probes: ['postgres'],
            probeTimeoutMs: 45_000,
            postgres: { host: 'copy.rds', port: 5432, user: 'showcore_probe', caBundle: 'PEM' },
          },
          timeoutMs: 75_000,
        },
      ]);
    });

    it("Redis: the token signed for the copy's replication group, as the probe user", async () => {
      const { calls, invoker } = recording();
      const outcome = await drillProbe(invoker, targets, { runId: 'r1', probeTimeoutMs: 10_000 })('redis', {
        host: 'copy.cache',
        port: 6379,
        replicationGroupId: 'showcore-drill-staging-r1',
      });
      expect(calls[0].request).toMatchObject({
        probes: ['redis'],
        redis: { host: 'copy.cache', port: 6379, replicationGroupId: 'showcore-drill-staging-r1', user: 'showcore-redis-staging-probe' },
      });
      expect(outcome.exitCode).toBe(0);
    });

    it('a failed check or a problem of the request fails the outcome', async () => {
      const failing = recording({ results: [{ probe: 'redis', check: 'tls', passed: false, detail: '' }], problems: [] });
      expect((await drillProbe(failing.invoker, targets, { runId: 'r1', probeTimeoutMs: 1 })('redis', { host: 'h', port: 1 })).exitCode).toBe(1);
      const bad = recording({ results: [], problems: ['redis.host is ""'] });
      expect(await drillProbe(bad.invoker, targets, { runId: 'r1', probeTimeoutMs: 1 })('redis', { host: '', port: 1 })).toEqual({
        results: [],
        exitCode: 1,
        problems: ['redis.host is ""'],
      });
    });
  });
});

/**
 * Restore drill for the runbooks (tasks.md 15.1–15.2); see docs/verify.md.
 *
 *   nx run ops:restore-drill -c <env>        (or: npm run restore-drill -- --environment=<env>)
 *     --only=rds|elasticache                 one half of the drill
 *     --keep-snapshots                       keep the two manual snapshots (the copies are always deleted)
 *     --account=<id> --rds-ca-bundle=<file> --probe-timeout=<s>   as for verify
 *
 * The restored copies are probed through the same in-VPC probe function as ops:verify (docs/decisions/0006).
 *
 * Exit codes: 0 both restores probed clean and cleaned up, 1 otherwise, 2 bad input (nothing created), 130 interrupted.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { RDSClient } from '@aws-sdk/client-rds';
import { DATABASE_PROBE_USER, parameterPath, parseEnvironment, type EnvironmentName } from '@showcore/naming';
import { optionString, parseArgs } from '#tools/lib/args';
import { awsEnvironmentWithCredentials } from '#tools/lib/aws-target';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
import { quietSdkNodeWarnings, UsageError } from '#tools/lib/process';
import { readParameters } from '#tools/lib/ssm-preflight';
import { clientConfig } from '#tools/lib/aws-clients';
import { AbortedError } from './abort';
import { EXIT, invokerFor, positiveSeconds, rdsCaBundle, verifyClients } from './cli';
import { drillIdentifier, elastiCacheRestoreDrill, rdsRestoreDrill, type DrillResult, type DrillTarget } from './drill';
import type { ProbeRequest } from './function/protocol';
import { checkIdentity } from './identity';
import { isPlaceholder, readTargets, type VerifyTargets } from './inputs';
import type { ProbeInvoker } from './invoker';
import type { ProbeOutcome } from './model';
import { recordSteps, type StepRecord } from './steps';
import { checkProbeFunction } from './preflight';

export interface DrillReport {
  readonly environment: EnvironmentName;
  readonly runId: string;
  readonly steps: StepRecord[];
  readonly drills: DrillResult[];
  /** The probe function the copies were probed through. */
  readonly probeFunction?: string;
  passed: boolean;
}

export interface DrillProbeSettings {
  readonly runId: string;
  readonly caBundle?: string;
  readonly probeTimeoutMs: number;
  readonly signal?: AbortSignal;
}

/**
 * The drill's probe: one synchronous invoke of the probe function per copy, pointed at the copy's endpoint (and,
 * for Redis, at the copy's replication group, which the IAM token is signed for). Its limit is the probe's own
 * timeout plus 30 s.
 */
export function drillProbe(
  invoker: ProbeInvoker,
  targets: VerifyTargets,
  settings: DrillProbeSettings,
): (kind: 'postgres' | 'redis', target: DrillTarget) => Promise<ProbeOutcome> {
  return async (kind, target) => {
    const base = { action: 'probe' as const, runId: settings.runId, probes: [kind], probeTimeoutMs: settings.probeTimeoutMs };
    const request: ProbeRequest =
      kind === 'postgres'
        ? { ...base, postgres: { host: target.host, port: target.port, user: DATABASE_PROBE_USER, caBundle: settings.caBundle ?? '' } }
        : {
            ...base,
            redis: {
              host: target.host,
              port: target.port,
              replicationGroupId: target.replicationGroupId ?? targets.redisReplicationGroupId,
              user: targets.redisProbeUser,
            },
          };
    const response = await invoker.invoke(request, { timeoutMs: settings.probeTimeoutMs + 30_000, signal: settings.signal });
    return {
      results: response.results,
      exitCode: response.problems.length === 0 && response.results.every((r) => r.passed) ? 0 : 1,
      problems: [...response.problems],
    };
  };
}

export function renderDrill(report: DrillReport): string {
  const lines = [`# Restore drill of ${report.environment} — ${report.passed ? 'PASSED' : 'FAILED'}`, '', `Run \`${report.runId}\`.`, ''];
  for (const drill of report.drills) {
    lines.push(
      `## ${drill.kind === 'rds' ? 'RDS PostgreSQL' : 'ElastiCache Redis'}: ${drill.source} → ${drill.copy}`,
      '',
      `- restore took: ${drill.restoreSeconds === undefined ? 'did not finish' : `${Math.round(drill.restoreSeconds)} s`}`,
      `- probe: ${drill.probe ? drill.probe.results.map((r) => `${r.passed ? 'PASS' : 'FAIL'} ${r.probe}.${r.check}`).join(', ') || 'no checks' : 'not run'}`,
      `- copy deleted: ${drill.cleanup.copyDeleted ? 'yes' : '**no**'}; snapshot ${drill.snapshot}: ${drill.cleanup.snapshot}`,
      ...drill.cleanup.problems.map((p) => `- **problem**: ${p}`),
      '',
      '| step | ok | seconds | detail |',
      '| --- | --- | ---: | --- |',
      ...drill.steps.map((s) => `| ${s.step} | ${s.ok ? 'yes' : '**no**'} | ${s.seconds.toFixed(1)} | ${s.detail.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`),
      '',
    );
  }
  lines.push(`Probed through: ${report.probeFunction ?? 'no probe function (the drill stopped before it)'}`);
  return `${lines.join('\n')}\n`;
}

export async function main(argv = process.argv.slice(2), log: (line: string) => void = (l) => console.error(l)): Promise<number> {
  const args = parseArgs(argv);
  let environment: EnvironmentName;
  let env: NodeJS.ProcessEnv;
  let region: string;
  const only = optionString(args, 'only');
  try {
    environment = parseEnvironment(optionString(args, 'environment', 'env'), '--environment');
    if (environment === 'local') {
      throw new UsageError(
        'The restore drill restores real RDS and ElastiCache snapshots and probes them from inside the VPC: it needs a real environment (-c dev|staging|prod). ' +
          'Its API sequence is tested against moto and aws-sdk-client-mock by npm test (tools/verify/e2e/drill.e2e.ts, tools/verify/test/drill.test.ts).',
      );
    }
    if (only !== undefined && only !== 'rds' && only !== 'elasticache') throw new UsageError(`--only=${only}: choose rds or elasticache.`);
    env = awsEnvironmentWithCredentials(environment, 'the restore drill');
    region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? '';
    if (!region) throw new UsageError(`Set AWS_REGION to the region "${environment}" is deployed in.`);
  } catch (error) {
    log(`\n${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const runId = `${new Date().toISOString().slice(5, 10).replace('-', '')}-${crypto.randomBytes(2).toString('hex')}`;
  const clients = verifyClients(env);
  const config = clientConfig(env);
  const report: DrillReport = { environment, runId, steps: [], drills: [], passed: false };
  const step = recordSteps(report.steps, log);
  const controller = new AbortController();
  const onSignal = (): void => {
    log('\nInterrupted: deleting the copies and the snapshots before exit.');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    // Preflight: nothing is created until every one of these holds.
    await step('credentials', () => checkIdentity(clients.sts, env, optionString(args, 'account')));
    const targets = await step('inputs from SSM', () => readTargets(clients.ssm, environment));
    const ids = await readParameters(clients.ssm, [parameterPath(environment, 'dbInstanceId'), parameterPath(environment, 'redisReplicationGroupId')]);
    const dbInstanceId = ids.get(parameterPath(environment, 'dbInstanceId'));
    const groupId = ids.get(parameterPath(environment, 'redisReplicationGroupId'));
    const kinds = (['rds', 'elasticache'] as const).filter((k) => !only || only === k);
    for (const [kind, id] of [
      ['rds', dbInstanceId],
      ['elasticache', groupId],
    ] as const) {
      if (kinds.includes(kind) && (!id || isPlaceholder(id)))
        throw new UsageError(`No ${kind} to drill in "${environment}" (${id ?? 'parameter missing'}): deploy the data tier first.`);
    }
    drillIdentifier(environment, runId, 40);
    await step(
      'probe function',
      () => checkProbeFunction(clients.lambda, targets.functionName, targets, environment, env),
      (d) => d,
    );
    const caBundle = kinds.includes('rds') ? await rdsCaBundle(args, region, true) : undefined;
    const probeTimeoutMs = positiveSeconds(args, 'probe-timeout', 45) * 1000;
    (report as { probeFunction?: string }).probeFunction = targets.functionName;
    const probe = drillProbe(invokerFor(environment, env, region)(targets.functionName), targets, {
      runId,
      caBundle,
      probeTimeoutMs,
      signal: controller.signal,
    });
    const drillDeps = { rds: new RDSClient(config), elasticache: new ElastiCacheClient(config), probe, log, signal: controller.signal };
    const drillOptions = {
      environment,
      runId,
      keepSnapshots: args.options['keep-snapshots'] === true,
      pollMs: 15_000,
      timeouts: { snapshotMs: 60 * 60_000, restoreMs: 90 * 60_000, deleteMs: 60 * 60_000 },
    };
    if (kinds.includes('rds')) report.drills.push(await rdsRestoreDrill(drillDeps, drillOptions, dbInstanceId as string));
    if (kinds.includes('elasticache') && !controller.signal.aborted)
      report.drills.push(await elastiCacheRestoreDrill(drillDeps, drillOptions, groupId as string));
  } catch (error) {
    if (error instanceof UsageError) {
      log(`\n${error.message}\n`);
      return EXIT.usage;
    }
    if (!(error instanceof AbortedError)) log(`\n${(error as Error).message}\n`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  report.passed = report.drills.length > 0 && report.drills.every((d) => d.passed);
  const dir = path.join(WORKSPACE_ROOT, 'reports', environment);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'restore-drill.json'), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'restore-drill.md'), renderDrill(report));
  console.log(renderDrill(report));
  if (controller.signal.aborted) return EXIT.interrupted;
  return report.passed ? EXIT.passed : EXIT.failed;
}

if (require.main === module) {
  quietSdkNodeWarnings();
  void main().then((code) => (process.exitCode = code));
}

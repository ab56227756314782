/**
 * Restore drill for the runbooks (tasks.md 15.1–15.2); see docs/verify.md.
 *
 *   nx run ops:restore-drill -c <env>        (or: npm run restore-drill -- --environment=<env>)
 *     --only=rds|elasticache                 one half of the drill
 *     --keep-snapshots                       keep the two manual snapshots (the copies are always deleted)
 *     --account=<id> --rds-ca-bundle=<file> --instance-type=<type> --ami=<id> --reachable-timeout=<s>   as for verify
 *
 * Exit codes: 0 both restores probed clean and cleaned up, 1 otherwise, 2 bad input (nothing created), 130 interrupted.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { RDSClient } from '@aws-sdk/client-rds';
import { parameterPath, parseEnvironment, type EnvironmentName } from '@showcore/naming';
import { optionString, parseArgs } from '../lib/args';
import { awsEnvironmentFor } from '../lib/aws-target';
import { WORKSPACE_ROOT } from '../lib/paths';
import { quietSdkNodeWarnings, UsageError } from '../lib/process';
import { readParameters } from '../lib/ssm-preflight';
import { clientConfig } from '../cdk/staleness';
import { AbortedError, RunCommandChannel } from './channel';
import { drillIdentifier, elastiCacheRestoreDrill, rdsRestoreDrill, type DrillResult } from './drill';
import { isPlaceholder, readTargets } from './inputs';
import { DEFAULT_INSTANCE_TYPE, latestImageId } from './instance';
import { EXIT, rdsCaBundle, verifyClients } from './main';
import type { ProbeOutcome } from './model';
import { checkIdentity, checkNetwork } from './preflight';
import { ProbeSession, recordSteps, type StepRecord } from './session';

export interface DrillReport {
  readonly environment: EnvironmentName;
  readonly runId: string;
  readonly steps: StepRecord[];
  readonly drills: DrillResult[];
  readonly probeInstance: { id?: string; terminated: boolean; problems: string[] };
  passed: boolean;
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
  lines.push(`Probe instance: ${report.probeInstance.id ?? 'none launched'}${report.probeInstance.id ? (report.probeInstance.terminated ? ' (terminated)' : ' (**not terminated**)') : ''}`);
  lines.push(...report.probeInstance.problems.map((p) => `- **problem**: ${p}`));
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
    env = awsEnvironmentFor(environment);
    region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? '';
    if (!region) throw new UsageError(`Set AWS_REGION to the region "${environment}" is deployed in.`);
  } catch (error) {
    log(`\n${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const runId = `${new Date().toISOString().slice(5, 10).replace('-', '')}-${crypto.randomBytes(2).toString('hex')}`;
  const clients = verifyClients(env);
  const config = clientConfig(env);
  const report: DrillReport = { environment, runId, steps: [], drills: [], probeInstance: { terminated: false, problems: [] }, passed: false };
  const step = recordSteps(report.steps, log);
  const controller = new AbortController();
  const onSignal = (): void => {
    log('\nInterrupted: deleting the copies and terminating the probe instance before exit.');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let session: ProbeSession | undefined;
  try {
    // Preflight: nothing is created until every one of these holds.
    await step('credentials', () => checkIdentity(clients.sts, env, optionString(args, 'account')));
    const targets = await step('inputs from SSM', () => readTargets(clients.ssm, environment));
    const ids = await readParameters(clients.ssm, [parameterPath(environment, 'dbInstanceId'), parameterPath(environment, 'redisReplicationGroupId')]);
    const dbInstanceId = ids.get(parameterPath(environment, 'dbInstanceId'));
    const groupId = ids.get(parameterPath(environment, 'redisReplicationGroupId'));
    const kinds = (['rds', 'elasticache'] as const).filter((k) => !only || only === k);
    for (const [kind, id] of [['rds', dbInstanceId], ['elasticache', groupId]] as const) {
      if (kinds.includes(kind) && (!id || isPlaceholder(id))) throw new UsageError(`No ${kind} to drill in "${environment}" (${id ?? 'parameter missing'}): deploy the data tier first.`);
    }
    drillIdentifier(environment, runId, 40);
    const services = await step('VPC endpoints', () => checkNetwork(clients.ec2, environment, region, targets, kinds.includes('rds') ? ['postgres'] : ['redis']));
    const caBundle = kinds.includes('rds') ? await rdsCaBundle(args, region, true) : undefined;
    const imageId = optionString(args, 'ami') ?? (await step('image', () => latestImageId(clients.ssm)));

    session = new ProbeSession(
      clients,
      {
        environment,
        region,
        env,
        runId,
        instanceType: optionString(args, 'instance-type') ?? DEFAULT_INSTANCE_TYPE,
        imageId,
        rdsCaBundle: caBundle,
        // Restores take long: the probe instance may wait for them.
        maxLifetimeMinutes: 240,
        timeouts: { runningMs: 5 * 60_000, reachableMs: Number(optionString(args, 'reachable-timeout') ?? 600) * 1000, probeSeconds: 90, runSeconds: 600 },
        channel: new RunCommandChannel(clients.ssm),
        signal: controller.signal,
      },
      targets,
      services,
      step,
    );
    const opened = session;
    let ready: Promise<string> | undefined;
    const probe = async (kind: 'postgres' | 'redis', target: { host: string; port: number }): Promise<ProbeOutcome> => {
      ready ??= opened.open();
      await ready;
      const overrides: Record<string, string> = kind === 'postgres' ? { PGHOST: target.host, PGPORT: String(target.port) } : { PROBE_REDIS_HOST: target.host, PROBE_REDIS_PORT: String(target.port) };
      return opened.run(`${kind} probe against the restored copy`, [kind], overrides);
    };
    const drillDeps = { rds: new RDSClient(config), elasticache: new ElastiCacheClient(config), probe, log, signal: controller.signal };
    const drillOptions = { environment, runId, keepSnapshots: args.options['keep-snapshots'] === true, pollMs: 15_000, timeouts: { snapshotMs: 60 * 60_000, restoreMs: 90 * 60_000, deleteMs: 60 * 60_000 } };
    if (kinds.includes('rds')) report.drills.push(await rdsRestoreDrill(drillDeps, drillOptions, dbInstanceId as string));
    if (kinds.includes('elasticache') && !controller.signal.aborted) report.drills.push(await elastiCacheRestoreDrill(drillDeps, drillOptions, groupId as string));
  } catch (error) {
    if (error instanceof UsageError) {
      log(`\n${error.message}\n`);
      return EXIT.usage;
    }
    if (!(error instanceof AbortedError)) log(`\n${(error as Error).message}\n`);
  } finally {
    if (session) {
      await session.close();
      report.probeInstance.id = session.instanceId;
      report.probeInstance.terminated = session.terminated;
      report.probeInstance.problems.push(...session.problems);
    }
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  report.passed = report.drills.length > 0 && report.drills.every((d) => d.passed) && report.probeInstance.problems.length === 0 && (!report.probeInstance.id || report.probeInstance.terminated);
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

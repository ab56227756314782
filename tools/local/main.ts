/**
 * `npm start`: the main job. Starts moto on a free loopback port (or uses --endpoint), bootstraps CDK there,
 * deploys network, data, edge and ops through each app's own Nx `deploy` target with the `local` configuration,
 * verifies through the AWS SDK what exists, runs ops:verify's orchestration with the probe function's handler
 * in-process (tools/local/verify-probes.ts), prints a report and writes it as Markdown and JSON, and stops moto.
 *
 *   npm start                      # local, everything
 *   npm start -- --keep            # leave moto running and print how to reach it
 *   npm start -- --endpoint=http://localhost:5000   # use an emulator you started
 *   npm start -- -c env=dev        # a real account (credentials required): diff, then deploy, then verify
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deployOrder, parseEnvironment, type EnvironmentName, type Tier } from '@showcore/naming';
import { optionString, parseArgs } from '#tools/lib/args';
import { awsEnvironmentFor, LOCAL_ACCOUNT_ID, LOCAL_REGION } from '#tools/lib/aws-target';
import { assemblyDir, cdkNodeArgs, WORKSPACE_ROOT } from '#tools/lib/paths';
import { run, runMain, UsageError } from '#tools/lib/process';
import { existingTiers } from '#tools/lib/workspace';
import { emulatorEnv, motoSupportedTypes, startEmulator, type Emulator } from '#tools/emulator/moto';
import { headline, passed, removeReport, toConsole, writeReport, type RunFailure, type RunReport } from './report';

/**
 * The checks after the deploys (the SDK clients of every service checked, the probe function's handler with its
 * database and cache clients), loaded when the run gets there: a run that fails earlier (a bad --endpoint, a dead
 * emulator) exits without loading them (~1 s of CPU).
 */
const checksModule = () => require('./deployment-checks') as typeof import('./deployment-checks');
const probesModule = () => require('./verify-probes') as typeof import('./verify-probes');

const NX = path.join(WORKSPACE_ROOT, 'node_modules', '.bin', 'nx');

function step(started: number, message: string): void {
  console.log(`\n>>> ${message} [${((Date.now() - started) / 1000).toFixed(1)} s]`);
}

async function nx(args: string[], env: NodeJS.ProcessEnv, what: string): Promise<void> {
  const result = await run(NX, [...args, '--outputStyle=stream'], { cwd: WORKSPACE_ROOT, env: { ...env, NX_NO_CLOUD: 'true', NX_TUI: 'false' } });
  if (result.code !== 0) throw new UsageError(`${what} failed (exit ${result.code}); see the output above.`);
}

/** Tiers whose assembly for `environment` was not (re)written since `since`: those whose synth failed. */
function unsynthesized(tiers: readonly Tier[], environment: EnvironmentName, since: number): Tier[] {
  return tiers.filter((tier) => {
    const manifest = path.join(assemblyDir(tier, environment), 'manifest.json');
    return !fs.existsSync(manifest) || fs.statSync(manifest).mtimeMs < since;
  });
}

export interface MainJobOptions {
  readonly environment: EnvironmentName;
  readonly tiers: Tier[];
  readonly endpoint?: string;
  readonly keep: boolean;
  readonly reportDir: string;
}

/**
 * Runs the main job and returns its report, failed or not: a failure of any step is recorded in
 * `report.failure` (step, tier, message) rather than thrown, so the caller always has a report to write.
 */
export async function mainJob(options: MainJobOptions): Promise<{ report: RunReport; emulator?: Emulator }> {
  const started = Date.now();
  const seconds: Record<string, number> = {};
  const { environment, tiers } = options;
  let current: { step: string; tier?: Tier } = { step: 'start' };
  const timed = async <T>(name: string, tier: Tier | undefined, body: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    current = { step: name, tier };
    step(started, tier ? `${name}: ${tier}` : name);
    try {
      return await body();
    } finally {
      seconds[tier ? `${name} ${tier}` : name] = (Date.now() - t) / 1000;
    }
  };
  const skipped: Record<string, [string, number][]> = {};
  const report = (checks: RunReport['checks'], failure?: RunFailure): RunReport => ({
    environment,
    endpoint: emulator?.endpoint,
    startedAt: new Date(started).toISOString(),
    seconds,
    skippedTypes: skipped,
    checks,
    failure,
  });
  let emulator: Emulator | undefined;
  removeReport(options.reportDir);
  const supportedTypes = environment === 'local' ? motoSupportedTypes() : Promise.resolve(new Set<string>());
  supportedTypes.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
  const stop = async () => {
    if (emulator && !options.keep) await emulator.stop();
  };
  const onSignal = () => void stop().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let env: NodeJS.ProcessEnv;
    if (environment === 'local') {
      emulator = await timed('start the AWS emulator (moto)', undefined, () =>
        startEmulator({ endpoint: options.endpoint, logFile: path.join(options.reportDir, 'moto.log'), keep: options.keep }),
      );
      console.log(`moto at ${emulator.endpoint}${emulator.owned ? ' (started by this run)' : ''}`);
      env = awsEnvironmentFor('local', emulatorEnv(emulator.endpoint));
    } else {
      env = awsEnvironmentFor(environment);
    }
    const synthStarted = Date.now();
    await timed(`synth ${tiers.join(', ')} (${environment})`, undefined, async () => {
      try {
        await nx(['run-many', '-t', 'synth', '-c', environment, `--projects=${tiers.join(',')}`], process.env, 'synth');
      } catch (error) {
        const failed = unsynthesized(tiers, environment, synthStarted);
        if (failed.length > 0) current = { step: 'synth', tier: failed[0] };
        throw new UsageError(`synth failed for ${failed.length ? failed.map((t) => `the ${t} tier`).join(', ') : 'a tier'} (${(error as Error).message})`);
      }
    });
    const supported = await supportedTypes;
    if (environment === 'local') {
      step(started, 'resource types the emulator does not run (proven by template tests, cdk-nag and cfn-lint instead)');
      for (const tier of tiers) {
        skipped[tier] = checksModule().skippedTypes(tier, environment, supported);
        console.log(`  ${tier}: ${skipped[tier].map(([t, n]) => `${t} ×${n}`).join(', ') || 'none'}`);
      }
      await timed('bootstrap CDK in the emulator', undefined, async () => {
        const result = await run(process.execPath, cdkNodeArgs(['bootstrap', `aws://${LOCAL_ACCOUNT_ID}/${LOCAL_REGION}`, '--no-notices']), {
          cwd: WORKSPACE_ROOT,
          env,
          quiet: true,
        });
        if (result.code !== 0) throw new UsageError(`cdk bootstrap against ${emulator?.endpoint} failed:\n${result.stderr.slice(-2000)}`);
      });
    }
    // One tier at a time, producers first, each through its own Nx deploy target: a failure names its tier.
    for (const tier of tiers) {
      await timed('deploy', tier, () => nx(['run', `${tier}:deploy`, '-c', environment, '--exclude-task-dependencies'], env, `deploy of the ${tier} tier`));
    }
    const checks = await timed('verify through the AWS SDK', undefined, () => checksModule().checkDeployment(tiers, environment, env, supported));
    // ops:verify reads every tier's parameters: it runs when all four were deployed (the function in-process).
    if (environment === 'local' && deployOrder().every((t) => tiers.includes(t))) {
      checks.push(
        ...(await timed("ops:verify (the probe function's handler in-process)", undefined, () => probesModule().verifyFromInsideVpc(environment, env))),
      );
    }
    return { report: report(checks), emulator };
  } catch (error) {
    const died = emulator?.exitedEarly?.();
    const message = `${(error as Error).message}${died ? ` The emulator started by this run ${died}.` : ''}`;
    return { report: report([], { step: current.step, tier: current.tier, message }), emulator };
  } finally {
    await stop();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const environment = parseEnvironment(optionString(args, 'environment', 'env') ?? 'local', '-c env=<name>');
  const available = existingTiers();
  const requested = optionString(args, 'tiers')?.split(',') ?? available;
  const unknown = requested.filter((t) => !available.includes(t as Tier));
  if (unknown.length > 0) throw new UsageError(`Unknown tier(s): ${unknown.join(', ')}. Available: ${available.join(', ')}.`);
  const tiers = deployOrder(requested as Tier[]);
  const keep = args.options.keep === true;
  const reportDir = path.resolve(optionString(args, 'report') ?? path.join(WORKSPACE_ROOT, 'reports', environment));
  const { report, emulator } = await mainJob({ environment, tiers, endpoint: optionString(args, 'endpoint'), keep, reportDir });
  const files = writeReport(reportDir, report);
  console.log(`\n${toConsole(report)}\n\nReport: ${files.markdown} and ${files.json}`);
  if (report.failure) console.error(`\nnpm start ${headline(report)}\n`);
  if (keep && emulator) {
    console.log(
      `\nmoto is still running. To reach it:\n  export AWS_ENDPOINT_URL=${emulator.endpoint} AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=${LOCAL_REGION}\n` +
        `Stop it with: kill $(lsof -t -i :${emulator.port}) (or pkill -f "moto_server -H 127.0.0.1 -p ${emulator.port}")`,
    );
  }
  return passed(report) ? 0 : 1;
}

if (require.main === module) runMain(main);

/**
 * Benchmarks (figures, not assertions) for the workspace on this machine:
 *
 *   npm run bench                 # checks: cold cache, warm cache, one app touched; the change plan in PR mode
 *   npm run bench -- --deploy     # also: full local deploy, no-change redeploy, one-tier affected deploy (moto)
 *
 * Prints a table of seconds and what ran, for the issue notes and docs/performance.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ENVIRONMENTS } from '@showcore/naming';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../lib/aws-target';
import { CDK_BIN, WORKSPACE_ROOT } from '../lib/paths';
import { run, runMain } from '../lib/process';
import { existingTiers } from '../lib/workspace';
import { emulatorEnv, startEmulator } from '../local/moto';

const NX = path.join(WORKSPACE_ROOT, 'node_modules', '.bin', 'nx');
const ENV = { ...process.env, NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_DAEMON: 'false', FORCE_COLOR: '0' };

interface Figure {
  readonly what: string;
  readonly seconds: number;
  readonly note: string;
}

async function timed(what: string, command: string, args: string[], env: NodeJS.ProcessEnv = ENV): Promise<Figure> {
  const started = Date.now();
  const result = await run(command, args, { cwd: WORKSPACE_ROOT, env, quiet: true });
  const seconds = (Date.now() - started) / 1000;
  const cache = /Nx read the output from the cache instead of running the command for (\d+) out of (\d+) tasks/.exec(result.stdout);
  const ran = /Successfully ran targets? .* for (\d+) projects?/.exec(result.stdout);
  const note = result.code !== 0 ? `FAILED (exit ${result.code})` : cache ? `${cache[1]}/${cache[2]} tasks from cache` : ran ? 'all tasks ran' : '';
  console.log(`  ${what}: ${seconds.toFixed(1)} s ${note}`);
  return { what, seconds, note };
}

const checkTargets = ['run-many', '-t', 'lint', 'typecheck', 'test', 'synth', 'synth-hardened', '--parallel=2', '--outputStyle=static'];

async function checks(): Promise<Figure[]> {
  const figures: Figure[] = [];
  console.log('checks (lint, typecheck, test, synth dev + hardened):');
  await run(NX, ['reset'], { cwd: WORKSPACE_ROOT, env: ENV, quiet: true });
  figures.push(await timed('cold Nx cache', NX, checkTargets));
  figures.push(await timed('warm, nothing changed', NX, checkTargets));
  const synthAll = ENVIRONMENTS.map((env) => ['run-many', '-t', 'synth', '-c', env, '--parallel=2']);
  const started = Date.now();
  for (const args of synthAll) await run(NX, args, { cwd: WORKSPACE_ROOT, env: ENV, quiet: true });
  figures.push({ what: `synth of ${ENVIRONMENTS.length} environments (after the above)`, seconds: (Date.now() - started) / 1000, note: '' });
  const readme = path.join(WORKSPACE_ROOT, 'apps', 'edge', 'README.md');
  if (fs.existsSync(readme)) {
    const original = fs.readFileSync(readme, 'utf8');
    fs.writeFileSync(readme, `${original}\n`);
    try {
      figures.push(await timed('one app README touched (expect all from cache)', NX, checkTargets));
    } finally {
      fs.writeFileSync(readme, original);
    }
  }
  const source = path.join(WORKSPACE_ROOT, 'apps', 'edge', 'src', 'main.ts');
  const original = fs.readFileSync(source, 'utf8');
  fs.writeFileSync(source, `${original}\n// benchmark touch\n`);
  try {
    figures.push(await timed('one app source touched (expect only its tasks to run)', NX, checkTargets));
  } finally {
    fs.writeFileSync(source, original);
  }
  return figures;
}

/** The change plan of every tier in PR mode (against HEAD: both sides synthesized, no account), synth included. */
async function plan(): Promise<Figure[]> {
  console.log('change plan:');
  return [await timed('plan of the four tiers against --base=HEAD (synth of both sides included; target <= 60 s)', process.execPath, ['--import', 'tsx', 'tools/plan/main.ts', '--environment=dev', '--base=HEAD'])];
}

async function deploys(): Promise<Figure[]> {
  const figures: Figure[] = [];
  console.log('local deploys (moto already running):');
  const emulator = await startEmulator({ logFile: path.join(os.tmpdir(), 'showcore-bench-moto.log'), preferredPort: 5500 });
  try {
    const env = { ...emulatorEnv(emulator.endpoint, ENV) };
    const projects = `--projects=${existingTiers().join(',')}`;
    await run(NX, ['run-many', '-t', 'synth', '-c', 'local', projects], { cwd: WORKSPACE_ROOT, env, quiet: true });
    figures.push(await timed('cdk bootstrap', CDK_BIN, ['bootstrap', `aws://${LOCAL_ACCOUNT_ID}/${LOCAL_REGION}`, '--no-notices'], env));
    figures.push(await timed('full deploy of every tier', NX, ['run-many', '-t', 'deploy', '-c', 'local', projects, '--parallel=1'], env));
    figures.push(await timed('no-change redeploy of every tier', NX, ['run-many', '-t', 'deploy', '-c', 'local', projects, '--parallel=1'], env));
    figures.push(await timed('one tier alone (edge, no change)', NX, ['run', 'edge:deploy', '-c', 'local', '--exclude-task-dependencies'], env));
  } finally {
    await emulator.stop();
  }
  return figures;
}

async function main(): Promise<number> {
  console.log(`ShowCore workspace benchmark on ${os.cpus().length} cores, Node ${process.version}`);
  const figures = [...(await checks()), ...(await plan()), ...(process.argv.includes('--deploy') ? await deploys() : [])];
  console.log('\n| what | seconds | note |\n|---|---:|---|');
  for (const f of figures) console.log(`| ${f.what} | ${f.seconds.toFixed(1)} | ${f.note} |`);
  return figures.some((f) => f.note.startsWith('FAILED')) ? 1 : 0;
}

runMain(main);

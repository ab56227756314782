/**
 * Benchmarks (figures, not assertions) for the workspace on this machine:
 *
 *   npm run bench                 # npm test: cold cache (per step), warm, a README touched, one tier's source
 *                                 # touched (per step); the change plan in PR mode
 *   npm run bench -- --deploy     # also: full local deploy, no-change redeploy, one-tier affected deploy (moto)
 *
 * Prints a table of seconds and what ran, for the issue notes and docs/performance.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '#tools/lib/aws-target';
import { cdkNodeArgs, typeScriptNodeArgs, WORKSPACE_ROOT } from '#tools/lib/paths';
import { run, runMain, UsageError } from '#tools/lib/process';
import { existingTiers } from '#tools/lib/workspace';
import { emulatorEnv, startEmulator } from '#tools/emulator/moto';
import { onPath } from '#tools/verify/prerequisites';

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

/** What the benchmark needs on the machine; a figure measured without one would be a partial figure. */
const PREREQUISITES = [
  { program: 'moto_server', install: "pip install 'moto[server]'", for: 'the e2e suites of npm test' },
  { program: 'cfn-lint', install: 'pip install cfn-lint', for: 'the cfn-lint step of npm test' },
] as const;

export function missingPrerequisites(installed: (program: string) => boolean = (program) => onPath(program)): string[] {
  return PREREQUISITES.filter((p) => !installed(p.program)).map((p) => `${p.program} (${p.for}): install it with ${p.install}`);
}

/** The per-step lines of run-all's summary ("  ok     <step> (<s> s; ...)"). */
export function summarySteps(output: string): { step: string; ok: boolean; seconds: number }[] {
  const steps: { step: string; ok: boolean; seconds: number }[] = [];
  for (const match of output.matchAll(/^ {2}(ok {4}|FAILED) (.+) \((\d+(?:\.\d+)?) s(?:;[^)]*)?\)$/gm)) {
    steps.push({ step: match[2], ok: match[1] !== 'FAILED', seconds: Number(match[3]) });
  }
  return steps;
}

/** `npm test` (tools/checks/run-all.ts) timed; its own per-step task times printed under the figure. */
async function npmTest(what: string, steps: boolean): Promise<Figure> {
  const started = Date.now();
  const result = await run(process.execPath, [...typeScriptNodeArgs(), 'tools/checks/run-all.ts'], {
    cwd: WORKSPACE_ROOT,
    env: ENV,
    quiet: true,
  });
  const seconds = (Date.now() - started) / 1000;
  const parsed = summarySteps(result.stdout);
  const ran = /checks: (\d+) passed, (\d+) failed/.exec(result.stdout);
  const note =
    result.code !== 0
      ? `FAILED (exit ${result.code}): ${
          parsed
            .filter((s) => !s.ok)
            .map((s) => s.step)
            .join(', ') || 'see npm test'
        }`
      : ran
        ? `${ran[1]} steps passed`
        : '';
  console.log(`  ${what}: ${seconds.toFixed(1)} s ${note}`);
  if (steps) for (const s of parsed) console.log(`      ${s.ok ? '' : 'FAILED '}${s.step}: ${s.seconds.toFixed(1)} s of task time`);
  return { what, seconds, note };
}

async function checks(): Promise<Figure[]> {
  const figures: Figure[] = [];
  console.log('npm test (every check, e2e included):');
  await run(NX, ['reset'], { cwd: WORKSPACE_ROOT, env: ENV, quiet: true });
  figures.push(await npmTest('cold: empty Nx cache (after npm install)', true));
  figures.push(await npmTest('warm: nothing changed (target <= 10 s)', false));
  const readme = path.join(WORKSPACE_ROOT, 'apps', 'edge', 'README.md');
  const original = fs.readFileSync(readme, 'utf8');
  fs.writeFileSync(readme, `${original}\n`);
  try {
    figures.push(await npmTest('one app README touched (expect only its docs tests)', false));
  } finally {
    fs.writeFileSync(readme, original);
  }
  const source = path.join(WORKSPACE_ROOT, 'apps', 'edge', 'src', 'main.ts');
  const code = fs.readFileSync(source, 'utf8');
  fs.writeFileSync(source, `${code}\n// benchmark touch\n`);
  try {
    figures.push(await npmTest('one tier source touched (edge: its tasks and the e2e suites that deploy it)', true));
  } finally {
    fs.writeFileSync(source, code);
  }
  return figures;
}

/** The change plan of every tier in PR mode (against HEAD: both sides synthesized, no account), synth included. */
async function plan(): Promise<Figure[]> {
  console.log('change plan:');
  return [
    await timed('plan of the four tiers against --base=HEAD (synth of both sides included; target <= 60 s)', process.execPath, [
      ...typeScriptNodeArgs(),
      'tools/plan/main.ts',
      '--environment=dev',
      '--base=HEAD',
    ]),
  ];
}

async function deploys(): Promise<Figure[]> {
  const figures: Figure[] = [];
  console.log('local deploys (moto already running):');
  const emulator = await startEmulator({ logFile: path.join(os.tmpdir(), 'showcore-bench-moto.log'), preferredPort: 5500 });
  try {
    const env = { ...emulatorEnv(emulator.endpoint, ENV) };
    const projects = `--projects=${existingTiers().join(',')}`;
    await run(NX, ['run-many', '-t', 'synth', '-c', 'local', projects], { cwd: WORKSPACE_ROOT, env, quiet: true });
    figures.push(await timed('cdk bootstrap', process.execPath, cdkNodeArgs(['bootstrap', `aws://${LOCAL_ACCOUNT_ID}/${LOCAL_REGION}`, '--no-notices']), env));
    figures.push(await timed('full deploy of every tier', NX, ['run-many', '-t', 'deploy', '-c', 'local', projects, '--parallel=1'], env));
    figures.push(await timed('no-change redeploy of every tier', NX, ['run-many', '-t', 'deploy', '-c', 'local', projects, '--parallel=1'], env));
    figures.push(await timed('one tier alone (edge, no change)', NX, ['run', 'edge:deploy', '-c', 'local', '--exclude-task-dependencies'], env));
  } finally {
    await emulator.stop();
  }
  return figures;
}

async function main(): Promise<number> {
  const missing = missingPrerequisites();
  if (missing.length > 0) {
    throw new UsageError(`The benchmark needs what npm test runs; missing:\n${missing.map((m) => `  - ${m}`).join('\n')}\nNo figure was measured.`);
  }
  console.log(`ShowCore workspace benchmark on ${os.cpus().length} cores, Node ${process.version}`);
  const figures = [...(await checks()), ...(await plan()), ...(process.argv.includes('--deploy') ? await deploys() : [])];
  console.log('\n| what | seconds | note |\n|---|---:|---|');
  for (const f of figures) console.log(`| ${f.what} | ${f.seconds.toFixed(1)} | ${f.note} |`);
  return figures.some((f) => f.note.startsWith('FAILED')) ? 1 : 0;
}

if (require.main === module) runMain(main);

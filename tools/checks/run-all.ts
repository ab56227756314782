/**
 * `npm test`: every check of the workspace, as one Nx task graph, so every check is cached on the inputs it
 * really reads and Nx runs independent ones side by side:
 *
 *  - lint, typecheck (TypeScript 7's native compiler), unit tests and docs tests of every project
 *  - synth-all: every tier for every environment and the hardened profile, one process per tier (cdk-nag on each)
 *  - per tier, on what synth-all wrote: cfn-lint (zero errors; accepted warnings in .cfnlintrc.yaml), the template
 *    policies (standard tags, AWS Control Tower's proactive controls, acknowledged exceptions in
 *    tools/checks/control-tower-acknowledgements.ts) and the plan of the switch to the hardened profile in dev,
 *    staging and prod (exactly the documented refusals)
 *  - the end-to-end suites against moto on the loopback interface (e2e-contract and e2e-tiers of tools-local,
 *    e2e-verify of tools-verify), each with its own emulator, each rerun only when a file it exercises changed
 *
 * Before them: the programs the probe tests start (redis-server is installed with apt-get where missing). After
 * them: changeset status (the libs' versioning is well-formed; read from git, so not cached).
 *
 * Prints one line per step (a step is one Nx target over every project that has it, with how many tasks ran and
 * how many came from the cache) and a closing "N passed, N failed" line; exits non-zero when a step failed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
import { run, runMain } from '#tools/lib/process';
import { ensureProbeTestPrograms } from '#tools/verify/prerequisites';

/** The Nx targets of `npm test`, in the order their steps are reported, with the step's name. */
export const CHECK_TARGETS: readonly { readonly target: string; readonly step: string }[] = [
  { target: 'lint', step: 'lint' },
  { target: 'typecheck', step: 'typecheck' },
  { target: 'test', step: 'unit and property tests' },
  { target: 'docs', step: 'docs tests (READMEs and runbooks against the code)' },
  { target: 'synth-all', step: 'synth of every environment and the hardened profile (cdk-nag)' },
  { target: 'cfn-lint', step: 'cfn-lint on every synthesized template' },
  { target: 'policies', step: 'template policies: standard tags, Control Tower proactive controls' },
  { target: 'hardened-switch', step: 'the plan of the switch to the hardened profile (dev, staging, prod)' },
  { target: 'e2e-contract', step: 'end-to-end: the SSM contract, every tier deployed into moto' },
  { target: 'e2e-tiers', step: 'end-to-end: deploy gate, faults, teardown, status against moto' },
  { target: 'e2e-verify', step: 'end-to-end: verification and the restore drill against moto' },
];

/**
 * Targets in the graph only to order it: Nx starts first the tasks that most others wait on (then those of projects
 * others depend on; a fresh clone has no timing history). `tools-local:e2e` (which waits on the three suites) makes
 * the long e2e suites start as soon as their synth-all is done, instead of after every lint and unit test: they are
 * the critical path of a cold run. `tools-checks:long-tasks-first` waits on them too, and on the longest other tasks
 * (by measured task time), so those start next rather than last, when only one core had work left.
 */
const SCHEDULING_TARGETS = ['e2e', 'long-tasks-first'];

const NX = path.join(WORKSPACE_ROOT, 'node_modules', '.bin', 'nx');
/**
 * Two cores, two tasks. Each e2e suite already keeps more than one core busy (its runner, the CDK CLI and moto side by
 * side), and more tasks at once cost more CPU for the same work: fresh clones of the same commit took 401.4 s and
 * 821 s of CPU with four tasks, 326.5 s and 675 s with three, 314.1 s and 630 s with two (docs/performance.md).
 */
const PARALLEL = '--parallel=2';

/** One task of Nx's profile (NX_PROFILE, the Chrome trace format). */
interface ProfiledTask {
  readonly name: string;
  readonly ph: string;
  readonly dur?: number;
  readonly args?: { readonly target?: { readonly target?: string }; readonly status?: string };
}

export interface StepResult {
  readonly step: string;
  readonly ok: boolean;
  readonly seconds: number;
  readonly detail: string;
}

const CACHED = new Set(['local-cache', 'local-cache-kept-existing', 'remote-cache']);

/** Per-step results from Nx's task profile: a step fails when one of its tasks failed or never ran. */
export function stepResults(profile: readonly ProfiledTask[], targets = CHECK_TARGETS): StepResult[] {
  const tasks = profile.filter((t) => t.ph === 'X' && t.args?.target?.target);
  return targets.map(({ target, step }) => {
    const own = tasks.filter((t) => t.args?.target?.target === target);
    const failed = own.filter((t) => !(t.args?.status === 'success' || CACHED.has(String(t.args?.status))));
    const cached = own.filter((t) => CACHED.has(String(t.args?.status))).length;
    const seconds = own.reduce((sum, t) => sum + (t.dur ?? 0), 0) / 1e6;
    const detail =
      own.length === 0
        ? 'no task ran'
        : `${own.length} task${own.length === 1 ? '' : 's'}, ${cached} from cache${failed.length > 0 ? `; failed or not run: ${failed.map((t) => t.name).join(', ')}` : ''}`;
    return { step, ok: own.length > 0 && failed.length === 0, seconds, detail };
  });
}

async function main(): Promise<number> {
  const env = {
    ...process.env,
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    NX_DAEMON: process.env.NX_DAEMON ?? 'false',
    FORCE_COLOR: process.env.FORCE_COLOR ?? '0',
  };
  const results: StepResult[] = [];
  const timed = async (step: string, body: () => Promise<boolean>) => {
    const started = Date.now();
    const ok = await body();
    results.push({ step, ok, seconds: (Date.now() - started) / 1000, detail: '' });
  };
  const started = Date.now();

  console.log('\n=== prerequisites of the probe tests');
  await timed('prerequisites of the probe tests', async () => ensureProbeTestPrograms());

  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-checks-'));
  const profileFile = path.join(profileDir, 'nx-profile.json');
  console.log(`\n=== checks (Nx: ${CHECK_TARGETS.map((t) => t.target).join(', ')})`);
  const nx = await run(NX, ['run-many', '-t', ...CHECK_TARGETS.map((t) => t.target), ...SCHEDULING_TARGETS, PARALLEL, '--outputStyle=static'], {
    cwd: WORKSPACE_ROOT,
    env: { ...env, NX_PROFILE: path.relative(WORKSPACE_ROOT, profileFile) },
  });
  let nxSteps: StepResult[];
  if (fs.existsSync(profileFile)) {
    nxSteps = stepResults(JSON.parse(fs.readFileSync(profileFile, 'utf8')) as ProfiledTask[]);
  } else {
    nxSteps = [{ step: 'Nx checks', ok: false, seconds: 0, detail: `Nx exited ${nx.code} before running a task; see its output above` }];
  }
  // SHOWCORE_CHECKS_PROFILE=<file> keeps Nx's task profile (Chrome trace format: when each task ran, for how long).
  if (process.env.SHOWCORE_CHECKS_PROFILE && fs.existsSync(profileFile)) fs.copyFileSync(profileFile, path.resolve(process.env.SHOWCORE_CHECKS_PROFILE));
  fs.rmSync(profileDir, { recursive: true, force: true });
  if (nx.code !== 0 && nxSteps.every((s) => s.ok)) {
    nxSteps.push({ step: 'Nx checks', ok: false, seconds: 0, detail: `Nx exited ${nx.code}; see its output above` });
  }
  results.push(...nxSteps);

  console.log('\n=== changeset status');
  await timed(
    'changeset status',
    async () => (await run(path.join(WORKSPACE_ROOT, 'node_modules', '.bin', 'changeset'), ['status'], { cwd: WORKSPACE_ROOT, env })).code === 0,
  );

  console.log('\nSummary (seconds are task time; tasks run side by side):');
  for (const r of results) console.log(`  ${r.ok ? 'ok    ' : 'FAILED'} ${r.step} (${r.seconds.toFixed(1)} s${r.detail ? `; ${r.detail}` : ''})`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`\nchecks: ${results.length - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return failed === 0 ? 0 : 1;
}

if (require.main === module) runMain(main);

/**
 * Every Nx target that takes an environment refuses an unknown one before any task runs (the plugin's
 * preTasksExecution hook): Nx itself would fall back to the target's default configuration.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ENVIRONMENTS, PROFILE_NAMES } from '@showcore/naming';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
interface InvocationModule {
  readonly ENVIRONMENT_TARGETS: string[];
  readonly EXPLICIT_ENVIRONMENT_TARGETS: string[];
  invocationProblems(args: readonly string[], names: { environments: readonly string[]; profiles: readonly string[] }): string[];
}
// The plugin's modules are plain JavaScript (Nx loads them without a TypeScript loader).

const { ENVIRONMENT_TARGETS, EXPLICIT_ENVIRONMENT_TARGETS, invocationProblems } = require('../invocation.js') as InvocationModule;

const names = { environments: [...ENVIRONMENTS], profiles: [...PROFILE_NAMES] };
const problems = (line: string) => invocationProblems(line.split(' '), names);

/** The project that owns a target (status, verify and restore-drill are the ops tier's). */
const projectOf = (target: string) => (['status', 'verify', 'restore-drill'].includes(target) ? 'ops' : 'data');

describe('invocationProblems', () => {
  it('covers every environment target the plugin and the ops project define', () => {
    expect([...ENVIRONMENT_TARGETS].sort()).toEqual([
      'cost',
      'deploy',
      'destroy',
      'diff',
      'plan',
      'restore-drill',
      'status',
      'synth',
      'synth-hardened',
      'verify',
    ]);
  });

  it.each(ENVIRONMENT_TARGETS.filter((t) => t !== 'synth-hardened'))('%s: an unknown environment is refused, naming it and the choices', (target) => {
    expect(problems(`run ${projectOf(target)}:${target} -c qa`)).toEqual([
      `Unknown environment "qa" (from nx -c qa) for ${target}. Expected one of: local, dev, staging, prod. Example: npx nx run ${projectOf(target)}:${target} -c dev.`,
    ]);
  });

  it.each(ENVIRONMENT_TARGETS.filter((t) => t !== 'synth-hardened'))('%s: every known environment passes', (target) => {
    for (const environment of ENVIRONMENTS) expect(problems(`run ${projectOf(target)}:${target} -c ${environment}`)).toEqual([]);
  });

  it.each(EXPLICIT_ENVIRONMENT_TARGETS)('%s has no default environment', (target) => {
    expect(problems(`run ${projectOf(target)}:${target}`)).toEqual([
      `${target} has no default environment: name the one to act on with -c <local|dev|staging|prod>, e.g. npx nx run ${projectOf(target)}:${target} -c dev.`,
    ]);
  });

  it.each(['synth', 'diff', 'cost', 'status', 'verify'])('%s may default to dev', (target) => {
    expect(problems(`run ${projectOf(target)}:${target}`)).toEqual([]);
  });

  it.each([
    ['run-many -t lint synth -c=qa', /Unknown environment "qa"/],
    ['affected -t deploy --configuration qa', /Unknown environment "qa"/],
    ['affected --targets=test,deploy', /deploy has no default environment/],
    ['synth data -c staging2', /Unknown environment "staging2"/],
    ['data:deploy:qa', /Unknown environment "qa"/],
    ['run data:synth -c profile=hardend', /the profile is an option: npx nx run data:synth -c dev --profile=hardened/],
    ['run data:synth -c env=prod', /-c names the environment itself: npx nx run data:synth -c prod/],
    ['run data:synth -c region=eu-west-1', /Unknown configuration "region=eu-west-1" for synth/],
    ['run data:synth -c dev --profile=hardend', /Unknown configuration profile "hardend" \(from --profile\)\. Expected one of: hardened/],
    ['run data:deploy -c dev --environment=prod', /Two environments in one command: -c dev and --environment=prod/],
    ['run data:deploy --environment=qa', /Unknown environment "qa" \(from --environment\)/],
  ])('nx %s is refused', (line, message) => {
    const found = problems(line);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(message);
  });

  it('leaves targets without an environment alone', () => {
    expect(problems('run-many -t lint test typecheck -c qa')).toEqual([]);
    expect(problems('run tools-local:e2e')).toEqual([]);
  });
});

describe('targets added later', () => {
  it('every target of the project graph with environment configurations is one the hook checks', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-graph-')), 'graph.json');
    const result = spawnSync(process.execPath, [require.resolve('nx/bin/nx'), 'graph', `--file=${file}`], {
      cwd: WORKSPACE_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      timeout: 120_000,
    });
    expect(result.status).toBe(0);
    const nodes = JSON.parse(fs.readFileSync(file, 'utf8')).graph.nodes as Record<
      string,
      { data: { targets?: Record<string, { configurations?: Record<string, unknown> }> } }
    >;
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    const environmentTargets = Object.values(nodes).flatMap((node) =>
      Object.entries(node.data.targets ?? {})
        .filter(([, target]) => Object.keys(target.configurations ?? {}).some((name) => (ENVIRONMENTS as readonly string[]).includes(name)))
        .map(([name]) => name),
    );
    expect(environmentTargets.length).toBeGreaterThan(20);
    expect([...new Set(environmentTargets)].filter((target) => !ENVIRONMENT_TARGETS.includes(target))).toEqual([]);
  });
});

describe('the Nx hook', () => {
  // One real Nx run per path (run, run-many): the hook is wired, and it stops Nx before any task starts.
  it.each([
    ['run', 'data:deploy', '-c', 'qa', '--exclude-task-dependencies'],
    ['run-many', '-t', 'synth', '-p', 'data', '-c', 'profile=hardend'],
  ])('nx %s %s … exits non-zero with the message and runs nothing', (...args) => {
    const result = spawnSync(process.execPath, [require.resolve('nx/bin/nx'), ...args], {
      cwd: WORKSPACE_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', AWS_ACCESS_KEY_ID: '', AWS_ENDPOINT_URL: '' },
      timeout: 120_000,
    });
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toMatch(/Unknown environment "qa"|the profile is an option/);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/Synthesized|Running target|tools\/cdk\/tier\.ts/);
  });
});

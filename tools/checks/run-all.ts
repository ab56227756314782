/**
 * `npm test`: every check of the workspace, in the order that fails fastest.
 *
 *  1. lint, typecheck and unit tests of every project (Nx, cached)
 *  2. synth of every tier for every environment, plus the hardened profile (Nx, cached; cdk-nag runs here)
 *  3. cfn-lint on every synthesized template (zero errors; accepted warnings in .cfnlintrc.yaml), then the
 *     template policies (standard tags on every taggable resource, AWS Control Tower's proactive controls, with
 *     acknowledged exceptions in tools/checks/control-tower-acknowledgements.ts), and the change plan of the
 *     switch to the hardened profile in dev, staging and prod (exactly the documented refusals)
 *  4. the end-to-end suite: real deploys into moto on the loopback interface (tools/local/e2e)
 *  5. changeset status (the libs' versioning is well-formed)
 *
 * Before them: the programs the probe tests start (redis-server is installed with apt-get where missing).
 *
 * Prints one line per step and a closing "N passed, N failed" line; exits non-zero when a step failed.
 */
import { ENVIRONMENTS } from '@showcore/naming';
import { WORKSPACE_ROOT } from '../lib/paths';
import { run, runMain } from '../lib/process';
import { cfnLint } from './cfn-lint';
import { checkHardenedSwitch } from './hardened-switch';
import { templatePolicies } from './template-policies';
import { ensureProbeTestPrograms } from './prerequisites';

interface Step {
  readonly name: string;
  readonly command: string;
  readonly args: string[];
}

const NX = 'node_modules/.bin/nx';
const PARALLEL = '--parallel=2';

function steps(): Step[] {
  return [
    { name: 'lint, typecheck, unit tests, docs tests', command: NX, args: ['run-many', '-t', 'lint', 'typecheck', 'test', 'docs', PARALLEL, '--outputStyle=static'] },
    ...ENVIRONMENTS.map((env) => ({
      name: `synth (${env})`,
      command: NX,
      args: ['run-many', '-t', 'synth', '-c', env, PARALLEL, '--outputStyle=static'],
    })),
    { name: 'synth (hardened profile)', command: NX, args: ['run-many', '-t', 'synth-hardened', PARALLEL, '--outputStyle=static'] },
    { name: 'changeset status', command: 'node_modules/.bin/changeset', args: ['status'] },
  ];
}

async function main(): Promise<number> {
  const env = { ...process.env, NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };
  const results: { name: string; ok: boolean; seconds: number }[] = [];
  const record = async (name: string, body: () => Promise<boolean>) => {
    const started = Date.now();
    console.log(`\n=== ${name}`);
    const ok = await body();
    results.push({ name, ok, seconds: (Date.now() - started) / 1000 });
    console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return ok;
  };
  const all = steps();
  const [unit, ...rest] = all;
  const changeset = rest.pop() as Step;
  await record('prerequisites of the probe tests', async () => ensureProbeTestPrograms());
  await record(unit.name, async () => (await run(unit.command, unit.args, { cwd: WORKSPACE_ROOT, env })).code === 0);
  let synthOk = true;
  for (const step of rest) {
    synthOk = (await record(step.name, async () => (await run(step.command, step.args, { cwd: WORKSPACE_ROOT, env })).code === 0)) && synthOk;
  }
  await record('cfn-lint on every synthesized template', async () => synthOk && (await cfnLint()));
  await record('the plan of the switch to the hardened profile (dev, staging, prod)', async () => synthOk && checkHardenedSwitch());
  await record('template policies: standard tags, Control Tower proactive controls', async () => synthOk && (await templatePolicies()));
  await record('end-to-end against the local AWS emulator', async () => (await run(NX, ['run', 'tools:e2e', '--outputStyle=static'], { cwd: WORKSPACE_ROOT, env })).code === 0);
  await record(changeset.name, async () => (await run(changeset.command, changeset.args, { cwd: WORKSPACE_ROOT, env })).code === 0);

  console.log('\nSummary:');
  for (const r of results) console.log(`  ${r.ok ? 'ok    ' : 'FAILED'} ${r.name} (${r.seconds.toFixed(1)} s)`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`\nchecks: ${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

runMain(main);

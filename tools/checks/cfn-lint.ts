import { spawnSync } from 'node:child_process';
import { WORKSPACE_ROOT } from '../lib/paths';
import { run, runMain } from '../lib/process';
import { synthesizedTemplates } from '../lib/workspace';

// cfn-lint's exit code is a bit mask: 2 = errors, 4 = warnings, 8 = informational. Only errors fail; the
// warnings we accept are ignored, with their reasons, in .cfnlintrc.yaml, so any other warning is printed.
const ERROR_BIT = 2;

export function cfnLintInstalled(): boolean {
  return spawnSync('cfn-lint', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Lints every synthesized template in one cfn-lint run; true when there is no error. */
export async function cfnLint(): Promise<boolean> {
  if (!cfnLintInstalled()) {
    console.error('cfn-lint is not installed. Install it with: pip install cfn-lint (see README, "Prerequisites").');
    return false;
  }
  const templates = synthesizedTemplates();
  if (templates.length === 0) {
    console.error('No synthesized templates found under apps/*/cdk.out: run the synth targets first.');
    return false;
  }
  console.log(`cfn-lint on ${templates.length} template(s)`);
  const result = await run('cfn-lint', ['--format', 'parseable', '--', ...templates], { cwd: WORKSPACE_ROOT });
  return (result.code & ERROR_BIT) === 0 && result.code < 16;
}

// CLI: lint whatever has been synthesized (in CI: the affected tiers' templates).
if (require.main === module) runMain(async () => ((await cfnLint()) ? 0 : 1));

import { spawnSync } from 'node:child_process';
import type { Tier } from '@showcore/naming';
import { parseArgs, tierOption } from '#tools/lib/args';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
import { run, runMain } from '#tools/lib/process';
import { synthesizedTemplates } from '#tools/lib/workspace';
import { loadSynthesizedTemplates } from './templates/variants';

// cfn-lint's exit code is a bit mask: 2 = errors, 4 = warnings, 8 = informational. Only errors fail; the
// warnings we accept are ignored, with their reasons, in .cfnlintrc.yaml, so any other warning is printed.
const ERROR_BIT = 2;

export function cfnLintInstalled(): boolean {
  return spawnSync('cfn-lint', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Lints synthesized templates in one cfn-lint run; true when there is no error. With `tier`, every variant of
 * that tier (each environment and the hardened profile), and a variant not synthesized is an error; without,
 * whatever has been synthesized under apps/*\/cdk.out.
 */
export async function cfnLint(tier?: Tier): Promise<boolean> {
  if (!cfnLintInstalled()) {
    console.error('cfn-lint is not installed. Install it with: pip install cfn-lint (see README, "Prerequisites").');
    return false;
  }
  const templates = tier ? loadSynthesizedTemplates([tier]).map((t) => t.file) : synthesizedTemplates();
  if (templates.length === 0) {
    console.error('No synthesized templates found under apps/*/cdk.out: run the synth targets first.');
    return false;
  }
  console.log(`cfn-lint on ${templates.length} template(s)`);
  const result = await run('cfn-lint', ['--format', 'parseable', '--', ...templates], { cwd: WORKSPACE_ROOT });
  return (result.code & ERROR_BIT) === 0 && result.code < 16;
}

// CLI: `--tier=<tier>` lints that tier's variants (the cfn-lint target); without it, whatever has been synthesized.
if (require.main === module) {
  runMain(async () => {
    const tier = tierOption(parseArgs(process.argv.slice(2), ['tier']));
    return (await cfnLint(tier)) ? 0 : 1;
  });
}

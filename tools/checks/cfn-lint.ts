import type { Tier } from '@showcore/naming';
import { parseArgs, tierOption } from '#tools/lib/args';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
import { run, runMain } from '#tools/lib/process';
import { synthesizedTemplates } from '#tools/lib/workspace';
import { loadSynthesizedTemplates } from './templates/variants';

// cfn-lint's exit code is a bit mask: 2 = errors, 4 = warnings, 8 = informational. Only errors fail; the
// warnings we accept are ignored, with their reasons, in .cfnlintrc.yaml, so any other warning is printed.
const ERROR_BIT = 2;
const COMMAND_NOT_FOUND = 127;

/**
 * Lints synthesized templates in one cfn-lint run; true when there is no error. With `tier`, every variant of
 * that tier (each environment and the hardened profile), and a variant not synthesized is an error; without,
 * whatever has been synthesized under apps/*\/cdk.out.
 */
export async function cfnLint(tier?: Tier): Promise<boolean> {
  const templates = tier ? loadSynthesizedTemplates([tier]).map((t) => t.file) : synthesizedTemplates();
  if (templates.length === 0) {
    console.error('No synthesized templates found under apps/*/cdk.out: run the synth targets first.');
    return false;
  }
  return lintTemplates(templates);
}

/** One cfn-lint run over `templates`; true when there is no error, false (with the way to install it) when it is missing. */
export async function lintTemplates(templates: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  console.log(`cfn-lint on ${templates.length} template(s)`);
  // Run straight away: asking `cfn-lint --version` first cost a Python start (~2 s of CPU) per tier. A missing
  // cfn-lint is told apart afterwards: no such program, or the shell's (or pyenv shim's) 127.
  const result = await run('cfn-lint', ['--format', 'parseable', '--', ...templates], { cwd: WORKSPACE_ROOT, env }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (result === undefined || result.code === COMMAND_NOT_FOUND) {
    console.error('cfn-lint is not installed. Install it with: pip install cfn-lint (see README, "Prerequisites").');
    return false;
  }
  return (result.code & ERROR_BIT) === 0 && result.code < 16;
}

// CLI: `--tier=<tier>` lints that tier's variants (the cfn-lint target); without it, whatever has been synthesized.
if (require.main === module) {
  runMain(async () => {
    const tier = tierOption(parseArgs(process.argv.slice(2), ['tier']));
    return (await cfnLint(tier)) ? 0 : 1;
  });
}

/**
 * Where the templates come from: the cloud assembly each tier's synth wrote to apps/<tier>/cdk.out/<env>
 * (or cdk.out/<env>-<profile>), in this checkout or in another one (a worktree of a base ref).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TIERS, type EnvironmentName, type Tier } from '@showcore/naming';
import { assemblyStacks } from '#tools/lib/assembly';
import { TYPESCRIPT_LOADER, typeScriptNodeArgs, variantDir } from '#tools/lib/paths';
import { run, UsageError } from '#tools/lib/process';
import type { CfnTemplate, TierTemplates } from './model';

export function tierExists(root: string, tier: Tier): boolean {
  return fs.existsSync(path.join(root, 'apps', tier, 'cdk.json'));
}

export function tiersIn(root: string, wanted: readonly Tier[] = TIERS): Tier[] {
  return wanted.filter((tier) => tierExists(root, tier));
}

/**
 * How a checkout's own tools run: through its tools/lib/typescript.cjs (as its Nx targets do), or through tsx in a
 * checkout from before that loader (a --base ref).
 */
function typeScriptLoader(root: string): string[] {
  return fs.existsSync(path.join(root, TYPESCRIPT_LOADER)) ? typeScriptNodeArgs(root) : ['--import', 'tsx'];
}

/** The command that writes the templates the report reads. */
export function synthCommand(tier: Tier, environment: EnvironmentName, profile?: string): string {
  if (profile) return `node --require ./${TYPESCRIPT_LOADER} tools/cdk/tier.ts synth --tier=${tier} --environment=${environment} --profile=${profile}`;
  return `npx nx run ${tier}:synth -c ${environment}`;
}

function stampOf(dir: string): string {
  const modified = fs.statSync(path.join(dir, 'manifest.json')).mtime;
  return modified.toISOString().slice(0, 16).replace('T', ' ');
}

export function readTierTemplates(root: string, tier: Tier, environment: EnvironmentName, profile?: string): TierTemplates {
  const dir = variantDir(root, tier, environment, profile);
  const stacks = assemblyStacks(dir).map((stack) => {
    let template: CfnTemplate;
    try {
      template = JSON.parse(fs.readFileSync(stack.templateFile, 'utf8'));
    } catch (error) {
      const message = `Cannot read the template ${stack.templateFile}: ${(error as Error).message}. Synthesize again: ${synthCommand(tier, environment, profile)}`;
      throw new UsageError(message);
    }
    return { stack: stack.stackName, region: stack.region, template };
  });
  return { tier, source: `${path.relative(root, dir)} (synthesized ${stampOf(dir)} UTC)`, stacks };
}

/** The tiers of `tiers` with no synthesized assembly in `root`. */
export function unsynthesized(root: string, tiers: readonly Tier[], environment: EnvironmentName, profile?: string): Tier[] {
  return tiers.filter((tier) => !fs.existsSync(path.join(variantDir(root, tier, environment, profile), 'manifest.json')));
}

/**
 * The templates of `tiers` in `root`. Every tier without a synthesized assembly is named in one error with the
 * command that writes it: a report over stale or missing templates would be wrong without saying so.
 */
export function loadTemplates(root: string, tiers: readonly Tier[], environment: EnvironmentName, profile?: string): TierTemplates[] {
  const missing = unsynthesized(root, tiers, environment, profile);
  if (missing.length > 0) {
    const variant = profile ? `${environment} with the ${profile} profile` : environment;
    throw new UsageError(
      `No synthesized templates for ${missing.join(', ')} (${variant}). Synthesize first:\n` +
        missing.map((tier) => `  ${synthCommand(tier, environment, profile)}`).join('\n') +
        '\nor run the cost report with --synth to do it.',
    );
  }
  return tiers.map((tier) => readTierTemplates(root, tier, environment, profile));
}

/** Synthesizes one tier in `root` through that checkout's own tools/cdk/tier.ts (output kept off stdout). */
export async function synthesize(root: string, tier: Tier, environment: EnvironmentName, profile: string | undefined, label: string): Promise<void> {
  const args = [
    ...typeScriptLoader(root),
    'tools/cdk/tier.ts',
    'synth',
    `--tier=${tier}`,
    `--environment=${environment}`,
    ...(profile ? [`--profile=${profile}`] : []),
  ];
  console.error(`Synthesizing ${tier} (${environment}${profile ? `, ${profile}` : ''}) ${label}...`);
  const result = await run(process.execPath, args, { cwd: root, quiet: true });
  if (result.code !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new UsageError(`Synthesizing the ${tier} tier ${label} failed (exit ${result.code}):\n${output}`);
  }
}

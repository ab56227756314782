/**
 * The cloud assembly a tier command acts on: the one synth wrote to apps/<tier>/cdk.out/<env>, synthesized first
 * when it is missing or older than the sources.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseProfile, type EnvironmentName, type Tier } from '@showcore/naming';
import { appDir, assemblyDir, WORKSPACE_ROOT } from '#tools/lib/paths';
import { UsageError } from '#tools/lib/process';
import { synthesizeVariants } from './synthesize';

export function requireAssembly(tier: Tier, environment: EnvironmentName): string {
  const dir = assemblyDir(tier, environment);
  if (!fs.existsSync(`${dir}/manifest.json`)) {
    throw new UsageError(`No synthesized assembly at ${dir}. Run: npx nx run ${tier}:synth -c ${environment}`);
  }
  return dir;
}

/** Newest modification time of the files a tier's templates are built from (its sources and the libs). */
function newestSourceTime(tier: Tier): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    if (!fs.statSync(dir).isDirectory()) {
      newest = Math.max(newest, fs.statSync(dir).mtimeMs);
      return;
    }
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  walk(path.join(appDir(tier), 'src'));
  walk(path.join(appDir(tier), 'cdk.json'));
  for (const lib of ['naming', 'tags']) walk(path.join(WORKSPACE_ROOT, 'libs', lib, 'src'));
  return newest;
}

/**
 * The assembly to deploy. Through Nx, `synth` has just run (a dependency of deploy); a tier owner who deploys one
 * tier alone with --exclude-task-dependencies skips it, so an assembly that is missing or older than the sources
 * is synthesized here rather than deploying something other than the code in front of them.
 */
export async function assemblyToDeploy(tier: Tier, environment: EnvironmentName): Promise<string> {
  const dir = assemblyDir(tier, environment);
  const manifest = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifest) || fs.statSync(manifest).mtimeMs < newestSourceTime(tier)) {
    console.log(`[${tier}] the ${environment} assembly is missing or older than the sources: synthesizing it first`);
    await synth(tier, environment);
  }
  return dir;
}

/**
 * Synthesizes a tier. `profile` (e.g. `hardened`) applies a named configuration profile on top of the
 * environment's values; that assembly goes to cdk.out/<env>-<profile> and is for checks, not deploys.
 */
export async function synth(tier: Tier, environment: EnvironmentName, profile?: string): Promise<string> {
  const [out] = await synthesizeVariants(tier, [{ environment, ...(profile ? { profile: parseProfile(profile, '--profile', '--profile=<name>') } : {}) }]);
  console.log(`Synthesized the ${tier} tier for ${environment}${profile ? ` (${profile} profile)` : ''} into ${out}`);
  return out;
}

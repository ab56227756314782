/**
 * Templates of a base git ref, for `--base`. cdk.out is not committed, so the ref is checked out into a
 * temporary `git worktree` and each tier is synthesized there with that ref's own tools/cdk/tier.ts. The
 * worktree borrows this checkout's node_modules entry by entry, except the workspace packages (@showcore/*),
 * which are relinked to the worktree's own libs and apps: a plain node_modules symlink would resolve them to
 * this checkout's libs and price the base ref with the working tree's code.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EnvironmentName, Tier } from '@showcore/naming';
import { run, UsageError } from '#tools/lib/process';
import type { TierTemplates } from './model';
import { readTierTemplates, synthesize, tiersIn } from './sources';

const WORKSPACE_SCOPE = '@showcore';

async function git(root: string, args: string[]): Promise<string> {
  const result = await run('git', args, { cwd: root, quiet: true });
  if (result.code !== 0) throw new UsageError(`git ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

export async function resolveCommit(root: string, ref: string, option = '--base'): Promise<string> {
  const result = await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root, quiet: true });
  if (result.code !== 0) {
    throw new UsageError(
      `Unknown git ref "${ref}" (${option}) in ${root}. Pass a branch, tag or commit, e.g. ${option}=origin/main (run \`git fetch\` first for a remote branch). Nothing was synthesized.`,
    );
  }
  return result.stdout.trim();
}

/** node_modules for `worktree`: links to `root`'s entries, with the workspace scope pointing into the worktree. */
export function linkNodeModules(root: string, worktree: string): void {
  const source = path.join(root, 'node_modules');
  const target = path.join(worktree, 'node_modules');
  if (!fs.existsSync(source)) throw new UsageError(`${source} does not exist: run npm install first.`);
  fs.mkdirSync(target, { recursive: true });
  for (const entry of fs.readdirSync(source)) {
    if (entry !== WORKSPACE_SCOPE) {
      fs.symlinkSync(path.join(source, entry), path.join(target, entry));
      continue;
    }
    fs.mkdirSync(path.join(target, entry));
    for (const pkg of fs.readdirSync(path.join(source, entry))) {
      const link = path.join(source, entry, pkg);
      // npm links workspace packages relatively (../../libs/naming): the same link in the worktree resolves there.
      const pointsTo = fs.lstatSync(link).isSymbolicLink() ? fs.readlinkSync(link) : link;
      fs.symlinkSync(pointsTo, path.join(target, entry, pkg));
    }
  }
}

async function removeWorktree(root: string, worktree: string): Promise<void> {
  const removed = await run('git', ['worktree', 'remove', '--force', worktree], { cwd: root, quiet: true });
  if (removed.code !== 0) {
    fs.rmSync(worktree, { recursive: true, force: true });
    await run('git', ['worktree', 'prune'], { cwd: root, quiet: true });
  }
}

/** Synthesizes `tiers` (those present at the ref) at `ref` and returns their templates; tiers absent there are left out. */
export async function templatesAtRef(
  root: string,
  ref: string,
  tiers: readonly Tier[],
  environment: EnvironmentName,
  profile?: string,
): Promise<TierTemplates[]> {
  const commit = await resolveCommit(root, ref);
  const worktree = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-cost-base-'));
  await git(root, ['worktree', 'add', '--detach', worktree, commit]);
  try {
    if (!fs.existsSync(path.join(worktree, 'tools', 'cdk', 'tier.ts'))) {
      throw new UsageError(`${ref} (${commit.slice(0, 7)}) has no tools/cdk/tier.ts, so its tiers cannot be synthesized; pick a later base.`);
    }
    linkNodeModules(root, worktree);
    const present = tiersIn(worktree, tiers);
    for (const tier of present) await synthesize(worktree, tier, environment, profile, `at ${ref}`);
    return present.map((tier) => {
      const templates = readTierTemplates(worktree, tier, environment, profile);
      return { ...templates, source: `${tier} at ${ref} (${commit.slice(0, 7)})` };
    });
  } finally {
    await removeWorktree(root, worktree);
  }
}

/**
 * Fails when a change touches a versioned lib (libs/) without adding a changeset, so every change a tier owner
 * receives through @showcore/* is versioned and described.
 *
 *   node --import tsx tools/checks/changeset-required.ts --base=<git ref> [--head=<git ref>]
 */
import { spawnSync } from 'node:child_process';
import { optionString, parseArgs } from '#tools/lib/args';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
import { runMain, UsageError } from '#tools/lib/process';

/** Files that make a lib change publishable: sources and the package manifest, not tests or docs. */
export function isVersionedLibFile(file: string): boolean {
  return /^libs\/[^/]+\/(src\/.*|package\.json)$/.test(file) && !/\.test\.ts$/.test(file);
}

export function isChangeset(file: string): boolean {
  return /^\.changeset\/[^/]+\.md$/.test(file) && !/^\.changeset\/README\.md$/i.test(file);
}

/** The verdict for a list of changed files (added/modified/renamed) between base and head. */
export function changesetVerdict(changedFiles: readonly string[]): { ok: boolean; message: string } {
  const libFiles = changedFiles.filter(isVersionedLibFile);
  if (libFiles.length === 0) return { ok: true, message: 'No versioned lib changed: no changeset needed.' };
  if (changedFiles.some(isChangeset)) return { ok: true, message: `Lib changes (${libFiles.length} files) come with a changeset.` };
  const libs = [...new Set(libFiles.map((f) => `@showcore/${f.split('/')[1]}`))];
  return {
    ok: false,
    message:
      `This change modifies ${libs.join(', ')} (${libFiles.slice(0, 5).join(', ')}${libFiles.length > 5 ? ', …' : ''}) but adds no changeset. ` +
      'Run `npx changeset`, choose the libs and the bump, describe the change in one sentence, and commit the new .changeset/*.md file.',
  };
}

export function changedFilesBetween(base: string, head: string, cwd = WORKSPACE_ROOT): string[] {
  const result = spawnSync('git', ['diff', '--name-only', '--diff-filter=AMR', `${base}...${head}`], { cwd, encoding: 'utf8' });
  if (result.status !== 0)
    throw new UsageError(`git diff ${base}...${head} failed: ${result.stderr.trim()}. Is --base a commit of this repository (fetch-depth: 0)?`);
  return result.stdout.split('\n').filter(Boolean);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const base = optionString(args, 'base');
  if (!base) throw new UsageError('Missing --base=<git ref> (in CI: the NX_BASE that nrwl/nx-set-shas derives).');
  const verdict = changesetVerdict(changedFilesBetween(base, optionString(args, 'head') ?? 'HEAD'));
  (verdict.ok ? console.log : console.error)(verdict.message);
  return verdict.ok ? 0 : 1;
}

if (require.main === module) runMain(main);

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
import { E2E_COMMAND_TIMEOUT_MS } from '#tools/emulator/harness';

/**
 * A throwaway clone of the workspace (its installed packages borrowed), for tests that commit changes. It holds the working
 * tree as it is, uncommitted edits and new files included, committed on top of HEAD: the e2e target is cached on
 * the working tree's files, so it must test those, not the last commit.
 */
export class ScratchClone {
  readonly dir: string;

  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-clone-'));
    const clone = spawnSync('git', ['clone', '--quiet', '--local', '--no-hardlinks', WORKSPACE_ROOT, this.dir], { encoding: 'utf8' });
    if (clone.status !== 0) throw new Error(`git clone failed: ${clone.stderr}`);
    this.copyWorkingTree();
    this.linkNodeModules();
    this.copyProjectGraphCache();
  }

  /**
   * The workspace's installed packages, without a second install: node_modules is a folder of links to the
   * workspace's packages, except the workspace's own (npm links node_modules/@showcore/<project> to the project's
   * folder), which link to the clone's projects, as `npm install` in the clone would. A link to the workspace's
   * whole node_modules would give every tool run in the clone the workspace's libs instead of the clone's.
   */
  private linkNodeModules(): void {
    const from = path.join(WORKSPACE_ROOT, 'node_modules');
    const to = path.join(this.dir, 'node_modules');
    fs.mkdirSync(to);
    for (const entry of fs.readdirSync(from)) {
      if (entry === '@showcore') continue;
      fs.symlinkSync(path.join(from, entry), path.join(to, entry));
    }
    const own = path.join(from, '@showcore');
    if (!fs.existsSync(own)) return;
    fs.mkdirSync(path.join(to, '@showcore'));
    for (const entry of fs.readdirSync(own)) {
      const project = path.relative(WORKSPACE_ROOT, fs.realpathSync(path.join(own, entry)));
      fs.symlinkSync(path.join(this.dir, project), path.join(to, '@showcore', entry));
    }
  }

  /**
   * Starts the clone's Nx from the workspace's project-graph cache (the graph, the file map, the plugins' results;
   * all with paths relative to the root), as a second run in the workspace would: ~1.4 s of CPU less for the first
   * Nx run. Nx checks every entry against the clone's own files and recomputes what differs. An entry the
   * workspace's Nx is writing at this moment (not whole JSON) is left out; the task history database is never copied.
   */
  private copyProjectGraphCache(): void {
    const from = path.join(WORKSPACE_ROOT, '.nx', 'workspace-data');
    if (!fs.existsSync(from)) return;
    const to = path.join(this.dir, '.nx', 'workspace-data');
    fs.mkdirSync(to, { recursive: true });
    for (const name of fs.readdirSync(from).filter((file) => /\.(json|hash)$/.test(file))) {
      try {
        const content = fs.readFileSync(path.join(from, name), 'utf8');
        JSON.parse(content);
        fs.writeFileSync(path.join(to, name), content);
      } catch {
        // Incomplete or gone: the clone's Nx computes it.
      }
    }
  }

  /** Brings the workspace's uncommitted changes (tracked and untracked, not ignored) into the clone as one commit. */
  private copyWorkingTree(): void {
    const inWorkspace = (...args: string[]) => {
      const result = spawnSync('git', args, { cwd: WORKSPACE_ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in the workspace: ${result.stderr}`);
      return result.stdout;
    };
    const changed = inWorkspace('status', '--porcelain=v1', '-z', '--no-renames', '--untracked-files=all')
      .split('\0')
      .filter((entry) => entry.length > 3)
      .map((entry) => entry.slice(3));
    if (changed.length === 0) return;
    for (const file of new Set(changed)) {
      const from = path.join(WORKSPACE_ROOT, file);
      const to = path.join(this.dir, file);
      if (fs.existsSync(from) && fs.statSync(from).isFile()) {
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.copyFileSync(from, to);
      } else if (!fs.existsSync(from)) {
        fs.rmSync(to, { force: true });
      }
    }
    this.git('add', '--all');
    if (this.git('status', '--porcelain') !== '') this.git('commit', '-qm', 'e2e: the working tree of the workspace');
  }

  git(...args: string[]): string {
    const result = spawnSync('git', ['-c', 'user.name=ShowCore e2e', '-c', 'user.email=e2e@showcore.invalid', ...args], { cwd: this.dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout.trim();
  }

  /** Rewrites a file of the clone (the replacement must change it) and commits it. */
  commitEdit(file: string, from: string | RegExp, to: string, message: string): void {
    const full = path.join(this.dir, file);
    const before = fs.readFileSync(full, 'utf8');
    const after = before.replace(from, to);
    if (after === before) throw new Error(`The edit of ${file} changed nothing: ${String(from)} not found.`);
    fs.writeFileSync(full, after);
    this.git('commit', '-qam', message);
  }

  /** Runs Nx in the clone; returns its exit code and output (never throws on failure). */
  nx(args: string[], env: NodeJS.ProcessEnv): { status: number; output: string } {
    const result = spawnSync(path.join(this.dir, 'node_modules', '.bin', 'nx'), [...args, '--outputStyle=stream'], {
      cwd: this.dir,
      env: { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', CI: 'true' },
      encoding: 'utf8',
      timeout: E2E_COMMAND_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: result.status ?? 1, output: `${result.stdout}\n${result.stderr}` };
  }

  /** Runs Nx and fails with the tail of its output when it exits non-zero. */
  nxOk(args: string[], env: NodeJS.ProcessEnv): string {
    const result = this.nx(args, env);
    if (result.status !== 0) throw new Error(`nx ${args.join(' ')} exited ${result.status}:\n${result.output.slice(-4000)}`);
    return result.output;
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { WORKSPACE_ROOT } from '#tools/lib/paths';

// The e2e suites are cached Nx targets of the tools projects that own them (tools/local/project.json,
// tools/verify/project.json). A suite no target runs would silently drop out of npm test, and a file a suite imports
// that its target's inputs exclude would let a change pass from the cache.
interface Target {
  readonly options?: { readonly command?: string };
  readonly inputs?: unknown[];
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(WORKSPACE_ROOT, file), 'utf8'));
const toolRoots = fs
  .readdirSync(path.join(WORKSPACE_ROOT, 'tools'))
  .map((dir) => `tools/${dir}`)
  .filter((root) => fs.existsSync(path.join(WORKSPACE_ROOT, root, 'project.json')));
const e2eTargets = toolRoots.flatMap((root) =>
  Object.entries((readJson(`${root}/project.json`) as { targets?: Record<string, Target> }).targets ?? {})
    .filter(([name, t]) => name.startsWith('e2e-') && t.options?.command?.includes('jest.e2e.config.js'))
    .map(([name, target]) => ({ name, root, target })),
);
/** What another project contributes to a target through `^production` (nx.json), as globs of its files. */
const productionExclusions = (readJson('nx.json').namedInputs.production as string[])
  .filter((i) => i.startsWith('!{projectRoot}/'))
  .map((i) => i.slice('!{projectRoot}/'.length));

function suiteFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
      else if (entry.name.endsWith('.e2e.ts')) found.push(path.relative(WORKSPACE_ROOT, full));
    }
  };
  walk(path.join(WORKSPACE_ROOT, 'tools'));
  return found.sort();
}

const runs = (command: string, file: string) => command.split(/\s+/).some((arg) => arg.startsWith('tools/') && (file === arg || file.startsWith(`${arg}/`)));

/** Every workspace file a module reaches through relative and `#tools/` imports (package.json), itself included. */
function reachable(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = fs.readFileSync(path.join(WORKSPACE_ROOT, file), 'utf8');
  for (const match of source.matchAll(/(?:from |import\()'((?:\.{1,2}\/|#tools\/)[^']+)'/g)) {
    const base = match[1].startsWith('#') ? match[1].slice(1) : path.join(path.dirname(file), match[1]);
    const target = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(path.join(WORKSPACE_ROOT, candidate)));
    if (target) reachable(target, seen);
  }
  return seen;
}

const projectOf = (file: string) => toolRoots.find((root) => file.startsWith(`${root}/`));

describe('the e2e targets of npm test', () => {
  it('run every e2e suite of the workspace, each in exactly one target', () => {
    expect(e2eTargets.map(({ name }) => name).sort()).toEqual(['e2e-contract', 'e2e-tiers', 'e2e-verify']);
    const files = suiteFiles();
    expect(files.length).toBeGreaterThan(5);
    for (const file of files)
      expect({ file, targets: e2eTargets.filter(({ target }) => runs(target.options?.command ?? '', file)).map(({ name }) => name).length }).toEqual({
        file,
        targets: 1,
      });
  });

  it('take every tools file their suites import as an input (an excluded one could pass from the cache)', () => {
    for (const { name, root, target } of e2eTargets) {
      const inputs = (target.inputs ?? []).filter((i): i is string => typeof i === 'string');
      const excluded = inputs.filter((i) => i.startsWith('!{projectRoot}/')).map((i) => `${root}/${i.slice('!{projectRoot}/'.length)}`);
      const suites = suiteFiles().filter((file) => runs(target.options?.command ?? '', file));
      const imported = [...new Set(suites.flatMap((suite) => [...reachable(suite)]))].filter((file) => file.startsWith('tools/'));
      expect(imported.length).toBeGreaterThan(suites.length);
      const own = imported.filter((file) => projectOf(file) === root);
      const others = imported.filter((file) => projectOf(file) !== root);
      const hidden = [
        ...own.filter((file) => excluded.some((glob) => path.matchesGlob(file, glob))),
        // Other projects' files reach the target through ^production only.
        ...others.filter(
          (file) => !inputs.includes('^production') || productionExclusions.some((glob) => path.matchesGlob(file, `${projectOf(file)}/${glob}`)),
        ),
      ];
      expect({ target: name, hidden }).toEqual({ target: name, hidden: [] });
    }
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { WORKSPACE_ROOT } from '../../lib/paths';

// The e2e suites are cached Nx targets (tools/project.json). A suite no target runs would silently drop out of
// npm test, and a file a suite imports that its target's inputs exclude would let a change pass from the cache.
const project = JSON.parse(fs.readFileSync(path.join(WORKSPACE_ROOT, 'tools', 'project.json'), 'utf8')) as {
  targets: Record<string, { options?: { command?: string }; inputs?: unknown[] }>;
};
const e2eTargets = Object.entries(project.targets).filter(([name, t]) => name.startsWith('e2e-') && t.options?.command?.includes('jest.e2e.config.js'));

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

/** Every workspace file a module reaches through relative imports, itself included. */
function reachable(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = fs.readFileSync(path.join(WORKSPACE_ROOT, file), 'utf8');
  for (const match of source.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
    const base = path.join(path.dirname(file), match[1]);
    const target = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(path.join(WORKSPACE_ROOT, candidate)));
    if (target) reachable(target, seen);
  }
  return seen;
}

describe('the e2e targets of npm test', () => {
  it('run every e2e suite of the workspace, each in exactly one target', () => {
    expect(e2eTargets.map(([name]) => name).sort()).toEqual(['e2e-contract', 'e2e-tiers', 'e2e-verify']);
    const files = suiteFiles();
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect({ file, targets: e2eTargets.filter(([, t]) => runs(t.options?.command ?? '', file)).map(([n]) => n).length }).toEqual({ file, targets: 1 });
  });

  it('take every tools file their suites import as an input (an excluded one could pass from the cache)', () => {
    for (const [name, target] of e2eTargets) {
      const excluded = (target.inputs ?? []).filter((i): i is string => typeof i === 'string' && i.startsWith('!{projectRoot}/')).map((i) => `tools/${i.slice('!{projectRoot}/'.length)}`);
      const suites = suiteFiles().filter((file) => runs(target.options?.command ?? '', file));
      const imported = [...new Set(suites.flatMap((suite) => [...reachable(suite)]))].filter((file) => file.startsWith('tools/'));
      expect(imported.length).toBeGreaterThan(suites.length);
      const hidden = imported.filter((file) => excluded.some((glob) => path.matchesGlob(file, glob)));
      expect({ target: name, hidden }).toEqual({ target: name, hidden: [] });
    }
  });
});

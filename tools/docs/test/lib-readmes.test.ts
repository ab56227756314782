/**
 * The shared libraries are published to tier owners with their README as the only documentation: every name a lib
 * exports must be named there, so a new export cannot ship undocumented and a renamed one cannot leave a stale name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WORKSPACE_ROOT } from '#tools/lib/paths';

const LIBS = ['naming', 'tags', 'testing'] as const;

/** Names exported from a lib's index, following its `export * from './x'` lines into the source files. */
function exportedNames(lib: string): string[] {
  const src = path.join(WORKSPACE_ROOT, 'libs', lib, 'src');
  const index = fs.readFileSync(path.join(src, 'index.ts'), 'utf8');
  const modules = [...index.matchAll(/^export \* from '\.\/([\w-]+)';$/gm)].map((m) => m[1]);
  expect(modules.length).toBeGreaterThan(0);
  return modules.flatMap((module) => {
    const text = fs.readFileSync(path.join(src, `${module}.ts`), 'utf8');
    return [...text.matchAll(/^export (?:async )?(?:function|const|class|abstract class|interface|type|enum) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
  });
}

function readme(lib: string): string {
  return fs.readFileSync(path.join(WORKSPACE_ROOT, 'libs', lib, 'README.md'), 'utf8');
}

describe('the shared libraries document what they export', () => {
  it.each(LIBS)('@showcore/%s: every export is named in its README', (lib) => {
    const text = readme(lib);
    const names = exportedNames(lib);
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => !new RegExp(`\`${name.replace(/\$/g, '\\$')}[\`(<]`).test(text))).toEqual([]);
  });

  it.each(LIBS)('@showcore/%s: the README names itself and how a change is released', (lib) => {
    const text = readme(lib);
    expect(text.startsWith(`# @showcore/${lib}\n`)).toBe(true);
    expect(text).toMatch(/changeset/);
  });
});

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// tools/lib/typescript.cjs, the `.ts` loader of every Nx target and npm script: TypeScript runs as written, a changed
// file is compiled again (the cache is keyed by the exact source), and a checkout without @swc/core says what to do.
const LOADER = path.join(__dirname, '..', 'typescript.cjs');

describe('tools/lib/typescript.cjs', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-typescript-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (loader: string, file: string, env: NodeJS.ProcessEnv = process.env) =>
    spawnSync(process.execPath, ['--require', loader, file], { cwd: dir, encoding: 'utf8', env });

  it('runs TypeScript (types, enums, extensionless imports, namespace imports) and follows an edit', () => {
    fs.writeFileSync(path.join(dir, 'colour.ts'), 'export enum Colour { Red = "red", Blue = "blue" }\n');
    const main = path.join(dir, 'main.ts');
    const write = (colour: string) =>
      fs.writeFileSync(
        main,
        `import * as path from 'node:path';\nimport { Colour } from './colour';\nconst pick: Colour = Colour.${colour};\nconsole.log(pick, path.basename(__filename));\n`,
      );
    write('Red');
    expect(run(LOADER, main)).toMatchObject({ status: 0, stdout: 'red main.ts\n', stderr: '' });
    write('Blue');
    expect(run(LOADER, main)).toMatchObject({ status: 0, stdout: 'blue main.ts\n' });
  });

  it('resolves ./x to x.ts before a sibling x.json, as TypeScript does', () => {
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"from": "json"}\n');
    fs.writeFileSync(path.join(dir, 'settings.ts'), 'export const from: string = "typescript";\n');
    fs.writeFileSync(path.join(dir, 'main.ts'), "import { from } from './settings';\nconsole.log(from);\n");
    expect(run(LOADER, path.join(dir, 'main.ts'))).toMatchObject({ status: 0, stdout: 'typescript\n' });
  });

  it('points a stack trace into the TypeScript with SHOWCORE_DEBUG set', () => {
    const main = path.join(dir, 'fails.ts');
    fs.writeFileSync(main, 'type Unused = { a: number };\n\n\nthrow new Error("here");\n');
    const result = run(LOADER, main, { ...process.env, SHOWCORE_DEBUG: '1' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`${main}:4`);
  });

  it('names the missing compiler and the fix in a checkout without node_modules', () => {
    const loader = path.join(dir, 'tools', 'lib', 'typescript.cjs');
    fs.mkdirSync(path.dirname(loader), { recursive: true });
    fs.copyFileSync(LOADER, loader);
    fs.writeFileSync(path.join(dir, 'main.ts'), 'console.log("ran");\n');
    const result = run(loader, path.join(dir, 'main.ts'));
    expect(result.status).not.toBe(0);
    expect(result.stdout).not.toContain('ran');
    expect(result.stderr).toContain(
      `TypeScript files here are compiled by @swc/core, which is not installed in ${path.join(dir, 'node_modules')}. Run \`npm install\` in ${dir} first.`,
    );
  });
});

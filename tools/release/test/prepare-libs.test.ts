/**
 * The libs as a consumer outside this repository gets them: built in a scratch copy of the libs (never the working
 * tree), packed with npm, and required by plain Node without a TypeScript loader.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { typeScriptNodeArgs, WORKSPACE_ROOT } from '#tools/lib/paths';
import { LIBS_IN_BUILD_ORDER, prepareLibs, publishedManifest } from '../prepare-libs';

jest.setTimeout(180_000);

/** A copy of what the release job's checkout holds of the libs, with node_modules linked to the workspace's. */
function scratchCheckout(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-release-'));
  fs.copyFileSync(path.join(WORKSPACE_ROOT, 'tsconfig.base.json'), path.join(root, 'tsconfig.base.json'));
  for (const lib of LIBS_IN_BUILD_ORDER) {
    const from = path.join(WORKSPACE_ROOT, 'libs', lib);
    const to = path.join(root, 'libs', lib);
    fs.mkdirSync(to, { recursive: true });
    for (const file of ['package.json', 'README.md', 'tsconfig.build.json']) fs.copyFileSync(path.join(from, file), path.join(to, file));
    fs.cpSync(path.join(from, 'src'), path.join(to, 'src'), { recursive: true });
  }
  const modules = path.join(root, 'node_modules');
  fs.mkdirSync(path.join(modules, '@showcore'), { recursive: true });
  for (const entry of fs.readdirSync(path.join(WORKSPACE_ROOT, 'node_modules'))) {
    if (entry === '@showcore' || entry === '.bin') continue;
    fs.symlinkSync(path.join(WORKSPACE_ROOT, 'node_modules', entry), path.join(modules, entry));
  }
  for (const lib of LIBS_IN_BUILD_ORDER) fs.symlinkSync(path.join(root, 'libs', lib), path.join(modules, '@showcore', lib));
  return root;
}

/** A tarball's file list, from `npm pack --dry-run --json`. */
interface PackReport {
  readonly name: string;
  readonly files: { readonly path: string }[];
}

describe('the published libs', () => {
  let root: string;
  /** `npm pack --dry-run` of every lib, run once in one npm process (each npm process costs ~0.8 s of CPU). */
  let pack: { status: number | null; stdout: string };
  beforeAll(() => {
    root = scratchCheckout();
    prepareLibs(root, () => undefined);
    const libDirs = LIBS_IN_BUILD_ORDER.map((lib) => `./libs/${lib}`);
    pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', ...libDirs], { cwd: root, encoding: 'utf8' });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('the manifest points at dist/ and ships only dist/ and the docs', () => {
    const manifest = { name: '@showcore/x', version: '1.0.0', main: './src/index.ts', types: './src/index.ts', peerDependencies: { 'aws-cdk-lib': '^2' } };
    expect(publishedManifest(manifest)).toEqual({
      ...manifest,
      main: './dist/index.js',
      types: './dist/index.d.ts',
      files: ['dist', 'README.md', 'CHANGELOG.md'],
    });
  });

  it.each(LIBS_IN_BUILD_ORDER)('@showcore/%s packs JavaScript, declarations and its README, and no TypeScript source or test', (lib) => {
    const dir = path.join(root, 'libs', lib);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect([manifest.main, manifest.types]).toEqual(['./dist/index.js', './dist/index.d.ts']);
    expect(manifest.peerDependencies).toEqual(expect.objectContaining({ 'aws-cdk-lib': expect.any(String), constructs: expect.any(String) }));
    expect(pack.status).toBe(0);
    const tarball = (JSON.parse(pack.stdout) as PackReport[]).find((p) => p.name === `@showcore/${lib}`);
    const files = tarball?.files.map((f) => f.path) ?? [];
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts']));
    expect(files.filter((f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f))).toEqual([]);
    expect(files.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'CHANGELOG.md'].includes(f))).toEqual([]);
  });

  it('plain Node requires them, each lib reaching the others through their built entry points', () => {
    const script = [
      "const naming = require('@showcore/naming');",
      "const tags = require('@showcore/tags');",
      "const testing = require('@showcore/testing');",
      'console.log(JSON.stringify({',
      "  name: naming.resourceName('rds', 'dev', 'cpu-high'),",
      "  entry: require.resolve('@showcore/naming'),",
      "  environment: tags.standardTags({ environment: 'prod', tier: 'data' }).Environment,",
      '  nag: typeof testing.expectNoNagFindings,',
      '}));',
    ].join('\n');
    const { NODE_OPTIONS: _ignored, ...env } = process.env;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', env });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      name: 'showcore-rds-dev-cpu-high',
      entry: fs.realpathSync(path.join(root, 'libs', 'naming', 'dist', 'index.js')),
      environment: 'Production',
      nag: 'function',
    });
  });

  it("a lib that does not compile stops the release with the compiler's message", () => {
    // naming, built first, is the broken lib, its source cut down to the error: with the real source, tsc would load
    // aws-cdk-lib's declarations (~3.5 s of CPU) before reporting it. Its real tsconfig.build.json is what runs.
    const broken = scratchCheckout();
    try {
      const source = path.join(broken, 'libs', 'naming', 'src');
      fs.rmSync(source, { recursive: true });
      fs.mkdirSync(source);
      fs.writeFileSync(path.join(source, 'index.ts'), "export const broken: number = 'text';\n");
      expect(() => prepareLibs(broken, () => undefined)).toThrow(/Building naming failed \(tsc -p libs\/naming\/tsconfig\.build\.json\):[\s\S]*TS2322/);
      // Nothing after the failed lib was touched.
      expect(JSON.parse(fs.readFileSync(path.join(broken, 'libs', 'tags', 'package.json'), 'utf8')).main).toBe('./src/index.ts');
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });

  it("the working tree's libs keep their source entry points (the repository consumes TypeScript)", () => {
    for (const lib of LIBS_IN_BUILD_ORDER) {
      const manifest = JSON.parse(fs.readFileSync(path.join(WORKSPACE_ROOT, 'libs', lib, 'package.json'), 'utf8'));
      expect([manifest.main, manifest.types]).toEqual(['./src/index.ts', './src/index.ts']);
    }
  });
});

describe('prepare-libs on the command line', () => {
  it('prints its usage for --help, and builds and rewrites nothing', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-prepare-help-'));
    try {
      const result = spawnSync(process.execPath, [...typeScriptNodeArgs(), 'tools/release/prepare-libs.ts', `--root=${root}`, '--help'], {
        cwd: WORKSPACE_ROOT,
        encoding: 'utf8',
      });
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Usage: node --require ./tools/lib/typescript.cjs tools/release/prepare-libs.ts [--root=<checkout>]');
      expect(fs.readdirSync(root)).toEqual([]);
      expect(result.stderr).not.toContain('package.json');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it.each([
    ['an unknown option', ['--tier=network'], 'Unknown option --tier. This command takes: --root'],
    ['an argument', ['now'], 'Unexpected argument "now". This command takes: --root=<checkout>.'],
  ])('refuses %s before building or rewriting anything', (_what, extra, message) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-prepare-refused-'));
    try {
      const result = spawnSync(process.execPath, [...typeScriptNodeArgs(), 'tools/release/prepare-libs.ts', `--root=${root}`, ...extra], {
        cwd: WORKSPACE_ROOT,
        encoding: 'utf8',
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(message);
      // --root is an empty folder: had it run, it would have said there is no libs/naming/package.json.
      expect(result.stderr).not.toContain('package.json');
      expect(fs.readdirSync(root)).toEqual([]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

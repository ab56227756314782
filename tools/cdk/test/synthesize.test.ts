import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appDir, CDK_BIN, typeScriptNodeArgs, WORKSPACE_ROOT } from '#tools/lib/paths';
import { run } from '#tools/lib/process';
import { ALL_VARIANTS, cliContext, synthesizeVariants, variantDir } from '../synthesize';

function filesOf(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/** The same files, the metadata file aside (its stack traces name the entry point and the process that ran it). */
function expectSameAssembly(ours: string, theirs: string): void {
  const mine = filesOf(ours);
  const other = filesOf(theirs);
  expect([...mine.keys()].sort()).toEqual([...other.keys()].sort());
  const compared = [...other.keys()].filter((file) => !file.endsWith('.metadata.json'));
  expect(compared).toEqual(expect.arrayContaining(['Network.template.json', 'manifest.json', 'tree.json']));
  for (const file of compared) expect({ file, content: mine.get(file) }).toEqual({ file, content: other.get(file) });
}

describe('synthesis of a tier in one process', () => {
  let root: string;
  /** The network tier's staging assembly with the hardened profile, its entry point run in its own process. */
  let appProcess: string;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-synth-'));
    [appProcess] = await synthesizeVariants('network', [{ environment: 'staging', profile: 'hardened' }], { outdirOf: () => path.join(root, 'app-process') });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('gives the app the context `cdk synth -c env=… -c profile=…` gives it', () => {
    const cdkJson = { app: 'node --import tsx src/main.ts', versionReporting: false, context: { 'cli-telemetry': false } };
    expect(cliContext(cdkJson, { environment: 'prod', profile: 'hardened' })).toEqual({
      'cli-telemetry': false,
      'aws:cdk:enable-path-metadata': true,
      'aws:cdk:enable-asset-metadata': true,
      'aws:cdk:version-reporting': false,
      'aws:cdk:bundling-stacks': ['**'],
      env: 'prod',
      profile: 'hardened',
    });
    expect(cliContext({ app: 'x' }, { environment: 'dev' })).not.toHaveProperty('profile');
    expect(cliContext({ app: 'x' }, { environment: 'dev' })['aws:cdk:version-reporting']).toBe(true);
  });

  it('covers every environment and the hardened profile of each real one, each in its own cdk.out folder', () => {
    expect(ALL_VARIANTS.map((v) => path.basename(variantDir('edge', v)))).toEqual([
      'local',
      'dev',
      'staging',
      'prod',
      'dev-hardened',
      'staging-hardened',
      'prod-hardened',
    ]);
  });

  it('writes what `cdk synth` writes, file for file (the metadata file aside, whose stack traces name the entry point)', async () => {
    const cli = path.join(root, 'cli');
    const result = await run(
      CDK_BIN,
      ['synth', '--quiet', '-c', 'env=staging', '-c', 'profile=hardened', '--output', cli, '--no-notices', '--no-version-reporting'],
      {
        cwd: appDir('network'),
        env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_VALIDATION: 'false' },
        quiet: true,
      },
    );
    expect(result.code).toBe(0);
    expectSameAssembly(appProcess, cli);
  });

  describe('with the entry point loaded by the synthesizing process', () => {
    // Jest registers no `.ts` loader in Node, so above the app ran in its own process; a tool run as the Nx targets
    // run it (`node --require ./tools/lib/typescript.cjs`: tier.ts, synthesize.ts) loads the entry point itself. One
    // such process does it all here, and Node resolves the libs itself there (Jest maps @showcore/* to the
    // workspace's libs whatever the folder).
    let child: {
      synthesized: { modulesLoadedHere: boolean };
      refused: { message: string; restored: boolean; modulesLoadedHere: boolean };
      libsResolveToCheckout: { workspace: boolean; borrowed: boolean; own: boolean };
    };
    let stderr: string;

    beforeAll(async () => {
      // Two checkouts of the libs: one whose node_modules links them to another checkout (the workspace's), one
      // linked to its own, as npm install links them.
      for (const kind of ['borrowed', 'own']) {
        const other = path.join(root, kind);
        fs.mkdirSync(path.join(other, 'apps', 'network'), { recursive: true });
        fs.mkdirSync(path.join(other, 'node_modules', '@showcore'), { recursive: true });
        fs.copyFileSync(path.join(WORKSPACE_ROOT, 'tsconfig.base.json'), path.join(other, 'tsconfig.base.json'));
        for (const lib of ['naming', 'tags', 'testing']) {
          fs.mkdirSync(path.join(other, 'libs', lib, 'src'), { recursive: true });
          fs.writeFileSync(path.join(other, 'libs', lib, 'src', 'index.ts'), 'export {};\n');
          fs.writeFileSync(path.join(other, 'libs', lib, 'package.json'), JSON.stringify({ name: `@showcore/${lib}`, main: './src/index.ts' }));
          const target = kind === 'own' ? path.join(other, 'libs', lib) : path.join(WORKSPACE_ROOT, 'libs', lib);
          fs.symlinkSync(target, path.join(other, 'node_modules', '@showcore', lib));
        }
      }
      const tool = JSON.stringify(path.join(WORKSPACE_ROOT, 'tools/cdk/synthesize.ts'));
      const resolves = (from: string, checkout: string) => `synth.libsResolveToCheckout(${JSON.stringify(from)}, ${JSON.stringify(checkout)})`;
      const script = `
        const synth = require(${tool});
        const loaded = () => Object.keys(require.cache).some((file) => file.includes('/apps/network/src/'));
        const state = () => JSON.stringify({ cwd: process.cwd(), validation: process.env.CDK_VALIDATION });
        (async () => {
          const out = {};
          await synth.synthesizeVariants('network', [{ environment: 'staging', profile: 'hardened' }], { outdirOf: () => ${JSON.stringify(path.join(root, 'in-process'))} });
          out.synthesized = { modulesLoadedHere: loaded() };
          for (const file of Object.keys(require.cache)) if (file.includes('/apps/network/src/')) delete require.cache[file];
          const before = state();
          await synth.synthesizeVariants('network', [{ environment: 'qa' }], { outdirOf: () => ${JSON.stringify(path.join(root, 'qa'))} }).then(
            () => (out.refused = { message: 'not refused' }),
            (error) => (out.refused = { message: error.message, restored: state() === before, modulesLoadedHere: loaded() }),
          );
          out.libsResolveToCheckout = {
            workspace: ${resolves(appDir('network'), WORKSPACE_ROOT)},
            borrowed: ${resolves(path.join(root, 'borrowed', 'apps', 'network'), path.join(root, 'borrowed'))},
            own: ${resolves(path.join(root, 'own', 'apps', 'network'), path.join(root, 'own'))},
          };
          console.log(JSON.stringify(out));
        })();`;
      const result = await run('node', [...typeScriptNodeArgs(), '-e', script], {
        cwd: WORKSPACE_ROOT,
        quiet: true,
        env: { ...process.env, CDK_VALIDATION: undefined },
      });
      stderr = result.stderr;
      expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ code: 0, stderr: '' });
      child = JSON.parse(result.stdout.trim().split('\n').pop() as string);
    });

    it('writes the same assemblies as the app in its own process', () => {
      expect(child.synthesized.modulesLoadedHere).toBe(true);
      expectSameAssembly(path.join(root, 'in-process'), appProcess);
    });

    it('fails naming the tier and the variant, writes nothing, and restores its directory and environment', () => {
      expect(child.refused).toEqual({ message: 'Synthesis of the network tier failed (qa); see the output above.', restored: true, modulesLoadedHere: true });
      expect(stderr).toMatch(/Unknown environment "qa"/);
      expect(fs.existsSync(path.join(root, 'qa', 'manifest.json'))).toBe(false);
    });

    it("is taken only when the libs load from this checkout's sources, as in the app's own process", () => {
      expect(child.libsResolveToCheckout).toEqual({ workspace: true, borrowed: false, own: true });
    });
  });

  it('fails naming the tier and the variant when the app refuses its context', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-synth-bad-'));
    try {
      await expect(
        synthesizeVariants('network', [{ environment: 'qa' as never }], { outdirOf: () => path.join(root, 'qa'), env: { ...process.env } }),
      ).rejects.toThrow(/Synthesis of the network tier failed \(qa\)/);
      expect(fs.existsSync(path.join(root, 'qa', 'manifest.json'))).toBe(false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appDir, CDK_BIN, WORKSPACE_ROOT } from '#tools/lib/paths';
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

/** Script text: true when the network tier's modules were loaded by the running process itself. */
const APP_MODULES_LOADED = "Object.keys(require.cache).some((file) => file.includes('/apps/network/src/'))";

describe('synthesis of a tier in one process', () => {
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
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-synth-equal-'));
    try {
      const [inProcess] = await synthesizeVariants('network', [{ environment: 'staging', profile: 'hardened' }], {
        outdirOf: () => path.join(root, 'in-process'),
      });
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
      const ours = filesOf(inProcess);
      const theirs = filesOf(cli);
      expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
      const compared = [...theirs.keys()].filter((file) => !file.endsWith('.metadata.json'));
      expect(compared).toEqual(expect.arrayContaining(['Network.template.json', 'manifest.json', 'tree.json']));
      for (const file of compared) expect({ file, content: ours.get(file) }).toEqual({ file, content: theirs.get(file) });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('writes the same assemblies whether the entry point runs in the synthesizing process or in its own', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-synth-same-'));
    try {
      // Jest does not load TypeScript through tsx, so here the app runs in its own process; a tool run through
      // `node --import tsx` (tier.ts, synthesize.ts) loads the entry point itself.
      const [appProcess] = await synthesizeVariants('network', [{ environment: 'prod', profile: 'hardened' }], {
        outdirOf: () => path.join(root, 'app-process'),
      });
      const script = [
        `require(${JSON.stringify(path.join(WORKSPACE_ROOT, 'tools/cdk/synthesize.ts'))})`,
        `.synthesizeVariants('network', [{ environment: 'prod', profile: 'hardened' }], { outdirOf: () => ${JSON.stringify(path.join(root, 'in-process'))} })`,
        `.then(() => console.log('app modules loaded here: ' + String(${APP_MODULES_LOADED})));`,
      ].join('\n');
      const inProcess = await run('node', ['--import', 'tsx', '-e', script], { cwd: WORKSPACE_ROOT, quiet: true });
      expect(inProcess.stdout).toContain('app modules loaded here: true');
      expect(inProcess.code).toBe(0);
      const ours = filesOf(path.join(root, 'in-process'));
      const theirs = filesOf(appProcess);
      expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
      const compared = [...theirs.keys()].filter((file) => !file.endsWith('.metadata.json'));
      expect(compared).toEqual(expect.arrayContaining(['Network.template.json', 'manifest.json', 'tree.json']));
      for (const file of compared) expect({ file, content: ours.get(file) }).toEqual({ file, content: theirs.get(file) });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("runs the app in this process only when the libs load from this checkout's sources, as in the app's own", async () => {
    // Evaluated by Node itself: Jest's own resolution maps @showcore/* to the workspace's libs whatever the folder.
    const check = async (from: string, root: string) => {
      const script = `console.log(String(require(${JSON.stringify(path.join(WORKSPACE_ROOT, 'tools/cdk/synthesize.ts'))}).libsResolveToCheckout(${JSON.stringify(from)}, ${JSON.stringify(root)})))`;
      const result = await run('node', ['--import', 'tsx', '-e', script], { cwd: WORKSPACE_ROOT, quiet: true });
      expect(result.code).toBe(0);
      return result.stdout.trim();
    };
    expect(await check(appDir('network'), WORKSPACE_ROOT)).toBe('true');
    // A checkout whose node_modules links the libs to another checkout (the workspace's, here): false.
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-synth-borrowed-'));
    try {
      fs.copyFileSync(path.join(WORKSPACE_ROOT, 'tsconfig.base.json'), path.join(other, 'tsconfig.base.json'));
      fs.mkdirSync(path.join(other, 'apps', 'network'), { recursive: true });
      fs.mkdirSync(path.join(other, 'node_modules', '@showcore'), { recursive: true });
      for (const lib of ['naming', 'tags', 'testing']) {
        fs.mkdirSync(path.join(other, 'libs', lib, 'src'), { recursive: true });
        fs.writeFileSync(path.join(other, 'libs', lib, 'src', 'index.ts'), 'export {};\n');
        fs.writeFileSync(path.join(other, 'libs', lib, 'package.json'), JSON.stringify({ name: `@showcore/${lib}`, main: './src/index.ts' }));
        fs.symlinkSync(path.join(WORKSPACE_ROOT, 'libs', lib), path.join(other, 'node_modules', '@showcore', lib));
      }
      expect(await check(path.join(other, 'apps', 'network'), other)).toBe('false');
      // Linked to its own libs, as npm install links them: true.
      for (const lib of ['naming', 'tags', 'testing']) {
        fs.rmSync(path.join(other, 'node_modules', '@showcore', lib));
        fs.symlinkSync(path.join(other, 'libs', lib), path.join(other, 'node_modules', '@showcore', lib));
      }
      expect(await check(path.join(other, 'apps', 'network'), other)).toBe('true');
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('in the synthesizing process, fails naming the tier and the variant, and restores its directory and environment', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-synth-bad-'));
    try {
      const script = [
        'const before = JSON.stringify({ cwd: process.cwd(), validation: process.env.CDK_VALIDATION });',
        `require(${JSON.stringify(path.join(WORKSPACE_ROOT, 'tools/cdk/synthesize.ts'))})`,
        `.synthesizeVariants('network', [{ environment: 'qa' }], { outdirOf: () => ${JSON.stringify(path.join(root, 'qa'))} })`,
        ".catch((error) => console.log('refused: ' + error.message, String(before === JSON.stringify({ cwd: process.cwd(), validation: process.env.CDK_VALIDATION }))," +
          ` String(${APP_MODULES_LOADED})));`,
      ].join('\n');
      const result = await run('node', ['--import', 'tsx', '-e', script], {
        cwd: WORKSPACE_ROOT,
        quiet: true,
        env: { ...process.env, CDK_VALIDATION: undefined },
      });
      expect(result.stdout).toMatch(/refused: Synthesis of the network tier failed \(qa\); see the output above\. true true/);
      expect(result.stderr).toMatch(/env.*qa/i);
      expect(fs.existsSync(path.join(root, 'qa', 'manifest.json'))).toBe(false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
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

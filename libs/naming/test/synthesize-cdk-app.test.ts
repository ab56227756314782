import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CfnOutput, Stack, type App } from 'aws-cdk-lib';
import { environmentOf, IN_PROCESS_SYNTHESIZER, SYNTH_VARIANTS_ENV, synthesizeCdkApp, synthesizeEachVariant } from '../src';

// A minimal entry point like the tiers' (apps/<tier>/src/main.ts): one stack whose content follows the context,
// and a build that refuses an unknown environment, as environmentOf does.
const ENTRY = `
import { CfnOutput, Stack, type App } from 'aws-cdk-lib';
import { environmentOf, synthesizeCdkApp } from ${JSON.stringify(path.join(__dirname, '..', 'src'))};
synthesizeCdkApp((app: App) => {
  const environment = environmentOf(app);
  const stack = new Stack(app, 'Probe');
  new CfnOutput(stack, 'Environment', { value: environment });
  new CfnOutput(stack, 'Profile', { value: String(app.node.tryGetContext('profile') ?? 'none') });
});
`;

describe('synthesizeCdkApp: several assemblies from one process', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-synth-variants-'));
    fs.writeFileSync(path.join(dir, 'main.ts'), ENTRY);
    fs.symlinkSync(path.join(__dirname, '..', '..', '..', 'node_modules'), path.join(dir, 'node_modules'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const synth = (variants: unknown) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, 'main.ts')], {
      cwd: path.join(__dirname, '..'),
      env: { ...process.env, [SYNTH_VARIANTS_ENV]: typeof variants === 'string' ? variants : JSON.stringify(variants) },
      encoding: 'utf8',
    });
  const outputs = (outdir: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'Probe.template.json'), 'utf8')).Outputs;

  it('writes one assembly per variant, each built from its own context', () => {
    const dev = path.join(dir, 'out', 'dev');
    const prod = path.join(dir, 'out', 'prod-hardened');
    const result = synth([
      { outdir: dev, context: { env: 'dev' } },
      { outdir: prod, context: { env: 'prod', profile: 'hardened' } },
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(outputs(dev)).toEqual({ Environment: { Value: 'dev' }, Profile: { Value: 'none' } });
    expect(outputs(prod)).toEqual({ Environment: { Value: 'prod' }, Profile: { Value: 'hardened' } });
  });

  it('attempts every variant, exits 1 and names each that failed with its message', () => {
    const good = path.join(dir, 'out', 'staging');
    const result = synth([
      { outdir: path.join(dir, 'out', 'qa'), context: { env: 'qa' } },
      { outdir: good, context: { env: 'staging' } },
      { outdir: path.join(dir, 'out', 'typo'), context: { env: 'dev', envv: 'prod' } },
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${path.join(dir, 'out', 'qa')}:\nUnknown environment "qa"`);
    expect(result.stderr).toContain(`${path.join(dir, 'out', 'typo')}:\nUnknown context key "envv"`);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(outputs(good).Environment).toEqual({ Value: 'staging' });
  });
});

describe('synthesizeCdkApp refusing a variant list', () => {
  // In this process, process.exit stubbed (the spawned case above proves a real exit 1 end to end): the list is
  // parsed before any App is built, so a refusal builds, and so writes, nothing.
  const saved = process.env[SYNTH_VARIANTS_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[SYNTH_VARIANTS_ENV];
    else process.env[SYNTH_VARIANTS_ENV] = saved;
    jest.restoreAllMocks();
  });

  it.each([
    ['not JSON', '{outdir', /SHOWCORE_SYNTH_VARIANTS is not JSON/],
    ['an empty list', '[]', /must be a non-empty JSON array/],
    ['a variant without an outdir', JSON.stringify([{ context: { env: 'dev' } }]), /must be a non-empty JSON array/],
  ])('refuses a variant list that is %s: exit 1 with the message, nothing built', (_what, raw, message) => {
    process.env[SYNTH_VARIANTS_ENV] = raw;
    const exit = jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });
    const errors: string[] = [];
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.join(' ')));
    const build = jest.fn();
    expect(() => synthesizeCdkApp(build)).toThrow('exit 1');
    expect(exit).toHaveBeenCalledWith(1);
    expect(errors.join('\n')).toMatch(message);
    expect(build).not.toHaveBeenCalled();
  });
});

describe('synthesizeCdkApp loaded by a synthesizer in the same process', () => {
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[IN_PROCESS_SYNTHESIZER];
  });

  it('hands its build function over and synthesizes nothing itself', () => {
    const received: unknown[] = [];
    (globalThis as Record<symbol, unknown>)[IN_PROCESS_SYNTHESIZER] = (build: unknown) => received.push(build);
    const build = jest.fn();
    synthesizeCdkApp(build);
    expect(received).toEqual([build]);
    expect(build).not.toHaveBeenCalled();
  });

  it('synthesizeEachVariant writes every variant it can and returns one message per variant that failed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-synth-each-'));
    try {
      const build = (app: App) => {
        const environment = environmentOf(app);
        new CfnOutput(new Stack(app, 'Probe'), 'Environment', { value: environment });
      };
      const failures = synthesizeEachVariant(build, [
        { outdir: path.join(dir, 'qa'), context: { env: 'qa' } },
        { outdir: path.join(dir, 'dev'), context: { env: 'dev' } },
      ]);
      expect(failures).toEqual([expect.stringMatching(new RegExp(`^${path.join(dir, 'qa')}:\\nUnknown environment "qa"`))]);
      expect(fs.existsSync(path.join(dir, 'dev', 'Probe.template.json'))).toBe(true);
      expect(fs.existsSync(path.join(dir, 'qa', 'manifest.json'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

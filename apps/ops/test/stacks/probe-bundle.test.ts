import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { bundleCacheDir, bundleOf } from '../../src/constructs/probe-bundle';

// esbuild itself, counted: a reused bundle is one esbuild was not asked to build.
jest.mock('esbuild', () => {
  const actual = jest.requireActual('esbuild');
  return { ...actual, buildSync: jest.fn(actual.buildSync) };
});
const builds = buildSync as jest.MockedFunction<typeof buildSync>;

// The probe function's bundle is kept between processes (node_modules/.cache/showcore/probe-bundle): reused while
// every file it was built from is unchanged, built again when one changes.
describe('the probe function bundle cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-bundle-test-'));
    fs.writeFileSync(path.join(dir, 'answer.ts'), 'export const answer: number = 41;\n');
    fs.writeFileSync(path.join(dir, 'entry.ts'), "import { answer } from './answer';\nexport const handler = async () => answer + 1;\n");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const load = (file: string) => {
    const mod = { exports: {} as { handler: () => Promise<number> } };
    new Function('module', 'exports', 'require', fs.readFileSync(file, 'utf8'))(mod, mod.exports, require);
    return mod.exports.handler();
  };

  it('reuses the bundle while its inputs are unchanged, and builds it again when an imported file changes', async () => {
    const entry = path.join(dir, 'entry.ts');
    builds.mockClear();
    const first = bundleOf(entry);
    expect(path.dirname(first)).toBe(bundleCacheDir());
    expect(await load(first)).toBe(42);
    expect(builds).toHaveBeenCalledTimes(1);
    expect(bundleOf(entry)).toBe(first);
    expect(builds).toHaveBeenCalledTimes(1);

    fs.writeFileSync(path.join(dir, 'answer.ts'), 'export const answer: number = 99;\n');
    const changed = bundleOf(entry);
    expect(builds).toHaveBeenCalledTimes(2);
    expect(changed).not.toBe(first);
    expect(await load(changed)).toBe(100);
  });

  it('builds again when an input it was built from is gone (and the entry no longer imports it)', async () => {
    const entry = path.join(dir, 'entry.ts');
    bundleOf(entry);
    fs.rmSync(path.join(dir, 'answer.ts'));
    fs.writeFileSync(entry, 'export const handler = async () => 7;\n');
    builds.mockClear();
    expect(await load(bundleOf(entry))).toBe(7);
    expect(builds).toHaveBeenCalledTimes(1);
  });

  it('leaves nothing in the temporary folder', () => {
    const before = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('showcore-probe-bundle-'));
    bundleOf(path.join(dir, 'entry.ts'));
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('showcore-probe-bundle-'))).toEqual(before);
  });
});

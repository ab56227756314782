import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// tools/lib/cdk-code-cache.cjs, preloaded into every CDK CLI process the tools start: against the local emulator the
// CLI's bundle runs as it would without it (require, exports, __dirname), its code cache is written once and then
// used, and a cache V8 refuses is replaced; for anything else (a real account) the bundle is compiled as Node does,
// import() included. A stand-in bundle at the CLI's path keeps each run at a few milliseconds; every deploy and
// destroy of the e2e suites runs the real CLI through it.
const PRELOAD = path.join(__dirname, '..', 'cdk-code-cache.cjs');

const EMULATOR: NodeJS.ProcessEnv = {
  AWS_ENDPOINT_URL: 'http://localhost:5999',
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_REGION: 'us-east-1',
};

describe('tools/lib/cdk-code-cache.cjs', () => {
  let root: string;
  let preload: string;
  let cacheDir: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-cdk-code-cache-'));
    preload = path.join(root, 'tools', 'lib', 'cdk-code-cache.cjs');
    fs.mkdirSync(path.dirname(preload), { recursive: true });
    fs.copyFileSync(PRELOAD, preload);
    cacheDir = path.join(root, 'node_modules', '.cache', 'showcore', 'cdk-code-cache');
    const cli = path.join(root, 'node_modules', 'aws-cdk');
    fs.mkdirSync(path.join(cli, 'lib'), { recursive: true });
    fs.writeFileSync(path.join(cli, 'package.json'), '{"name": "aws-cdk", "version": "2.999.0"}\n');
    fs.writeFileSync(path.join(cli, 'lib', 'helper.js'), 'exports.value = "helper";\n');
    fs.writeFileSync(path.join(cli, 'lib', 'late.mjs'), 'export const value = "imported";\n');
    fs.writeFileSync(
      path.join(cli, 'lib', 'index.js'),
      [
        "const path = require('node:path');",
        'exports.describe = () => ({',
        '  dirname: path.basename(__dirname),',
        '  filename: path.basename(__filename),',
        '  self: module.exports === exports && module.filename === __filename,',
        "  helper: require('./helper').value,",
        "  resolved: path.basename(require.resolve('./helper')),",
        '  main: require.main === process.mainModule,',
        '});',
        "exports.late = () => import('./late.mjs').then((m) => m.value);",
        '',
      ].join('\n'),
    );
    // `late` (a dynamic import) only when asked: against the emulator the CLI never reaches its import() calls.
    fs.writeFileSync(
      path.join(root, 'main.js'),
      [
        "const cli = require('./node_modules/aws-cdk/lib/index.js');",
        "const late = process.argv[2] === 'late' ? cli.late() : Promise.resolve('not asked');",
        'late.then((value) => console.log(JSON.stringify({ ...cli.describe(), late: value })));',
        '',
      ].join('\n'),
    );
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const run = (env: NodeJS.ProcessEnv, args: string[] = [], withPreload = true) =>
    spawnSync(process.execPath, [...(withPreload ? ['--require', preload] : []), path.join(root, 'main.js'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...env },
    });
  const cacheFiles = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []);

  it('against the emulator: runs the bundle as Node does without it, and writes its code cache once', () => {
    const plain = run(EMULATOR, [], false);
    expect(plain).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(plain.stdout)).toEqual({
      dirname: 'lib',
      filename: 'index.js',
      self: true,
      helper: 'helper',
      resolved: 'helper.js',
      main: true,
      late: 'not asked',
    });
    expect(cacheFiles()).toEqual([]);

    const first = run(EMULATOR);
    expect(first).toMatchObject({ status: 0, stdout: plain.stdout, stderr: '' });
    // One entry, for the bundle only (not helper.js), named by the CLI's version and Node's.
    expect(cacheFiles()).toEqual([expect.stringMatching(new RegExp(`^aws-cdk-2\\.999\\.0-\\d+-\\d+-node-${process.version}-${process.arch}\\.bin$`))]);
    const file = path.join(cacheDir, cacheFiles()[0]);
    const written = fs.statSync(file);
    expect(written.size).toBeGreaterThan(0);

    // Used, not written again (a write renames a new file into place): V8 accepted it.
    const second = run(EMULATOR);
    expect(second).toMatchObject({ status: 0, stdout: plain.stdout, stderr: '' });
    expect(fs.statSync(file).ino).toBe(written.ino);
    expect(cacheFiles()).toHaveLength(1);
  });

  it('replaces a cache V8 refuses (another Node, other flags, damage) and still runs', () => {
    expect(run(EMULATOR).status).toBe(0);
    const file = path.join(cacheDir, cacheFiles()[0]);
    fs.writeFileSync(file, 'not a code cache');
    const result = run(EMULATOR);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({ helper: 'helper', self: true });
    expect(fs.readFileSync(file, 'utf8')).not.toBe('not a code cache');
  });

  it('keys the cache by the bundle: an edited bundle gets its own entry', () => {
    expect(run(EMULATOR).status).toBe(0);
    fs.appendFileSync(path.join(root, 'node_modules', 'aws-cdk', 'lib', 'index.js'), 'exports.extra = true;\n');
    expect(run(EMULATOR).status).toBe(0);
    expect(cacheFiles()).toHaveLength(2);
  });

  it.each([
    ['a real account (no endpoint)', { AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'eu-west-1' }],
    ['an endpoint off the loopback interface', { ...EMULATOR, AWS_ENDPOINT_URL: 'https://cloudformation.eu-west-1.amazonaws.com' }],
    ['credentials not in the environment (instance metadata)', { AWS_ENDPOINT_URL: EMULATOR.AWS_ENDPOINT_URL, AWS_REGION: 'us-east-1' }],
    ['no region in the environment', { ...EMULATOR, AWS_REGION: undefined }],
    ['inside a Lambda function with AWS_LAMBDA_MAX_CONCURRENCY', { ...EMULATOR, AWS_LAMBDA_MAX_CONCURRENCY: '4' }],
  ])('leaves the CLI as Node runs it for %s: no cache, and import() works', (_what, env) => {
    for (let i = 0; i < 2; i++) {
      const result = run(env, ['late']);
      expect(result).toMatchObject({ status: 0, stderr: '' });
      expect(JSON.parse(result.stdout)).toMatchObject({ late: 'imported', helper: 'helper' });
    }
    expect(cacheFiles()).toEqual([]);
  });
});

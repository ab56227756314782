import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { buildNetworkApp } from '../src/app';

describe('buildNetworkApp with bad input', () => {
  it('throws before creating any stack', () => {
    const app = new App({ context: { env: 'dev', profile: 'paranoid' } });
    expect(() => buildNetworkApp(app)).toThrow(/Unknown configuration profile "paranoid"/);
    expect(app.node.findAll().filter((c) => Stack.isStack(c))).toEqual([]);
  });

  it('makes `cdk synth` exit non-zero with the message and write no template', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-network-cli-'));
    try {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: path.join(__dirname, '..'),
        env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify({ env: 'dev', profile: 'paranoid' }) },
        encoding: 'utf8',
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('Unknown configuration profile "paranoid"');
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(fs.readdirSync(outdir)).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

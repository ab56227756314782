import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The npm scripts load tools/lib/installed.cjs before any TypeScript: run it from a copy in a checkout without node_modules.
function runIn(setup: (root: string) => void): { status: number | null; stderr: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-installed-'));
  try {
    fs.mkdirSync(path.join(root, 'tools', 'lib'), { recursive: true });
    fs.copyFileSync(path.join(__dirname, '..', 'installed.cjs'), path.join(root, 'tools', 'lib', 'installed.cjs'));
    setup(root);
    const result = spawnSync('node', ['--require', './tools/lib/installed.cjs', '-e', 'console.log("ran")'], { cwd: root, encoding: 'utf8' });
    return { status: result.status, stderr: `${result.stderr}${result.stdout}` };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('the npm scripts without node_modules', () => {
  it('say to run npm install, and run nothing', () => {
    const result = runIn(() => undefined);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/node_modules is missing in .*showcore-installed-.*\. Run `npm install` there first, then run this command again\./);
    expect(result.stderr).not.toContain('ran');
  });

  it('name what is missing from an incomplete install', () => {
    const result = runIn((root) => fs.mkdirSync(path.join(root, 'node_modules', 'nx'), { recursive: true }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('node_modules is incomplete (no @swc/core, tsx, aws-cdk, nx)');
  });

  it('let the command run when the install is there', () => {
    const result = runIn((root) => {
      for (const name of ['@swc/core', 'tsx', 'aws-cdk', 'nx']) {
        fs.mkdirSync(path.join(root, 'node_modules', name), { recursive: true });
        fs.writeFileSync(path.join(root, 'node_modules', name, 'package.json'), '{}');
      }
    });
    expect(result).toEqual({ status: 0, stderr: 'ran\n' });
  });
});

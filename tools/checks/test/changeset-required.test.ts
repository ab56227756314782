import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { changedFilesBetween, changesetVerdict, isVersionedLibFile } from '../changeset-required';

describe('changeset required for lib changes', () => {
  it('needs nothing when no versioned lib file changed', () => {
    expect(changesetVerdict(['apps/data/src/app.ts', 'libs/naming/test/x.test.ts', 'libs/tags/README.md'])).toEqual({
      ok: true,
      message: 'No versioned lib changed: no changeset needed.',
    });
  });

  it('accepts a lib change with a changeset', () => {
    expect(changesetVerdict(['libs/naming/src/ssm.ts', '.changeset/brave-owls.md']).ok).toBe(true);
  });

  it('rejects a lib change without one, naming the packages and the fix', () => {
    const verdict = changesetVerdict(['libs/naming/src/ssm.ts', 'libs/tags/package.json', '.changeset/README.md']);
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toBe(
      'This change modifies @showcore/naming, @showcore/tags (libs/naming/src/ssm.ts, libs/tags/package.json) but adds no changeset. ' +
        'Run `npx changeset`, choose the libs and the bump, describe the change in one sentence, and commit the new .changeset/*.md file.',
    );
  });

  it('counts sources and manifests, not tests', () => {
    expect(isVersionedLibFile('libs/testing/src/nag.ts')).toBe(true);
    expect(isVersionedLibFile('libs/testing/src/nag.test.ts')).toBe(false);
    expect(isVersionedLibFile('libs/testing/jest.config.js')).toBe(false);
  });

  it('reads the changed files from git between two commits', () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-git-'));
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, encoding: 'utf8' });
    try {
      git('init', '-q', '-b', 'main');
      fs.writeFileSync(path.join(repo, 'a.txt'), 'a');
      git('add', '.');
      git('commit', '-qm', 'base');
      fs.mkdirSync(path.join(repo, 'libs/naming/src'), { recursive: true });
      fs.writeFileSync(path.join(repo, 'libs/naming/src/x.ts'), 'x');
      git('add', '.');
      git('commit', '-qm', 'change');
      expect(changedFilesBetween('HEAD~1', 'HEAD', repo)).toEqual(['libs/naming/src/x.ts']);
      expect(() => changedFilesBetween('no-such-ref', 'HEAD', repo)).toThrow(/git diff no-such-ref\.\.\.HEAD failed/);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});

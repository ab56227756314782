import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureProbeTestPrograms, missingPrograms, postgresBin } from '../prerequisites';

describe('prerequisites of the probe tests', () => {
  it('finds nothing missing on a machine set up as the README says', () => {
    expect(missingPrograms()).toEqual([]);
  });

  it('names what is missing and the packages to install, instead of skipping', () => {
    // An empty PATH: every client is missing (and apt-get with it, so nothing is installed).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-path-'));
    const env = { PATH: dir };
    expect(missingPrograms(env)).toEqual(['redis-server', 'redis-cli', 'psql', 'openssl', 'curl']);
    const lines: string[] = [];
    expect(ensureProbeTestPrograms((l) => lines.push(l), env)).toBe(false);
    expect(lines.at(-1)).toMatch(
      /^Missing for the probe tests: redis-server, redis-cli, psql, openssl, curl\. Install them \(Debian: apt-get install -y redis-server/,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('the PostgreSQL server binaries', () => {
    function debianRoot(majors: Record<string, boolean>): string {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-pg-'));
      for (const [major, complete] of Object.entries(majors)) {
        const bin = path.join(root, major, 'bin');
        fs.mkdirSync(bin, { recursive: true });
        fs.writeFileSync(path.join(bin, 'postgres'), '');
        if (complete) fs.writeFileSync(path.join(bin, 'initdb'), '');
      }
      return root;
    }
    const noPgConfig = { PATH: '/nonexistent' };

    it('prefer PostgreSQL 15, then the newest complete major, then nothing', () => {
      const root = debianRoot({ '14': true, '15': true, '16': true });
      expect(postgresBin(noPgConfig, root)).toBe(path.join(root, '15', 'bin'));
      fs.rmSync(path.join(root, '15'), { recursive: true });
      expect(postgresBin(noPgConfig, root)).toBe(path.join(root, '16', 'bin'));
      const partial = debianRoot({ '16': false });
      expect(postgresBin(noPgConfig, partial)).toBeUndefined();
      expect(postgresBin(noPgConfig, path.join(root, 'absent'))).toBeUndefined();
      for (const dir of [root, partial]) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('SHOWCORE_POSTGRES_BIN wins', () => {
      expect(postgresBin({ ...noPgConfig, SHOWCORE_POSTGRES_BIN: '/opt/pg/bin' }, '/nonexistent')).toBe('/opt/pg/bin');
    });

    it('on this machine: found', () => {
      expect(postgresBin()).toBeDefined();
    });
  });
});

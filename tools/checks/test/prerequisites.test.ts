import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureProbeTestPrograms, missingPrograms } from '../prerequisites';

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
    expect(lines.at(-1)).toMatch(/^Missing for the probe tests: redis-server, redis-cli, psql, openssl, curl\. Install them \(Debian: apt-get install -y redis-server/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

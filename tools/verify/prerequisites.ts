import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The servers and clients the probe tests (tools/verify/test/probes) start or call on the loopback interface. */
export const PROBE_TEST_PROGRAMS = ['redis-server', 'redis-cli', 'psql', 'openssl', 'curl'] as const;
/** Where Debian and Ubuntu put each PostgreSQL major version's server binaries (`<dir>/<major>/bin`). */
const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';

function hasServer(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres'));
}

/**
 * The directory of PostgreSQL's server binaries (initdb, postgres) for the probe tests: `SHOWCORE_POSTGRES_BIN` when
 * set; else Debian's PostgreSQL 15 (this machine's image), else the newest major under /usr/lib/postgresql (16 on
 * GitHub's ubuntu-24.04 runners); else `pg_config --bindir`. Undefined when there is none.
 */
export function postgresBin(env: NodeJS.ProcessEnv = process.env, root = DEBIAN_POSTGRES_ROOT): string | undefined {
  if (env.SHOWCORE_POSTGRES_BIN) return env.SHOWCORE_POSTGRES_BIN;
  const majors = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((d) => /^\d+$/.test(d))
        .map(Number)
        .sort((a, b) => b - a)
    : [];
  const preferred = [15, ...majors.filter((m) => m !== 15)].map((m) => path.join(root, String(m), 'bin')).find(hasServer);
  if (preferred) return preferred;
  const bindir = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8', env }).stdout?.trim();
  return bindir && hasServer(bindir) ? bindir : undefined;
}

export function onPath(program: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return spawnSync('/bin/sh', ['-c', `command -v ${program}`], { stdio: 'ignore', env }).status === 0;
}

export function missingPrograms(env: NodeJS.ProcessEnv = process.env): string[] {
  const missing: string[] = PROBE_TEST_PROGRAMS.filter((p) => !onPath(p, env));
  if (postgresBin(env) === undefined) missing.push('PostgreSQL server binaries (initdb, postgres)');
  return missing;
}

/**
 * Makes sure the probe tests can run: installs Debian's redis-server where it is missing (as root, with apt-get),
 * the README's set-up step; anything else missing is named with the package to install. Never skips the tests.
 */
export function ensureProbeTestPrograms(log: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): boolean {
  let missing = missingPrograms(env);
  const canApt = process.getuid?.() === 0 && onPath('apt-get', env);
  if (missing.some((p) => p.startsWith('redis-')) && canApt) {
    log('Installing redis-server (Debian package) for the probe tests: apt-get install -y redis-server');
    const install = () =>
      spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], {
        stdio: 'ignore',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status === 0;
    if (!install()) {
      spawnSync('apt-get', ['update'], { stdio: 'ignore' });
      install();
    }
    missing = missingPrograms(env);
  }
  if (missing.length === 0) return true;
  log(
    `Missing for the probe tests: ${missing.join(', ')}. Install them (Debian: apt-get install -y redis-server postgresql-15 openssl curl; another PostgreSQL ` +
      'version works too, or point SHOWCORE_POSTGRES_BIN at its bin directory) and run npm test again; the tests start real servers on 127.0.0.1 and never skip.',
  );
  return false;
}

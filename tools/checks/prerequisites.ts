import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

/** The servers and clients the probe tests (tools/verify/test/probes) start or call on the loopback interface. */
export const PROBE_TEST_PROGRAMS = ['redis-server', 'redis-cli', 'psql', 'openssl', 'curl'] as const;
/** PostgreSQL 15's server binaries (Debian's postgresql-15, in this machine's image). */
export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

function onPath(program: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return spawnSync('/bin/sh', ['-c', `command -v ${program}`], { stdio: 'ignore', env }).status === 0;
}

export function missingPrograms(env: NodeJS.ProcessEnv = process.env): string[] {
  const missing: string[] = PROBE_TEST_PROGRAMS.filter((p) => !onPath(p, env));
  if (!fs.existsSync(`${POSTGRES_BIN}/postgres`) || !fs.existsSync(`${POSTGRES_BIN}/initdb`)) missing.push(`${POSTGRES_BIN}/postgres`);
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
    const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
    if (!install()) {
      spawnSync('apt-get', ['update'], { stdio: 'ignore' });
      install();
    }
    missing = missingPrograms(env);
  }
  if (missing.length === 0) return true;
  log(
    `Missing for the probe tests: ${missing.join(', ')}. Install them (Debian: apt-get install -y redis-server postgresql-15 openssl curl) ` +
      'and run npm test again; the tests start real servers on 127.0.0.1 and never skip.',
  );
  return false;
}

/**
 * Real servers on the loopback interface for the probe tests: a CA and a `localhost` certificate made with
 * openssl, PostgreSQL 15 (TLS, hostssl-only or misconfigured), redis-server (TLS-only or plain), and
 * HTTPS/HTTP servers. A missing program fails the test with the way to install it; nothing is skipped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { postgresBin } from '../../prerequisites';

function requireProgram(program: string, install: string): string {
  const found = spawnSync('/bin/sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  if (found.status !== 0 && !fs.existsSync(program)) {
    throw new Error(`${program} not found: install it with ${install} (README, Prerequisites). The probe tests never skip.`);
  }
  return found.stdout.trim() || program;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `showcore-${prefix}-`));
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Certificates {
  readonly dir: string;
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** A test CA and a server certificate for localhost / 127.0.0.1 (verify-full checks the host name). */
export function generateCertificates(dir: string): Certificates {
  requireProgram('openssl', 'apt-get install -y openssl');
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => {
    const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
  };
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=ShowCore probe test CA',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
  );
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', file('server.key'), '-out', file('server.csr'));
  fs.writeFileSync(file('san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    file('san.ext'),
    '-out',
    file('server.pem'),
  );
  fs.chmodSync(file('server.key'), 0o600);
  return { dir, ca: file('ca.pem'), cert: file('server.pem'), key: file('server.key') };
}

async function waitForPort(port: number, timeoutMs: number, what: string, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not listen on 127.0.0.1:${port} within ${timeoutMs} ms:\n${log()}`);
}

async function waitForQuery(ready: () => boolean, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (ready()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`PostgreSQL did not answer a query within ${timeoutMs} ms:\n${log()}`);
}

export interface PostgresServer {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** psql as the test user with TLS (for assertions about what the probe left behind). */
  query(sql: string): string;
  stop(): Promise<void>;
}

export type PostgresMode =
  /** ssl on, pg_hba with hostssl only: the correct server. */
  | 'tls-only'
  /** ssl on, but pg_hba also accepts plain TCP. */
  | 'plain-allowed'
  /** ssl off: no TLS at all. */
  | 'no-tls';

interface InitializedCluster {
  readonly data: string;
  readonly user: string;
  readonly password: string;
}

let cluster: InitializedCluster | undefined;

/**
 * A freshly initialized data directory (initdb), made once per test file and copied for each server: initdb costs
 * about a second of CPU, the copy a few milliseconds. Its test user's password is random per test file.
 */
function initializedCluster(bin: string, wrap: (command: string, args: string[]) => [string, string[]], asRoot: boolean): InitializedCluster {
  if (cluster !== undefined && fs.existsSync(cluster.data)) return cluster;
  const root = tempDir('pg-initdb');
  const data = path.join(root, 'data');
  const user = 'probe';
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(path.join(root, 'pwfile'), `${password}\n`);
  if (asRoot) spawnSync('chown', ['-R', 'postgres:postgres', root]);
  const [initCmd, initArgs] = wrap(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    user,
    `--pwfile=${path.join(root, 'pwfile')}`,
    '--auth-host=scram-sha-256',
    '--auth-local=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  cluster = { data, user, password };
  return cluster;
}

/** Removes the initialized directory; the next server initializes a new one. */
function removeInitializedCluster(): void {
  if (cluster !== undefined) fs.rmSync(path.dirname(cluster.data), { recursive: true, force: true });
  cluster = undefined;
}

// Jest loads this helper once per test file (its own module registry), and a process 'exit' listener registered
// inside a test file's sandbox is not the process's own: the file's hook removes the directory after its last test.
if (typeof afterAll === 'function') afterAll(removeInitializedCluster);

/** PostgreSQL (15 here, whatever postgresBin() finds elsewhere) in a temporary directory (as the postgres user when this process is root: initdb refuses root). */
export async function startPostgres(certs: Certificates, mode: PostgresMode): Promise<PostgresServer> {
  const bin = postgresBin();
  if (bin === undefined) {
    throw new Error('No PostgreSQL server binaries (initdb, postgres): apt-get install -y postgresql-15, or set SHOWCORE_POSTGRES_BIN to their directory.');
  }
  requireProgram('psql', 'apt-get install -y postgresql-client-15');
  const root = tempDir('pg');
  const data = path.join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  const wrap = (command: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]);
  const { user, password, data: initialized } = initializedCluster(bin, wrap, asRoot);
  // The server's copies of the key material, readable by the server's user only.
  for (const name of ['server.pem', 'server.key', 'ca.pem']) fs.copyFileSync(path.join(certs.dir, name), path.join(root, name));
  fs.cpSync(initialized, data, { recursive: true });
  if (asRoot) spawnSync('chown', ['-R', 'postgres:postgres', root]);
  fs.chmodSync(path.join(root, 'server.key'), 0o600);
  fs.chmodSync(data, 0o700);
  const port = await freeLoopbackPort();
  const hba = ['local all all trust', 'hostssl all all 127.0.0.1/32 scram-sha-256'];
  if (mode !== 'tls-only') hba.push('host all all 127.0.0.1/32 scram-sha-256');
  fs.writeFileSync(path.join(data, 'pg_hba.conf'), `${hba.join('\n')}\n`);
  fs.appendFileSync(
    path.join(data, 'postgresql.conf'),
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${root}'`,
      `ssl = ${mode === 'no-tls' ? 'off' : 'on'}`,
      `ssl_cert_file = '${path.join(root, 'server.pem')}'`,
      `ssl_key_file = '${path.join(root, 'server.key')}'`,
      'fsync = off',
      'shared_buffers = 16MB',
      '',
    ].join('\n'),
  );
  if (asRoot) spawnSync('chown', ['-R', 'postgres:postgres', root]);
  const [cmd, args] = wrap(path.join(bin, 'postgres'), ['-D', data]);
  let log = '';
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (c: Buffer) => (log += c));
  child.stderr?.on('data', (c: Buffer) => (log += c));
  await waitForPort(port, 20000, 'PostgreSQL', () => log);
  // The port opens before recovery ends ("the database system is starting up", 57P03): wait for a real query.
  await waitForQuery(
    () => spawnSync('psql', [`host=${root} port=${port} user=${user} dbname=postgres`, '-X', '-t', '-A', '-c', 'SELECT 1'], { encoding: 'utf8' }).status === 0,
    20000,
    () => log,
  );
  const env = { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' };
  return {
    port,
    user,
    password,
    query(sql: string): string {
      const sslmode = mode === 'no-tls' ? 'disable' : 'require';
      const result = spawnSync('psql', [`host=127.0.0.1 port=${port} user=${user} dbname=postgres sslmode=${sslmode}`, '-X', '-t', '-A', '-c', sql], {
        env,
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
      return result.stdout.trim();
    },
    stop: () => stopChild(child, root),
  };
}

export interface RedisServer {
  readonly port: number;
  /** redis-cli against the server, TLS or not as it was started (for assertions). */
  cli(...args: string[]): string;
  stop(): Promise<void>;
}

export type RedisMode =
  /** TLS only on the port (port 0 turns plain TCP off): the correct server. */
  | 'tls-only'
  /** A plain-TCP server on the port: neither TLS works nor plain TCP is refused. */
  | 'plain';

/** An ACL user with a password: as ElastiCache's RBAC, with the built-in `default` user switched off. */
export interface RedisAclUser {
  readonly user: string;
  readonly password: string;
  /** ACL rules, as the data tier's access strings (e.g. `~showcore:verify:* -@all +ping +set +get +del +exists`). */
  readonly rules: string;
}

export async function startRedis(certs: Certificates, mode: RedisMode, acl?: RedisAclUser): Promise<RedisServer> {
  const server = requireProgram('redis-server', 'apt-get install -y redis-server');
  requireProgram('redis-cli', 'apt-get install -y redis-server');
  const root = tempDir('redis');
  const port = await freeLoopbackPort();
  const common = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', root, '--protected-mode', 'no'];
  // ACL users need a configuration file (one `user` line each), which redis-server takes as its first argument.
  // The test's own `admin` user is for assertions (DBSIZE), which the probe user may not run.
  const configFile: string[] = [];
  const adminPassword = `admin-${Math.random().toString(36).slice(2)}`;
  if (acl) {
    configFile.push(path.join(root, 'acl.conf'));
    const users = [`user default off -@all`, `user ${acl.user} on >${acl.password} ${acl.rules}`, `user admin on >${adminPassword} ~* +@all`];
    fs.writeFileSync(configFile[0], `${users.join('\n')}\n`);
  }
  const args = [
    ...configFile,
    ...(mode === 'tls-only'
      ? [
          '--port',
          '0',
          '--tls-port',
          String(port),
          '--tls-cert-file',
          certs.cert,
          '--tls-key-file',
          certs.key,
          '--tls-ca-cert-file',
          certs.ca,
          '--tls-auth-clients',
          'no',
          ...common,
        ]
      : ['--port', String(port), ...common]),
  ];
  let log = '';
  const child = spawn(server, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (c: Buffer) => (log += c));
  child.stderr?.on('data', (c: Buffer) => (log += c));
  await waitForPort(port, 10000, 'redis-server', () => log);
  const tls = mode === 'tls-only' ? ['--tls', '--cacert', certs.ca] : [];
  if (acl) tls.push('--user', 'admin', '--pass', adminPassword, '--no-auth-warning');
  return {
    port,
    cli: (...cmd: string[]) => spawnSync('redis-cli', [...tls, '-h', '127.0.0.1', '-p', String(port), ...cmd], { encoding: 'utf8' }).stdout.trim(),
    stop: () => stopChild(child, root),
  };
}

function stopChild(child: ChildProcess, dir: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      fs.rmSync(dir, { recursive: true, force: true });
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

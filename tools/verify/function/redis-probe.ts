/**
 * Redis over TLS with role-based access control (tasks.md 14.3): a connection that does not authenticate can run
 * nothing (the `default` user is off), the IAM probe user does SET/GET/DEL of a unique key (deleted on every exit
 * path), and plain TCP to the same port gets no Redis answer.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { Redis } from 'ioredis';
import { Checks, describeError, uniqueSuffix, withTimeout } from './checks';
import type { RedisTarget } from './protocol';

export interface RedisProbeInput {
  readonly target: RedisTarget;
  /** The CA bundle the server certificate must chain to (ElastiCache's is publicly trusted: Node's own list). */
  readonly ca?: string;
  /** The probe user's password: an IAM token in the function, the test server's ACL password in tests. */
  readonly password: () => Promise<string>;
  /** Limit of each connection and command. @default 5000 */
  readonly waitMs?: number;
}

/**
 * The limit of each of the probe's steps within the probe's own limit: the probe waits at most eight times in a row
 * (an unauthenticated TLS PING, the connection, PING, SET, GET, DEL, EXISTS, then plain TCP), so a server that stalls
 * one step is reported as that step's failure rather than the whole probe's timeout. 5 s from a 40 s limit up (the
 * default 45 s), never under 1 s.
 */
export function redisStepWaitMs(probeTimeoutMs: number): number {
  return Math.max(1000, Math.min(5000, Math.floor(probeTimeoutMs / 8)));
}

function connect(input: RedisProbeInput, auth?: { username: string; password: string }): Redis {
  const { host, port } = input.target;
  return new Redis({
    host,
    port,
    ...auth,
    tls: { ca: input.ca, servername: host, rejectUnauthorized: true },
    lazyConnect: true,
    // No INFO before the first command (the probe user may not run it), no retries, no reconnects: a probe
    // reports what one attempt saw.
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: input.waitMs ?? 5000,
  });
}

async function closed(client: Redis): Promise<void> {
  client.disconnect(false);
}

export async function probeRedis(input: RedisProbeInput): Promise<Checks> {
  const checks = new Checks('redis');
  const { host, port, user } = input.target;
  const wait = input.waitMs ?? 5000;

  // A raw TLS socket rather than the client: the client's own handshake (HELLO, CLIENT SETINFO) would muddy what
  // an unauthenticated PING alone gets.
  const anonymous = await rawExchange({ host, port, tls: true, ca: input.ca, waitMs: wait });
  if (/^-(NOAUTH|NOPERM|WRONGPASS)/.test(anonymous))
    checks.pass('default-user-off', `a connection that did not authenticate runs nothing: ${anonymous.trim()}`);
  else if (/^\+PONG/.test(anonymous))
    checks.fail('default-user-off', 'a connection that did not authenticate ran PING: the built-in default user must be switched off');
  else checks.fail('default-user-off', `no TLS answer from ${host}:${port}: ${anonymous.trim() || '(nothing)'}`);

  let password: string;
  try {
    password = await input.password();
  } catch (error) {
    checks.fail('tls', `could not sign an IAM token for ${user}: ${describeError(error)}`);
    return plainTcp(checks, host, port, wait);
  }
  const client = connect(input, { username: user, password });
  // The client reports why it closed (WRONGPASS, a certificate) as an event; the promise only says "closed".
  let cause = '';
  client.on('error', (error: unknown) => (cause ||= describeError(error)));
  const key = `showcore:verify:${uniqueSuffix()}`;
  try {
    await withTimeout(client.connect(), wait, 'TLS connection');
    const pong = await withTimeout(client.ping(), wait, 'PING');
    if (pong !== 'PONG') throw new Error(`PING answered ${pong}`);
    checks.pass('tls', `TLS connection to ${host}:${port} as ${user} answers PONG`);
    try {
      const set = await withTimeout(client.set(key, 'written', 'EX', 300), wait, 'SET');
      const got = await withTimeout(client.get(key), wait, 'GET');
      const deleted = await withTimeout(client.del(key), wait, 'DEL');
      const left = await withTimeout(client.exists(key), wait, 'EXISTS');
      if (set === 'OK' && got === 'written' && deleted === 1 && left === 0) checks.pass('set-get-del', `SET, GET (value read back) and DEL of ${key}`);
      else checks.fail('set-get-del', `SET=${set} GET=${got} DEL=${deleted} EXISTS-after=${left}`);
    } catch (error) {
      checks.fail('set-get-del', `on ${key}: ${describeError(error)}`);
    }
  } catch (error) {
    checks.fail('tls', `TLS connection to ${host}:${port} as ${user} failed: ${describeError(error)}${cause ? ` (${cause})` : ''}`);
  } finally {
    if (client.status === 'ready' || client.status === 'connect') await withTimeout(client.del(key), wait, 'DEL').catch(() => undefined);
    await closed(client);
  }
  return plainTcp(checks, host, port, wait);
}

/** Plain TCP must get no Redis answer: a TLS-only port never speaks RESP to a client that skipped the handshake. */
async function plainTcp(checks: Checks, host: string, port: number, waitMs: number): Promise<Checks> {
  const answer = await rawExchange({ host, port, tls: false, waitMs: Math.min(waitMs, 3000) });
  if (/^[+-]/.test(answer)) checks.fail('plain-tcp-refused', `plain TCP got a Redis answer (${answer.trim().slice(0, 60)}): the port must accept TLS only`);
  else checks.pass('plain-tcp-refused', `plain TCP gets no Redis answer${answer ? `: ${answer.trim().slice(0, 60)}` : ''}`);
  return checks;
}

/** Sends `PING` and returns the first line answered, a `(reason)` when the connection failed, or '' on silence. */
function rawExchange(options: { host: string; port: number; tls: boolean; ca?: string; waitMs: number }): Promise<string> {
  return new Promise<string>((resolve) => {
    const { host, port } = options;
    const socket = options.tls ? tls.connect({ host, port, ca: options.ca, servername: host, rejectUnauthorized: true }) : net.connect({ host, port });
    let received = '';
    let settled = false;
    const done = (what: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(what);
    };
    const timer = setTimeout(() => done(received), options.waitMs);
    socket.on(options.tls ? 'secureConnect' : 'connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) done(received);
    });
    socket.on('error', (error) => done(`(${describeError(error)})`));
    socket.on('close', () => done(received || '(closed)'));
  });
}

/**
 * PostgreSQL over TLS (tasks.md 14.2): a verify-full connection (CA and host name checked) as the IAM probe user,
 * the session encrypted (`pg_stat_ssl`), CRUD on a uniquely named table (dropped on every exit path), and a
 * connection without TLS refused.
 */
import { Client, type ClientConfig } from 'pg';
import { Checks, describeError, uniqueSuffix } from './checks';
import type { PostgresTarget } from './protocol';

export interface PostgresProbeInput {
  readonly target: PostgresTarget;
  /** The CA bundle the server certificate must chain to (the RDS global bundle in the function). */
  readonly ca: string;
  /** The login's password: an IAM token in the function, the test server's password in tests. */
  readonly password: () => Promise<string>;
  /** @default 10000 */
  readonly connectTimeoutMs?: number;
}

/** What a refused IAM login means on RDS, and the fix (the user is created once, docs/decisions/0006). */
export function loginFix(user: string): string {
  return `if the database refused the login: the IAM user ${user} may not exist yet (or lacks rds_iam) — create it once with "npm run verify -- --environment=<env> --create-probe-user" (docs/verify.md)`;
}

export async function probePostgres(input: PostgresProbeInput): Promise<Checks> {
  const checks = new Checks('postgres');
  const { target } = input;
  const base: ClientConfig = {
    host: target.host,
    port: target.port,
    user: target.user,
    database: target.database ?? 'postgres',
    connectionTimeoutMillis: input.connectTimeoutMs ?? 10000,
  };
  // verify-full: node's TLS checks the chain against `ca` and the certificate's names against `host`.
  const client = new Client({ ...base, password: input.password, ssl: { ca: input.ca, rejectUnauthorized: true, servername: target.host } });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const detail = describeError(error);
    checks.fail(
      'tls',
      `verify-full connection to ${target.host}:${target.port} failed: ${detail}${/authentication|28P01|28000|PAM/i.test(detail) ? `; ${loginFix(target.user)}` : ''}`,
    );
    return checks;
  }
  const table = `showcore_verify_${uniqueSuffix()}`;
  try {
    const ssl = await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    if (ssl.rows[0]?.ssl === true) checks.pass('tls', `verify-full connection to ${target.host}:${target.port} as ${target.user} is encrypted`);
    else checks.fail('tls', `connected, but pg_stat_ssl says ssl=${String(ssl.rows[0]?.ssl)}`);
    try {
      await client.query(`CREATE TABLE ${table} (id integer PRIMARY KEY, note text NOT NULL)`);
      await client.query(`INSERT INTO ${table} VALUES (1, 'written')`);
      await client.query(`UPDATE ${table} SET note = 'updated' WHERE id = 1`);
      const read = await client.query<{ note: string }>(`SELECT note FROM ${table} WHERE id = 1`);
      await client.query(`DELETE FROM ${table} WHERE id = 1`);
      const left = await client.query<{ count: string }>(`SELECT count(*) FROM ${table}`);
      await client.query(`DROP TABLE ${table}`);
      if (read.rows[0]?.note === 'updated' && left.rows[0]?.count === '0') checks.pass('crud', `create, insert, update, select, delete and drop of ${table}`);
      else checks.fail('crud', `on ${table}: read back ${JSON.stringify(read.rows[0]?.note)}, ${left.rows[0]?.count} row(s) left after DELETE`);
    } catch (error) {
      checks.fail('crud', `on ${table}: ${describeError(error)}`);
    }
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await client.end().catch(() => undefined);
  }

  const plain = new Client({ ...base, password: input.password, ssl: false });
  plain.on('error', () => undefined);
  try {
    await plain.connect();
    checks.fail('plaintext-refused', 'a connection without TLS was accepted: the server must require TLS (rds.force_ssl=1)');
  } catch (error) {
    checks.pass('plaintext-refused', `a connection without TLS was refused: ${describeError(error)}`);
  } finally {
    await plain.end().catch(() => undefined);
  }
  return checks;
}

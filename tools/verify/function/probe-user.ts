/**
 * Creates the IAM-authenticated database user the PostgreSQL probe logs in as, once per database (see
 * docs/decisions/0006): a login role granted `rds_iam`, owning a schema of its own name so that its tables land
 * there (PostgreSQL 15+ no longer lets every user create in `public`). Idempotent. The master password arrives
 * in this one request, is used for one verify-full connection, and is never logged or returned.
 */
import { Client } from 'pg';
import { Checks, describeError } from './checks';
import type { CreateProbeUserRequest, FunctionResponse } from './protocol';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export async function createProbeUser(request: CreateProbeUserRequest, ca: string): Promise<FunctionResponse> {
  const { postgres, master } = request;
  const checks = new Checks('probe-user');
  if (!IDENTIFIER.test(postgres.user)) {
    return { results: [], problems: [`postgres.user is ${JSON.stringify(postgres.user)}: expected a lowercase SQL identifier`] };
  }
  const user = postgres.user;
  const client = new Client({
    host: postgres.host,
    port: postgres.port,
    user: master.user,
    password: master.password,
    database: postgres.database ?? 'postgres',
    ssl: { ca, rejectUnauthorized: true, servername: postgres.host },
    connectionTimeoutMillis: 10000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${user}') THEN CREATE ROLE ${user} LOGIN; END IF; END $$`);
    await client.query(`GRANT rds_iam TO ${user}`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${user} AUTHORIZATION ${user}`);
    checks.pass('created', `${user} logs in with IAM tokens (rds_iam) and owns schema ${user}`);
  } catch (error) {
    // A message from the server may quote the statement, never the password: pg does not echo it.
    checks.fail('created', `as ${master.user}: ${describeError(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  return { results: checks.results, problems: [] };
}

/**
 * `ops:verify --create-probe-user`, once per database (docs/decisions/0006): this machine — outside the VPC, where
 * Secrets Manager needs no interface endpoint — reads the RDS-managed master secret and hands user and password to
 * the probe function in one synchronous request; the function creates `showcore_probe` (granted `rds_iam`). The
 * password is held in memory for that request only: never logged, never in the report, never in the function's
 * configuration or a template.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DATABASE_PROBE_USER, parameterPath, type EnvironmentName } from '@showcore/naming';
import { optionString, type ParsedArgs } from '#tools/lib/args';
import { explainAwsError } from '#tools/lib/aws-errors';
import { UsageError } from '#tools/lib/process';
import { readParameters } from '#tools/lib/ssm-preflight';
import { clientConfig } from '#tools/lib/aws-clients';
import { checkIdentity } from './identity';
import { isPlaceholder, readTargets } from './inputs';
import type { ProbeInvoker } from './invoker';
import type { CreateProbeUserRequest } from './function/protocol';
import { checkProbeFunction, type VerifyClients } from './preflight';
import { EXIT, invokerFor, rdsCaBundle, verifyClients } from './cli';

export interface CreateProbeUserDeps {
  readonly clients: VerifyClients;
  readonly secrets: SecretsManagerClient;
  readonly invoker: (functionName: string) => ProbeInvoker;
  readonly log: (line: string) => void;
}

/** The master user and password of the RDS-managed secret; the error never quotes the secret's value. */
export async function masterCredentials(secrets: SecretsManagerClient, secretArn: string, env: NodeJS.ProcessEnv): Promise<{ user: string; password: string }> {
  let text: string | undefined;
  try {
    text = (await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString;
  } catch (error) {
    throw new UsageError(
      `Cannot read the database's master secret ${secretArn}: ${explainAwsError(error, env)} (the person creating the probe user needs secretsmanager:GetSecretValue on it).`,
    );
  }
  let parsed: { username?: unknown; password?: unknown } = {};
  try {
    parsed = JSON.parse(text ?? '') as typeof parsed;
  } catch {
    /* reported below, without the value */
  }
  if (typeof parsed.username !== 'string' || typeof parsed.password !== 'string') {
    throw new UsageError(`The secret ${secretArn} holds no JSON with "username" and "password" (is it the RDS-managed master secret of this database?).`);
  }
  return { user: parsed.username, password: parsed.password };
}

/** Creates the probe user through the function; true when the function reports it created (or already there). */
export async function createProbeUser(
  deps: CreateProbeUserDeps,
  environment: EnvironmentName,
  env: NodeJS.ProcessEnv,
  caBundle: string,
  expectedAccount?: string,
): Promise<boolean> {
  const { clients, log } = deps;
  await checkIdentity(clients.sts, env, expectedAccount, 'create the probe user');
  const targets = await readTargets(clients.ssm, environment);
  const secretPath = parameterPath(environment, 'dbSecretArn');
  const secretArn = (await readParameters(clients.ssm, [secretPath])).get(secretPath);
  if (!secretArn || isPlaceholder(secretArn) || isPlaceholder(targets.dbHost)) {
    throw new UsageError(
      `"${environment}" has no database master secret to create the probe user with (${secretPath} = ${secretArn ?? 'missing'}): deploy the data tier (npx nx run data:deploy -c ${environment}) first.`,
    );
  }
  await checkProbeFunction(clients.lambda, targets.functionName, targets, environment, env);
  const master = await masterCredentials(deps.secrets, secretArn, env);
  const request: CreateProbeUserRequest = {
    action: 'create-probe-user',
    postgres: { host: targets.dbHost, port: targets.dbPort, user: DATABASE_PROBE_USER, caBundle },
    master,
  };
  log(`… creating ${DATABASE_PROBE_USER} on ${targets.dbHost} through ${targets.functionName}`);
  const response = await deps.invoker(targets.functionName).invoke(request, { timeoutMs: 60_000 });
  for (const problem of response.problems) log(`problem: ${problem}`);
  for (const result of response.results) log(`${result.passed ? 'PASS' : 'FAIL'} ${result.probe}.${result.check} ${result.detail}`);
  return response.problems.length === 0 && response.results.length > 0 && response.results.every((r) => r.passed);
}

export async function createProbeUserMain(
  args: ParsedArgs,
  environment: EnvironmentName,
  env: NodeJS.ProcessEnv,
  region: string,
  log: (line: string) => void,
): Promise<number> {
  if (environment === 'local') {
    throw new UsageError('--create-probe-user needs a real database: the emulator has no PostgreSQL server and no master secret (docs/verify.md).');
  }
  const caBundle = (await rdsCaBundle(args, region, true)) as string;
  const deps: CreateProbeUserDeps = {
    clients: verifyClients(env),
    secrets: new SecretsManagerClient(clientConfig(env)),
    invoker: invokerFor(environment, env, region),
    log,
  };
  try {
    const created = await createProbeUser(deps, environment, env, caBundle, optionString(args, 'account'));
    log(
      created
        ? `${DATABASE_PROBE_USER} is ready: run verify again without --create-probe-user.`
        : `${DATABASE_PROBE_USER} was not created: see the line above.`,
    );
    return created ? EXIT.passed : EXIT.failed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    log(`\n${(error as Error).message}\n`);
    return EXIT.failed;
  }
}

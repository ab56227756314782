/** What the verify commands (verify, --create-probe-user, the restore drill) share: clients, limits, the invoker. */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import type { EnvironmentName } from '@showcore/naming';
import { optionString, type ParsedArgs } from '#tools/lib/args';
import { UsageError } from '#tools/lib/process';
import { clientConfig } from '#tools/lib/aws-clients';
import type { ProbeEnvironment } from './function/handler';
import { InProcessInvoker, LambdaInvoker, type ProbeInvoker } from './invoker';
import type { VerifyClients } from './preflight';

export const EXIT = { passed: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** The function's own limit (apps/ops ProbeFunction): the probes' timeouts must fit inside it. */
export const FUNCTION_TIMEOUT_SECONDS = 300;

export function verifyClients(env: NodeJS.ProcessEnv): VerifyClients {
  const config = clientConfig(env);
  return {
    sts: new STSClient(config),
    ssm: new SSMClient(config),
    lambda: new LambdaClient(config),
    s3: new S3Client({ ...config, forcePathStyle: Boolean(config.endpoint) }),
    cloudfront: new CloudFrontClient(config),
  };
}

export function positiveSeconds(args: ParsedArgs, name: string, fallback: number): number {
  const raw = optionString(args, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`--${name}=${raw} is not a whole number of seconds above 0.`);
  return value;
}

/** The RDS CA bundle of the region, from the file given or AWS's trust store (real environments only). */
export async function rdsCaBundle(args: ParsedArgs, region: string, needed: boolean): Promise<string | undefined> {
  const file = optionString(args, 'rds-ca-bundle');
  if (file) {
    if (!fs.existsSync(file)) throw new UsageError(`--rds-ca-bundle=${file}: no such file.`);
    return fs.readFileSync(file, 'utf8');
  }
  if (!needed) return undefined;
  const url = `https://truststore.pki.rds.amazonaws.com/${region}/${region}-bundle.pem`;
  const response = await fetch(url).catch((error: Error) => {
    throw new UsageError(`Could not download the RDS CA bundle from ${url} (${error.message}): download it yourself and pass --rds-ca-bundle=<file>.`);
  });
  if (!response.ok) throw new UsageError(`Could not download the RDS CA bundle from ${url} (HTTP ${response.status}): pass --rds-ca-bundle=<file>.`);
  return response.text();
}

/**
 * The handler run in this process against the emulator (`-c local`): moto runs Lambda functions only in Docker.
 * Its S3 client is the emulator's; the data probes never run here unless their target is on this machine.
 */
export function emulatorProbeEnvironment(env: NodeJS.ProcessEnv, region: string): ProbeEnvironment {
  const unavailable = async (): Promise<string> => {
    throw new Error('no IAM token locally: the emulator signs no database or cache logins');
  };
  return { region, postgresPassword: unavailable, redisPassword: unavailable, s3: () => new S3Client({ ...clientConfig(env), forcePathStyle: true }) };
}

/** Lambda in a real account; the handler in this process against the emulator (docs/verify.md). */
export function invokerFor(environment: EnvironmentName, env: NodeJS.ProcessEnv, region: string): (functionName: string) => ProbeInvoker {
  if (environment === 'local') return (name) => new InProcessInvoker(emulatorProbeEnvironment(env, region), name);
  // One attempt: a retried invoke would run every probe again behind the operator's back.
  return (name) => new LambdaInvoker(new LambdaClient({ ...clientConfig(env), maxAttempts: 1 }), name, environment);
}

export function newRunId(): string {
  return `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${crypto.randomBytes(3).toString('hex')}`;
}

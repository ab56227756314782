/**
 * Post-deploy verification from inside the VPC (tasks.md 14.1–14.5); see docs/verify.md.
 *
 *   nx run ops:verify -c <env>              (or: npm run verify -- --environment=<env>)
 *     --probes=postgres,redis,s3,endpoints,internet   a subset of the probes inside the VPC (default: all)
 *     --no-edge                             skip the CloudFront probe from outside
 *     --account=<id>                        refuse to run with credentials of another account
 *     --rds-ca-bundle=<file>                CA bundle for sslmode=verify-full (default: downloaded from the RDS trust store)
 *     --instance-type=<type> --ami=<id>     the probe instance (default t3.micro, latest Amazon Linux 2023)
 *     --reachable-timeout=<seconds>         how long the instance may take to register with Systems Manager (600)
 *     --probe-timeout=<seconds>             per probe (90); the whole run gets 5 minutes more
 *
 * Exit codes: 0 every check passed, 1 a check failed or the run could not finish, 2 bad input (nothing created),
 * 130 interrupted (the instance is still terminated).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { parseEnvironment, type EnvironmentName } from '@showcore/naming';
import { optionString, parseArgs, type ParsedArgs } from '../lib/args';
import { awsEnvironmentFor } from '../lib/aws-target';
import { quietSdkNodeWarnings, UsageError } from '../lib/process';
import { clientConfig } from '../cdk/staleness';
import { AbortedError, LocalShellChannel, RunCommandChannel, type ProbeChannel } from './channel';
import { DEFAULT_INSTANCE_TYPE } from './instance';
import { renderMarkdown, writeReport } from './report';
import { INSTANCE_PROBES, type InstanceProbe } from './script';
import { verifyEnvironment, type VerifyClients, type VerifyOptions } from './verify';

export const EXIT = { passed: 0, failed: 1, usage: 2, interrupted: 130 } as const;

export function verifyClients(env: NodeJS.ProcessEnv): VerifyClients {
  const config = clientConfig(env);
  return {
    sts: new STSClient(config),
    ssm: new SSMClient(config),
    ec2: new EC2Client(config),
    s3: new S3Client({ ...config, forcePathStyle: Boolean(config.endpoint) }),
    cloudfront: new CloudFrontClient(config),
  };
}

function positiveSeconds(args: ParsedArgs, name: string, fallback: number): number {
  const raw = optionString(args, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`--${name}=${raw} is not a whole number of seconds above 0.`);
  return value;
}

/** Probes that resolve public AWS names or reach for the internet: never pointed at anything from this machine. */
const VPC_ONLY_PROBES: readonly InstanceProbe[] = ['endpoints', 'internet'];

export function selectedProbes(raw: string | undefined, environment: EnvironmentName): InstanceProbe[] {
  if (raw === undefined) return INSTANCE_PROBES.filter((p) => environment !== 'local' || !VPC_ONLY_PROBES.includes(p));
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(INSTANCE_PROBES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(`--probes=${raw}: unknown probe(s) ${unknown.join(', ') || '(none given)'}. Choose from: ${INSTANCE_PROBES.join(', ')}.`);
  }
  const chosen = INSTANCE_PROBES.filter((p) => names.includes(p));
  const vpcOnly = chosen.filter((p) => VPC_ONLY_PROBES.includes(p));
  if (environment === 'local' && vpcOnly.length > 0) {
    throw new UsageError(
      `--probes=${raw}: ${vpcOnly.join(', ')} resolve public AWS names and reach for the internet, so they only run on the probe instance in a real VPC. ` +
        'Locally they are tested against loopback servers by `npm test` (tools/verify/test/probes).',
    );
  }
  return chosen;
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

export async function main(argv = process.argv.slice(2), log: (line: string) => void = (l) => console.error(l)): Promise<number> {
  const args = parseArgs(argv);
  let environment: EnvironmentName;
  let options: Omit<VerifyOptions, 'signal'>;
  let clients: VerifyClients;
  try {
    environment = parseEnvironment(optionString(args, 'environment', 'env'), '--environment');
    const env = awsEnvironmentFor(environment);
    const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (!region) throw new UsageError(`Set AWS_REGION to the region "${environment}" is deployed in (the probes read its SSM parameters there).`);
    const probes = selectedProbes(optionString(args, 'probes'), environment);
    const probeSeconds = positiveSeconds(args, 'probe-timeout', 90);
    // The emulator launches instances that never boot: locally the probes run on this machine (docs/verify.md).
    const channel: ProbeChannel = environment === 'local' ? new LocalShellChannel(env) : new RunCommandChannel(new SSMClient(clientConfig(env)));
    clients = verifyClients(env);
    options = {
      environment,
      region,
      env,
      runId: `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${crypto.randomBytes(3).toString('hex')}`,
      probes,
      edge: args.options['no-edge'] !== true,
      expectedAccount: optionString(args, 'account'),
      instanceType: optionString(args, 'instance-type') ?? DEFAULT_INSTANCE_TYPE,
      imageId: optionString(args, 'ami'),
      rdsCaBundle: await rdsCaBundle(args, region, probes.includes('postgres') && environment !== 'local'),
      maxLifetimeMinutes: 60,
      timeouts: {
        runningMs: 5 * 60_000,
        reachableMs: positiveSeconds(args, 'reachable-timeout', 600) * 1000,
        probeSeconds,
        runSeconds: probeSeconds * probes.length + 300,
        edgeSeconds: 120,
      },
      channel,
      log,
    };
  } catch (error) {
    log(`\n${(error as Error).message}\n`);
    return EXIT.usage;
  }

  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupts += 1;
    if (interrupts === 1) {
      log(`\n${signal}: stopping; the probe instance is terminated and the staged objects removed before exit (Ctrl-C again to leave now).`);
      controller.abort();
    } else {
      log('Leaving without clean-up: terminate the instance tagged showcore:purpose=verification by hand (it powers itself off within 60 minutes).');
      process.exit(EXIT.interrupted);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const report = await verifyEnvironment(clients, { ...options, signal: controller.signal });
    const file = writeReport(report);
    console.log(renderMarkdown(report));
    log(`Report: ${file}`);
    return report.passed ? EXIT.passed : EXIT.failed;
  } catch (error) {
    if (error instanceof AbortedError) {
      log('Interrupted; clean-up done.');
      return EXIT.interrupted;
    }
    log(`\n${(error as Error).message}\n`);
    return error instanceof UsageError ? EXIT.usage : EXIT.failed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

if (require.main === module) {
  quietSdkNodeWarnings();
  void main().then((code) => (process.exitCode = code));
}

/**
 * Post-deploy verification from inside the VPC (tasks.md 14.1–14.5); see docs/verify.md.
 *
 *   nx run ops:verify -c <env>              (or: npm run verify -- --environment=<env>)
 *     --probes=postgres,redis,s3,endpoints,internet   a subset of the probes inside the VPC (default: all)
 *     --no-edge                             skip the CloudFront probe from outside
 *     --account=<id>                        refuse to run with credentials of another account
 *     --rds-ca-bundle=<file>                CA bundle for sslmode=verify-full (default: downloaded from the RDS trust store)
 *     --probe-timeout=<seconds>             per probe, inside the function (45)
 *     --invoke-timeout=<seconds>            the whole invoke (default: the probes' timeouts plus 30 s)
 *     --create-probe-user                   once per database: create the IAM user the PostgreSQL probe logs in as
 *
 * Exit codes: 0 every check passed, 1 a check failed or the run could not finish, 2 bad input (nothing created),
 * 130 interrupted (clean-up done).
 */
import { parseEnvironment, type EnvironmentName } from '@showcore/naming';
import { optionString, parseArgs, type ParsedArgs } from '#tools/lib/args';
import { awsEnvironmentWithCredentials } from '#tools/lib/aws-target';
import { quietSdkNodeWarnings, UsageError } from '#tools/lib/process';
import { AbortedError } from './abort';
import { EXIT, FUNCTION_TIMEOUT_SECONDS, invokerFor, newRunId, positiveSeconds, rdsCaBundle, verifyClients } from './cli';
import { createProbeUserMain } from './create-probe-user';
import { FUNCTION_PROBES, type FunctionProbeName } from './function/protocol';
import { renderMarkdown, writeReport } from './report';
import type { VerifyClients } from './preflight';
import { verifyEnvironment, type VerifyOptions } from './verify';

export { EXIT, verifyClients } from './cli';

/** Probes that resolve public AWS names or reach for the internet: never pointed at anything from this machine. */
const VPC_ONLY_PROBES: readonly FunctionProbeName[] = ['endpoints', 'internet'];

export function selectedProbes(raw: string | undefined, environment: EnvironmentName): FunctionProbeName[] {
  if (raw === undefined) return FUNCTION_PROBES.filter((p) => environment !== 'local' || !VPC_ONLY_PROBES.includes(p));
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(FUNCTION_PROBES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(`--probes=${raw}: unknown probe(s) ${unknown.join(', ') || '(none given)'}. Choose from: ${FUNCTION_PROBES.join(', ')}.`);
  }
  const chosen = FUNCTION_PROBES.filter((p) => names.includes(p));
  const vpcOnly = chosen.filter((p) => VPC_ONLY_PROBES.includes(p));
  if (environment === 'local' && vpcOnly.length > 0) {
    throw new UsageError(
      `--probes=${raw}: ${vpcOnly.join(', ')} resolve public AWS names and reach for the internet, so they only run in the probe function in a real VPC. ` +
        'Locally they are tested against loopback servers by `npm test` (tools/verify/test/function).',
    );
  }
  return chosen;
}

/** The per-probe and whole-invoke limits; refuses settings the function's own 300 s would cut short. */
export function timeoutsFrom(args: ParsedArgs, probes: number): VerifyOptions['timeouts'] {
  const probeSeconds = positiveSeconds(args, 'probe-timeout', 45);
  if (probeSeconds * probes > FUNCTION_TIMEOUT_SECONDS - 10) {
    throw new UsageError(
      `--probe-timeout=${probeSeconds} for ${probes} probe(s) is ${probeSeconds * probes} s, more than the probe function's own limit allows (${FUNCTION_TIMEOUT_SECONDS} s less 10): ` +
        `lower it, or run fewer probes per call with --probes=….`,
    );
  }
  const invokeSeconds = positiveSeconds(args, 'invoke-timeout', probeSeconds * probes + 30);
  return { probeMs: probeSeconds * 1000, invokeMs: invokeSeconds * 1000, edgeSeconds: 120 };
}

export async function main(argv = process.argv.slice(2), log: (line: string) => void = (l) => console.error(l)): Promise<number> {
  const args = parseArgs(argv);
  let options: Omit<VerifyOptions, 'signal'>;
  let clients: VerifyClients;
  try {
    const environment = parseEnvironment(optionString(args, 'environment', 'env'), '--environment');
    const env = awsEnvironmentWithCredentials(environment, 'ops:verify');
    const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (!region) throw new UsageError(`Set AWS_REGION to the region "${environment}" is deployed in (verify reads its SSM parameters there).`);
    if (args.options['create-probe-user'] === true) return await createProbeUserMain(args, environment, env, region, log);
    const probes = selectedProbes(optionString(args, 'probes'), environment);
    clients = verifyClients(env);
    options = {
      environment,
      region,
      env,
      runId: newRunId(),
      probes,
      edge: args.options['no-edge'] !== true,
      expectedAccount: optionString(args, 'account'),
      rdsCaBundle: await rdsCaBundle(args, region, probes.includes('postgres') && environment !== 'local'),
      timeouts: timeoutsFrom(args, probes.length),
      invoker: invokerFor(environment, env, region),
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
      log(`\n${signal}: stopping; what the run wrote under _verify/${options.runId}/ is removed before exit (Ctrl-C again to leave now).`);
      controller.abort();
    } else {
      log(`Leaving without clean-up: remove s3://<backups bucket>/_verify/${options.runId}/ by hand (the probe function ends by itself within 5 minutes).`);
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

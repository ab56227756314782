import { DATABASE_PROBE_USER, type EnvironmentName } from '@showcore/naming';
import { UsageError } from '#tools/lib/process';
import { AbortedError } from './abort';
import { removePrefix, runPrefix } from './cleanup';
import { runEdgeProbe } from './edge';
import { FUNCTION_PROBES, type FunctionProbeName, type ProbeRequest } from './function/protocol';
import { checkIdentity } from './identity';
import { isPlaceholder, readTargets, type VerifyTargets } from './inputs';
import { InvokeTimeoutError, type ProbeInvoker } from './invoker';
import { outcomePassed, outcomeSummary, type CheckResult, type ProbeOutcome } from './model';
import { checkProbeFunction, type VerifyClients } from './preflight';
import { recordSteps, type StepRecord } from './steps';

export interface VerifyOptions {
  readonly environment: EnvironmentName;
  readonly region: string;
  /** The process environment the clients were built from (for error messages). */
  readonly env: NodeJS.ProcessEnv;
  readonly runId: string;
  readonly probes: readonly FunctionProbeName[];
  readonly edge: boolean;
  readonly expectedAccount?: string;
  /** Contents of the CA bundle the PostgreSQL probe verifies RDS with (required for the postgres probe). */
  readonly rdsCaBundle?: string;
  /** Per probe inside the function, and the whole invoke (by default the probes' sum plus 30 s, main.ts). */
  readonly timeouts: { readonly probeMs: number; readonly invokeMs: number; readonly edgeSeconds: number };
  /** Builds how the run reaches the function, once its name is read from SSM. */
  readonly invoker: (functionName: string) => ProbeInvoker;
  /** Test hook: targets merged over what SSM says (a loopback server's port, say). */
  readonly requestOverrides?: Partial<Pick<ProbeRequest, 'postgres' | 'redis' | 'network'>>;
  /** Test hook: the edge probe's URLs and CA. */
  readonly edgeUrls?: Parameters<typeof runEdgeProbe>[2]['urls'];
  readonly signal?: AbortSignal;
  readonly log: (line: string) => void;
}

export interface VerifyReport {
  readonly environment: EnvironmentName;
  readonly runId: string;
  readonly account?: string;
  /** The probe function invoked (and how: `lambda`, or `in-process` for the emulator and tests). */
  readonly probeFunction?: { readonly name: string; readonly invoker: string };
  readonly steps: StepRecord[];
  readonly skipped: { readonly probe: string; readonly reason: string }[];
  readonly inside?: ProbeOutcome;
  readonly edge?: ProbeOutcome;
  readonly cleanup: { removedObjects: number; problems: string[] };
  passed: boolean;
}

/** The interface endpoints' private names the `endpoints` probe resolves: the spec's three (tasks.md 3.3). */
export function endpointHosts(region: string): string[] {
  return ['ssm', 'logs', 'monitoring'].map((service) => `${service}.${region}.amazonaws.com`);
}

/** Public URLs the `internet` probe must not reach. */
export const INTERNET_URLS = ['https://checkip.amazonaws.com', 'https://aws.amazon.com'] as const;

/** The request for the selected probes: targets only, never a password (the function signs its own tokens). */
export function probeRequest(options: VerifyOptions, targets: VerifyTargets, probes: readonly FunctionProbeName[]): ProbeRequest {
  const want = (probe: FunctionProbeName) => probes.includes(probe);
  return {
    action: 'probe',
    runId: options.runId,
    probes,
    probeTimeoutMs: options.timeouts.probeMs,
    ...(want('postgres')
      ? {
          postgres: {
            host: targets.dbHost,
            port: targets.dbPort,
            user: DATABASE_PROBE_USER,
            caBundle: options.rdsCaBundle ?? '',
            ...options.requestOverrides?.postgres,
          },
        }
      : {}),
    ...(want('redis')
      ? {
          redis: {
            host: targets.redisHost,
            port: targets.redisPort,
            replicationGroupId: targets.redisReplicationGroupId,
            user: targets.redisProbeUser,
            ...options.requestOverrides?.redis,
          },
        }
      : {}),
    ...(want('s3') ? { s3: { bucket: targets.backupsBucket, prefix: runPrefix(options.runId) } } : {}),
    ...(want('endpoints') || want('internet')
      ? {
          network: {
            vpcCidr: targets.vpcCidr,
            endpointHosts: endpointHosts(options.region),
            internetUrls: [...INTERNET_URLS],
            ...options.requestOverrides?.network,
          },
        }
      : {}),
  };
}

/** What a refused IAM login of the database means, and the one-time fix (docs/decisions/0006). */
export function probeUserHint(results: readonly CheckResult[], environment: EnvironmentName): string | undefined {
  const refused = results.find((r) => r.probe === 'postgres' && r.check === 'tls' && !r.passed && /may not exist yet/.test(r.detail));
  if (!refused) return undefined;
  return (
    `The database refused the IAM login of ${DATABASE_PROBE_USER}: the probe user probably does not exist yet. ` +
    `Create it once with: npm run verify -- --environment=${environment} --create-probe-user (docs/verify.md).`
  );
}

/**
 * Post-deploy verification of one environment (tasks.md 14.1–14.5): preflight (credentials, inputs, the function)
 * before anything is created; one synchronous invoke of the in-VPC probe function; whatever the run wrote under
 * `_verify/<run id>/` always removed; the edge probe from outside.
 */
export async function verifyEnvironment(clients: VerifyClients, options: VerifyOptions): Promise<VerifyReport> {
  const report: VerifyReport = {
    environment: options.environment,
    runId: options.runId,
    steps: [],
    skipped: [],
    cleanup: { removedObjects: 0, problems: [] },
    passed: false,
  };
  const step = recordSteps(report.steps, options.log);

  // Preflight: nothing is created until every one of these holds.
  const identity = await step(
    'credentials',
    () => checkIdentity(clients.sts, options.env, options.expectedAccount),
    (i) => `account ${i.account}`,
  );
  (report as { account?: string }).account = identity.account;
  const targets = await step(
    'inputs from SSM',
    () => readTargets(clients.ssm, options.environment),
    (t) => `VPC ${t.vpcId}, function ${t.functionName}`,
  );
  const probes = runnableProbes(targets, options.probes, report, options.environment);
  if (probes.length > 0)
    await step(
      'probe function',
      () => checkProbeFunction(clients.lambda, targets.functionName, targets, options.environment, options.env),
      (d) => d,
    );
  if (probes.includes('postgres') && !options.rdsCaBundle && !options.requestOverrides?.postgres?.caBundle) {
    throw new UsageError(
      'The PostgreSQL probe needs the RDS CA bundle: pass --rds-ca-bundle=<file>, or let verify download it from truststore.pki.rds.amazonaws.com.',
    );
  }
  // Ctrl-C during the preflight: leave before anything is created.
  if (options.signal?.aborted) throw new AbortedError();

  const invoker = options.invoker(targets.functionName);
  (report as { probeFunction?: VerifyReport['probeFunction'] }).probeFunction = { name: targets.functionName, invoker: invoker.kind };
  try {
    if (probes.length > 0) {
      const timeoutMs = options.timeouts.invokeMs;
      const inside = await step(
        'probes inside the VPC (probe function)',
        async (): Promise<ProbeOutcome> => {
          const response = await invoker.invoke(probeRequest(options, targets, probes), { timeoutMs, signal: options.signal });
          const exitCode = response.problems.length === 0 && response.results.every((r) => r.passed) ? 0 : 1;
          const hint = probeUserHint(response.results, options.environment);
          return { results: response.results, exitCode, problems: [...response.problems, ...(hint ? [hint] : [])] };
        },
        outcomeSummary,
      );
      (report as { inside?: ProbeOutcome }).inside = inside;
      if (inside.problems.length > 0) inside.problems.forEach((p) => options.log(p));
    }
  } catch (error) {
    if (error instanceof AbortedError) report.steps.push({ step: 'interrupted', ok: false, detail: 'Ctrl-C: cleaning up', seconds: 0 });
    if (error instanceof UsageError || error instanceof AbortedError) throw error;
    if (error instanceof InvokeTimeoutError) options.log(error.message);
  } finally {
    // The function removes what it writes; this catches what an invoke cut short (a timeout, Ctrl-C) left behind.
    if (probes.includes('s3')) {
      const prefix = runPrefix(options.runId);
      await removePrefix(clients.s3, targets.backupsBucket, prefix).then(
        (n) => (report.cleanup.removedObjects += n),
        (error) => report.cleanup.problems.push(`could not remove s3://${targets.backupsBucket}/${prefix}: ${(error as Error).message}`),
      );
    }
  }

  if (options.edge && !options.signal?.aborted) {
    if (isPlaceholder(targets.distributionDomainName) || isPlaceholder(targets.distributionId)) {
      report.skipped.push({ probe: 'edge', reason: `the CDN is not deployed in "${options.environment}" (${targets.distributionDomainName})` });
    } else {
      const edge = await step(
        'edge probe (outside the VPC)',
        () =>
          runEdgeProbe(clients.s3, clients.cloudfront, {
            runId: options.runId,
            region: options.region,
            bucket: targets.staticAssetsBucket,
            distributionId: targets.distributionId,
            domainName: targets.distributionDomainName,
            timeoutSeconds: options.timeouts.edgeSeconds,
            urls: options.edgeUrls,
          }),
        outcomeSummary,
      );
      (report as { edge?: ProbeOutcome }).edge = edge;
    }
  }
  // Ctrl-C during the edge probe: it has removed its test object; the run ends as interrupted, not as failed.
  if (options.signal?.aborted) throw new AbortedError();

  const outcomes = [report.inside, report.edge].filter((o): o is ProbeOutcome => o !== undefined);
  report.passed = outcomes.length > 0 && outcomes.every(outcomePassed) && report.steps.every((s) => s.ok) && report.cleanup.problems.length === 0;
  return report;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1']);

/** The selected probes minus those whose target does not exist in this environment (recorded as skipped). */
function runnableProbes(
  targets: VerifyTargets,
  selected: readonly FunctionProbeName[],
  report: VerifyReport,
  environment: EnvironmentName,
): FunctionProbeName[] {
  return FUNCTION_PROBES.filter((probe) => selected.includes(probe)).filter((probe) => {
    // Locally the handler runs in this process: a data probe may only ever reach a server on this machine, and
    // the emulator's RDS endpoint names no server at all.
    const host = probe === 'postgres' ? targets.dbHost : probe === 'redis' ? targets.redisHost : undefined;
    if (environment === 'local' && host !== undefined && !isPlaceholder(host) && !LOOPBACK.has(host)) {
      report.skipped.push({
        probe,
        reason: `locally the probe runs on this machine and ${host} is the emulator's name, not a server (npm test runs it against real servers)`,
      });
      return false;
    }
    const needs: [string, string][] =
      probe === 'postgres'
        ? [['endpoint', targets.dbHost]]
        : probe === 'redis'
          ? [
              ['endpoint', targets.redisHost],
              ['replication group', targets.redisReplicationGroupId],
              ['probe user', targets.redisProbeUser],
            ]
          : [];
    const missing = needs.find(([, value]) => isPlaceholder(value));
    if (missing) {
      report.skipped.push({ probe, reason: `the data tier published "${missing[1]}" for its ${missing[0]}` });
      return false;
    }
    return true;
  });
}

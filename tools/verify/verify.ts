import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import type { EnvironmentName } from '@showcore/naming';
import { UsageError } from '../lib/process';
import { AbortedError, runsOnInstance, type ProbeChannel } from './channel';
import { runEdgeProbe } from './edge';
import { isPlaceholder, readTargets, type VerifyTargets } from './inputs';
import { latestImageId } from './instance';
import { outcomePassed, outcomeSummary, type ProbeOutcome } from './model';
import { checkIdentity, checkNetwork } from './preflight';
import type { InstanceProbe } from './script';
import { ProbeSession, recordSteps, type StepRecord } from './session';

export interface VerifyClients {
  readonly sts: STSClient;
  readonly ssm: SSMClient;
  readonly ec2: EC2Client;
  readonly s3: S3Client;
  readonly cloudfront: CloudFrontClient;
}

export interface VerifyOptions {
  readonly environment: EnvironmentName;
  readonly region: string;
  /** The process environment the clients were built from (for error messages). */
  readonly env: NodeJS.ProcessEnv;
  readonly runId: string;
  readonly probes: readonly InstanceProbe[];
  readonly edge: boolean;
  readonly expectedAccount?: string;
  readonly instanceType: string;
  readonly imageId?: string;
  /** Contents of the CA bundle the PostgreSQL probe verifies RDS with (required for the postgres probe). */
  readonly rdsCaBundle?: string;
  readonly maxLifetimeMinutes: number;
  readonly timeouts: { readonly runningMs: number; readonly reachableMs: number; readonly probeSeconds: number; readonly runSeconds: number; readonly edgeSeconds: number };
  readonly channel: ProbeChannel;
  /** Test hooks: inputs merged over the computed probe environment / the edge probe's. */
  readonly probeEnvOverrides?: Readonly<Record<string, string>>;
  readonly edgeEnv?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  readonly log: (line: string) => void;
}

export interface VerifyReport {
  readonly environment: EnvironmentName;
  readonly runId: string;
  readonly account?: string;
  readonly instanceId?: string;
  readonly steps: StepRecord[];
  readonly skipped: { readonly probe: string; readonly reason: string }[];
  readonly inside?: ProbeOutcome;
  readonly edge?: ProbeOutcome;
  readonly cleanup: { terminated: boolean; removedObjects: number; problems: string[] };
  passed: boolean;
}

/**
 * Post-deploy verification of one environment (tasks.md 14.1–14.5): preflight (credentials, inputs, endpoints)
 * before anything is created; a probe instance launched, driven through the channel and always terminated; the
 * staged objects always removed; the edge probe from outside.
 */
export async function verifyEnvironment(clients: VerifyClients, options: VerifyOptions): Promise<VerifyReport> {
  const report: VerifyReport = { environment: options.environment, runId: options.runId, steps: [], skipped: [], cleanup: { terminated: false, removedObjects: 0, problems: [] }, passed: false };
  const step = recordSteps(report.steps, options.log);

  // Preflight: nothing is created until every one of these holds.
  const identity = await step('credentials', () => checkIdentity(clients.sts, options.env, options.expectedAccount), (i) => `account ${i.account}`);
  (report as { account?: string }).account = identity.account;
  const targets = await step('inputs from SSM', () => readTargets(clients.ssm, options.environment), (t) => `VPC ${t.vpcId}`);
  const probes = runnableProbes(targets, options.probes, report);
  const viaSessionManager = runsOnInstance(options.channel);
  const services = await step(
    'VPC endpoints',
    () => checkNetwork(clients.ec2, options.environment, options.region, targets, probes, viaSessionManager),
    (s) => `interface endpoints: ${s.join(', ') || 'none'}${viaSessionManager ? '' : ' (not needed here: the probes run on this machine)'}`,
  );
  if (probes.includes('postgres') && options.rdsCaBundle === undefined && viaSessionManager) {
    throw new UsageError('The PostgreSQL probe needs the RDS CA bundle: pass --rds-ca-bundle <file>, or let verify download it from truststore.pki.rds.amazonaws.com.');
  }
  const imageId = options.imageId ?? (await step('image', () => latestImageId(clients.ssm), (id) => id));
  // Ctrl-C during the preflight: leave before anything is created.
  if (options.signal?.aborted) throw new AbortedError();

  const session = new ProbeSession(
    clients,
    { ...options, imageId },
    targets,
    services.filter((s) => s === 'ssm' || s === 'logs' || s === 'secretsmanager'),
    step,
  );
  try {
    if (probes.length > 0) {
      (report as { instanceId?: string }).instanceId = await session.open();
      (report as { inside?: ProbeOutcome }).inside = await session.run('probes inside the VPC', probes);
    }
  } catch (error) {
    if (error instanceof AbortedError) report.steps.push({ step: 'interrupted', ok: false, detail: 'Ctrl-C: cleaning up', seconds: 0 });
    else if (!(error instanceof UsageError) && report.steps.at(-1)?.ok !== false) report.steps.push({ step: 'error', ok: false, detail: (error as Error).message, seconds: 0 });
    if (error instanceof UsageError || error instanceof AbortedError) throw error;
  } finally {
    await session.close();
    // Also an instance found by its run tag after a launch whose answer was lost.
    (report as { instanceId?: string }).instanceId = session.instanceId;
    report.cleanup.terminated = session.terminated;
    report.cleanup.removedObjects = session.removedObjects;
    report.cleanup.problems.push(...session.problems);
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
            env: options.edgeEnv,
          }),
        outcomeSummary,
      );
      (report as { edge?: ProbeOutcome }).edge = edge;
    }
  }
  // Ctrl-C during the edge probe: it has removed its test object; the run ends as interrupted, not as failed.
  if (options.signal?.aborted) throw new AbortedError();

  const outcomes = [report.inside, report.edge].filter((o): o is ProbeOutcome => o !== undefined);
  report.passed =
    outcomes.length > 0 &&
    outcomes.every(outcomePassed) &&
    report.steps.every((s) => s.ok) &&
    report.cleanup.problems.length === 0 &&
    (session.instanceId === undefined || report.cleanup.terminated);
  return report;
}

/** The selected probes minus those whose target does not exist in this environment (recorded as skipped). */
function runnableProbes(targets: VerifyTargets, selected: readonly InstanceProbe[], report: VerifyReport): InstanceProbe[] {
  return selected.filter((probe) => {
    // What the probe cannot do without: the endpoint, and for PostgreSQL the secret holding its password.
    const needs: [string, string][] =
      probe === 'postgres' ? [['endpoint', targets.dbHost], ['secret', targets.dbSecretArn]] : probe === 'redis' ? [['endpoint', targets.redisHost]] : [];
    const missing = needs.find(([, value]) => isPlaceholder(value));
    if (missing) {
      report.skipped.push({ probe, reason: `the data tier published "${missing[1]}" for its ${missing[0]}` });
      return false;
    }
    return true;
  });
}


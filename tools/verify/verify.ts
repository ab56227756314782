import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import type { EnvironmentName } from '@showcore/naming';
import { UsageError } from '../lib/process';
import { AbortedError, type ProbeChannel } from './channel';
import { runEdgeProbe } from './edge';
import { isPlaceholder, readTargets, type VerifyTargets } from './inputs';
import { launchProbeInstance, latestImageId, terminateProbeInstance, waitUntilRunning } from './instance';
import { outcomePassed, type ProbeOutcome } from './model';
import { checkIdentity, checkNetwork } from './preflight';
import { parseProbeOutput } from './results';
import { AL2023_CA_STORE, probeEnvironment, probeScript, type InstanceProbe } from './script';
import { PROBES_DIR, removePrefix, runPrefix, stageProbes } from './staging';

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

export interface StepRecord {
  readonly step: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly seconds: number;
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
  const step = async <T>(name: string, action: () => Promise<T>, detail: (value: T) => string = () => ''): Promise<T> => {
    const started = Date.now();
    options.log(`… ${name}`);
    try {
      const value = await action();
      report.steps.push({ step: name, ok: true, detail: detail(value), seconds: (Date.now() - started) / 1000 });
      return value;
    } catch (error) {
      report.steps.push({ step: name, ok: false, detail: (error as Error).message, seconds: (Date.now() - started) / 1000 });
      throw error;
    }
  };

  // Preflight: nothing is created until every one of these holds.
  const identity = await step('credentials', () => checkIdentity(clients.sts, options.env, options.expectedAccount), (i) => `account ${i.account}`);
  (report as { account?: string }).account = identity.account;
  const targets = await step('inputs from SSM', () => readTargets(clients.ssm, options.environment), (t) => `VPC ${t.vpcId}`);
  const probes = runnableProbes(targets, options.probes, report);
  const services = await step('VPC endpoints', () => checkNetwork(clients.ec2, options.environment, options.region, targets, probes), (s) => `interface endpoints: ${s.join(', ')}`);
  if (probes.includes('postgres') && options.rdsCaBundle === undefined && options.channel.name === 'run-command') {
    throw new UsageError('The PostgreSQL probe needs the RDS CA bundle: pass --rds-ca-bundle <file>, or let verify download it from truststore.pki.rds.amazonaws.com.');
  }
  const imageId = options.imageId ?? (await step('image', () => latestImageId(clients.ssm), (id) => id));

  let instanceId: string | undefined;
  try {
    if (probes.length > 0) {
      const fetchFrom = await step('stage probes', () => stageProbes(clients.s3, targets.backupsBucket, options.runId, options.rdsCaBundle), (p) => `s3://${targets.backupsBucket}/${p}`);
      instanceId = await step(
        'launch probe instance',
        () =>
          launchProbeInstance(clients.ec2, {
            environment: options.environment,
            runId: options.runId,
            subnetId: targets.privateSubnetIds[0],
            securityGroupId: targets.appSecurityGroupId,
            instanceProfileName: targets.instanceProfileName,
            instanceType: options.instanceType,
            imageId,
            maxLifetimeMinutes: options.maxLifetimeMinutes,
          }),
        (id) => `${id} in ${targets.privateSubnetIds[0]}, security group ${targets.appSecurityGroupId}`,
      );
      (report as { instanceId?: string }).instanceId = instanceId;
      const id = instanceId;
      await step('instance running', () => waitUntilRunning(clients.ec2, id, options.timeouts.runningMs, options.signal));
      await step('reachable through Systems Manager', () => options.channel.waitUntilReachable(id, options.timeouts.reachableMs, options.signal));
      const onInstance = options.channel.name === 'run-command';
      const workDir = onInstance ? `/tmp/showcore-verify-${options.runId}` : PROBES_DIR;
      const env = {
        ...probeEnvironment(targets, {
          region: options.region,
          runId: options.runId,
          probes,
          endpointServices: services.filter((s) => s === 'ssm' || s === 'logs' || s === 'secretsmanager'),
          dbCaBundle: `${workDir}/rds-ca-bundle.pem`,
          redisCaBundle: AL2023_CA_STORE,
          timeoutSeconds: options.timeouts.probeSeconds,
        }),
        ...emulatorS3(options.env, targets.backupsBucket),
        ...options.probeEnvOverrides,
      };
      const script = probeScript({ workDir, fetchFrom: onInstance ? `s3://${targets.backupsBucket}/${fetchFrom}` : undefined, installClients: onInstance, env, removeWorkDir: onInstance });
      const inside = await step(
        'probes inside the VPC',
        async () => {
          const ran = await options.channel.run(id, script, { timeoutSeconds: options.timeouts.runSeconds, signal: options.signal });
          const results = parseProbeOutput(ran.stdout);
          const problems: string[] = [];
          if (ran.exitCode === null) problems.push(`the probe run did not finish (${ran.status}) within ${options.timeouts.runSeconds} s`);
          if (!/^SUMMARY /m.test(ran.stdout)) problems.push(`the probe runner printed no summary (${ran.status}; stderr: ${ran.stderr.trim().slice(0, 300) || 'empty'})`);
          return { results, exitCode: ran.exitCode, problems } satisfies ProbeOutcome;
        },
        (o) => `${o.results.filter((r) => r.passed).length}/${o.results.length} checks passed`,
      );
      (report as { inside?: ProbeOutcome }).inside = inside;
    }
  } catch (error) {
    if (error instanceof AbortedError) report.steps.push({ step: 'interrupted', ok: false, detail: 'Ctrl-C: cleaning up', seconds: 0 });
    else if (!(error instanceof UsageError) && report.steps.at(-1)?.ok !== false) report.steps.push({ step: 'error', ok: false, detail: (error as Error).message, seconds: 0 });
    if (error instanceof UsageError || error instanceof AbortedError) throw error;
  } finally {
    if (instanceId) {
      const id = instanceId;
      await step('terminate probe instance', () => terminateProbeInstance(clients.ec2, id), () => id).then(
        () => (report.cleanup.terminated = true),
        (error) => report.cleanup.problems.push((error as Error).message),
      );
    }
    if (probes.length > 0) {
      await removePrefix(clients.s3, targets.backupsBucket, runPrefix(options.runId)).then(
        (n) => (report.cleanup.removedObjects += n),
        (error) => report.cleanup.problems.push(`could not remove s3://${targets.backupsBucket}/${runPrefix(options.runId)}: ${(error as Error).message}`),
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
            env: options.edgeEnv,
          }),
        (o) => `${o.results.filter((r) => r.passed).length}/${o.results.length} checks passed`,
      );
      (report as { edge?: ProbeOutcome }).edge = edge;
    }
  }

  const outcomes = [report.inside, report.edge].filter((o): o is ProbeOutcome => o !== undefined);
  report.passed =
    outcomes.length > 0 &&
    outcomes.every(outcomePassed) &&
    report.steps.every((s) => s.ok) &&
    report.cleanup.problems.length === 0 &&
    (instanceId === undefined || report.cleanup.terminated);
  return report;
}

/** The selected probes minus those whose target does not exist in this environment (recorded as skipped). */
function runnableProbes(targets: VerifyTargets, selected: readonly InstanceProbe[], report: VerifyReport): InstanceProbe[] {
  return selected.filter((probe) => {
    const value = probe === 'postgres' ? targets.dbHost : probe === 'redis' ? targets.redisHost : undefined;
    if (value !== undefined && isPlaceholder(value)) {
      report.skipped.push({ probe, reason: `the data tier published "${value}" for its endpoint` });
      return false;
    }
    return true;
  });
}

/**
 * Against the emulator the S3 probe addresses moto path-style with the emulator's credentials (the only place it
 * runs on this machine with keys in its environment; on an instance it takes the role's through IMDSv2).
 */
function emulatorS3(env: NodeJS.ProcessEnv, bucket: string): Record<string, string> {
  if (!env.AWS_ENDPOINT_URL) return {};
  return {
    PROBE_S3_ENDPOINT: `${env.AWS_ENDPOINT_URL.replace(/\/$/, '')}/${bucket}`,
    AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID ?? 'testing',
    AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY ?? 'testing',
  };
}

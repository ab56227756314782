import type { EnvironmentName } from '@showcore/naming';
import { runsOnInstance, type ProbeChannel } from './channel';
import type { VerifyTargets } from './inputs';
import { findRunInstances, launchProbeInstance, terminateProbeInstance, waitUntilRunning } from './instance';
import { outcomeSummary, type ProbeOutcome } from './model';
import { parseProbeOutput } from './results';
import { AL2023_CA_STORE, probeEnvironment, probeScript, type InstanceProbe } from './script';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { S3Client } from '@aws-sdk/client-s3';
import { PROBES_DIR, removePrefix, runPrefix, stageProbes, type StagedProbes } from './staging';

/** How often, and how far apart, to look for an instance whose launch answer was lost (EC2 lists new ones late). */
const LOST_LAUNCH_LOOKUP = { attempts: 4, pauseMs: 2000 };

/** Records one named step of a run (its duration and outcome) around an action. */
export type Step = <T>(name: string, action: () => Promise<T>, detail?: (value: T) => string) => Promise<T>;

export interface StepRecord {
  readonly step: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly seconds: number;
}

/** A {@link Step} that logs `… <name>` and appends each outcome to `steps`. */
export function recordSteps(steps: StepRecord[], log: (line: string) => void): Step {
  return async <T>(name: string, action: () => Promise<T>, detail: (value: T) => string = () => ''): Promise<T> => {
    const started = Date.now();
    log(`… ${name}`);
    try {
      const value = await action();
      steps.push({ step: name, ok: true, detail: detail(value), seconds: (Date.now() - started) / 1000 });
      return value;
    } catch (error) {
      steps.push({ step: name, ok: false, detail: (error as Error).message, seconds: (Date.now() - started) / 1000 });
      throw error;
    }
  };
}

export interface SessionSettings {
  readonly environment: EnvironmentName;
  readonly region: string;
  /** The process environment of the clients (the emulator's endpoint and keys, when local). */
  readonly env: NodeJS.ProcessEnv;
  readonly runId: string;
  readonly instanceType: string;
  readonly imageId: string;
  readonly rdsCaBundle?: string;
  readonly maxLifetimeMinutes: number;
  readonly timeouts: { readonly runningMs: number; readonly reachableMs: number; readonly probeSeconds: number; readonly runSeconds: number };
  readonly channel: ProbeChannel;
  readonly probeEnvOverrides?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/**
 * One probe instance for the length of a run: staged probes, launch, wait until Run Command reaches it, any number
 * of probe runs, and a close() that terminates the instance and removes everything under `_verify/<run id>/` —
 * to be called in a `finally`, whatever happened before.
 */
export class ProbeSession {
  instanceId?: string;
  terminated = false;
  removedObjects = 0;
  readonly problems: string[] = [];
  private staged?: StagedProbes;
  private launchAttempted = false;
  private stagingStarted = false;

  constructor(
    private readonly clients: { readonly ec2: EC2Client; readonly s3: S3Client },
    private readonly settings: SessionSettings,
    private readonly targets: VerifyTargets,
    /** Interface endpoint services whose private DNS the endpoints probe checks. */
    private readonly endpointServices: readonly string[],
    private readonly step: Step,
  ) {}

  private get onInstance(): boolean {
    return runsOnInstance(this.settings.channel);
  }

  async open(): Promise<string> {
    const { settings, targets } = this;
    this.stagingStarted = true;
    this.staged = await this.step('stage probes', () => stageProbes(this.clients.s3, targets.backupsBucket, settings.runId, settings.rdsCaBundle), (p) => `s3://${targets.backupsBucket}/${p.prefix} (${p.files.length} files)`);
    this.launchAttempted = true;
    this.instanceId = await this.step(
      'launch probe instance',
      () =>
        launchProbeInstance(this.clients.ec2, {
          environment: settings.environment,
          runId: settings.runId,
          subnetId: targets.privateSubnetIds[0],
          securityGroupId: targets.appSecurityGroupId,
          instanceProfileName: targets.instanceProfileName,
          instanceType: settings.instanceType,
          imageId: settings.imageId,
          maxLifetimeMinutes: settings.maxLifetimeMinutes,
        }),
      (id) => `${id} in ${targets.privateSubnetIds[0]}, security group ${targets.appSecurityGroupId}`,
    );
    const id = this.instanceId;
    await this.step('instance running', () => waitUntilRunning(this.clients.ec2, id, settings.timeouts.runningMs, settings.signal));
    await this.step('reachable through Systems Manager', () => settings.channel.waitUntilReachable(id, settings.timeouts.reachableMs, settings.signal));
    return id;
  }

  /** Runs the probes on the instance; `targetOverrides` points them elsewhere (a restored copy, say). */
  async run(name: string, probes: readonly InstanceProbe[], targetOverrides: Readonly<Record<string, string>> = {}): Promise<ProbeOutcome> {
    const { settings, targets } = this;
    const id = this.instanceId;
    if (!id || this.staged === undefined) throw new Error('ProbeSession.run() before open()');
    const workDir = this.onInstance ? `/tmp/showcore-verify-${settings.runId}` : PROBES_DIR;
    const env = {
      ...probeEnvironment(targets, {
        region: settings.region,
        runId: settings.runId,
        probes,
        endpointServices: this.endpointServices,
        dbCaBundle: `${workDir}/rds-ca-bundle.pem`,
        redisCaBundle: AL2023_CA_STORE,
        timeoutSeconds: settings.timeouts.probeSeconds,
      }),
      // Only ever for this machine's shell: never the operator's keys into a Run Command (its history keeps them).
      ...(this.onInstance ? {} : emulatorS3(settings.env, targets.backupsBucket)),
      ...settings.probeEnvOverrides,
      ...targetOverrides,
    };
    const script = probeScript({ workDir, fetchFrom: this.onInstance ? { bucket: targets.backupsBucket, ...this.staged } : undefined, installClients: this.onInstance, env, removeWorkDir: this.onInstance });
    return this.step(
      name,
      async () => {
        const ran = await settings.channel.run(id, script, { timeoutSeconds: settings.timeouts.runSeconds, signal: settings.signal });
        const problems: string[] = [];
        if (ran.exitCode === null) problems.push(`the probe run did not finish (${ran.status}) within ${settings.timeouts.runSeconds} s`);
        if (!/^SUMMARY /m.test(ran.stdout)) problems.push(`the probe runner printed no summary (${ran.status}; stderr: ${ran.stderr.trim().slice(0, 300) || 'empty'})`);
        return { results: parseProbeOutput(ran.stdout), exitCode: ran.exitCode, problems } satisfies ProbeOutcome;
      },
      outcomeSummary,
    );
  }

  /** Terminates the instance and removes the run's objects; records problems instead of throwing. */
  async close(): Promise<void> {
    if (!this.instanceId && this.launchAttempted) {
      // RunInstances may have started an instance whose answer never arrived (a dropped connection, Ctrl-C):
      // find it by the run's tag rather than leave it to its dead man's switch.
      await findRunInstances(this.clients.ec2, this.settings.runId, LOST_LAUNCH_LOOKUP).then(
        (ids) => (this.instanceId = ids[0]),
        (error) => this.problems.push(`could not look for an instance of run ${this.settings.runId} (${(error as Error).message}): check for instances tagged showcore:run-id=${this.settings.runId}`),
      );
    }
    if (this.instanceId) {
      const id = this.instanceId;
      await this.step('terminate probe instance', () => terminateProbeInstance(this.clients.ec2, id), () => id).then(
        () => (this.terminated = true),
        (error) => this.problems.push((error as Error).message),
      );
    }
    // Also after a staging that failed half-way: what it did upload is under the run's prefix.
    if (this.stagingStarted) {
      const prefix = runPrefix(this.settings.runId);
      await removePrefix(this.clients.s3, this.targets.backupsBucket, prefix).then(
        (n) => (this.removedObjects += n),
        (error) => this.problems.push(`could not remove s3://${this.targets.backupsBucket}/${prefix}: ${(error as Error).message}`),
      );
    }
  }
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

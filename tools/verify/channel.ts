import { spawn } from 'node:child_process';
import {
  CancelCommandCommand,
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  SendCommandCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';

/** What one shell script run on the probe instance returned. */
export interface ScriptRun {
  /** Run Command's status (Success, Failed, TimedOut, …), or TimedOut when this side gave up waiting. */
  readonly status: string;
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly timeoutSeconds: number;
  readonly signal?: AbortSignal;
}

/** How the orchestration reaches the probe instance: Run Command in AWS, or this machine's shell (tests, emulator). */
export interface ProbeChannel {
  readonly name: string;
  /** Resolves when the instance can take commands; throws {@link UnreachableError} after `timeoutMs`. */
  waitUntilReachable(instanceId: string, timeoutMs: number, signal?: AbortSignal): Promise<void>;
  run(instanceId: string, script: string, options: RunOptions): Promise<ScriptRun>;
}

export class UnreachableError extends Error {
  constructor(instanceId: string, timeoutMs: number) {
    super(
      `The probe instance ${instanceId} did not register with Systems Manager within ${Math.round(timeoutMs / 1000)} s. Check: ` +
        'the interface endpoints ssm, ssmmessages and ec2messages exist in its subnet\'s AZ with private DNS on; the endpoint ' +
        'security group admits HTTPS (443) from the application security group; the application security group allows ' +
        'outbound HTTPS; the instance profile\'s role has AmazonSSMManagedInstanceCore (npx nx run ops:deploy).',
    );
    this.name = 'UnreachableError';
  }
}

export class AbortedError extends Error {
  constructor() {
    super('Interrupted.');
    this.name = 'AbortedError';
  }
}

/** Waits `ms`, or rejects with {@link AbortedError} as soon as the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const RUN_COMMAND = 'run-command';

/** True when the channel runs the probes on the probe instance (Run Command), not on this machine. */
export function runsOnInstance(channel: ProbeChannel): boolean {
  return channel.name === RUN_COMMAND;
}

const TERMINAL = new Set(['Success', 'Failed', 'TimedOut', 'Cancelled', 'Cancelling', 'DeliveryTimedOut', 'ExecutionTimedOut', 'Undeliverable', 'Terminated', 'InvalidPlatform', 'AccessDenied']);

/** Run Command (AWS-RunShellScript) through the SSM agent: the only way into an instance without SSH or a public IP. */
export class RunCommandChannel implements ProbeChannel {
  readonly name = RUN_COMMAND;

  constructor(
    private readonly ssm: SSMClient,
    private readonly pollMs = 5000,
  ) {}

  async waitUntilReachable(instanceId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = await this.ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [instanceId] }] }));
      if ((answer.InstanceInformationList ?? []).some((i) => i.InstanceId === instanceId && i.PingStatus === 'Online')) return;
      if (Date.now() + this.pollMs > deadline) throw new UnreachableError(instanceId, timeoutMs);
      await sleep(this.pollMs, signal);
    }
  }

  async run(instanceId: string, script: string, options: RunOptions): Promise<ScriptRun> {
    const sent = await this.ssm.send(
      new SendCommandCommand({
        InstanceIds: [instanceId],
        DocumentName: 'AWS-RunShellScript',
        Comment: 'ShowCore post-deploy verification probes',
        TimeoutSeconds: 60,
        Parameters: { commands: [script], executionTimeout: [String(options.timeoutSeconds)] },
      }),
    );
    const commandId = sent.Command?.CommandId as string;
    // A little longer than the agent's own execution timeout: the agent reports TimedOut itself first.
    const deadline = Date.now() + (options.timeoutSeconds + 60) * 1000;
    for (;;) {
      try {
        await sleep(this.pollMs, options.signal);
      } catch (error) {
        await this.cancel(commandId, instanceId);
        throw error;
      }
      try {
        const invocation = await this.ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }));
        if (TERMINAL.has(invocation.Status ?? '')) {
          return {
            status: invocation.Status as string,
            exitCode: invocation.ResponseCode === undefined || invocation.ResponseCode < 0 ? null : invocation.ResponseCode,
            stdout: invocation.StandardOutputContent ?? '',
            stderr: invocation.StandardErrorContent ?? '',
          };
        }
      } catch (error) {
        if ((error as { name?: string }).name !== 'InvocationDoesNotExist') throw error;
      }
      if (Date.now() > deadline) {
        await this.cancel(commandId, instanceId);
        return { status: 'TimedOut', exitCode: null, stdout: '', stderr: `no result after ${options.timeoutSeconds + 60} s; the command was cancelled` };
      }
    }
  }

  private async cancel(commandId: string, instanceId: string): Promise<void> {
    await this.ssm.send(new CancelCommandCommand({ CommandId: commandId, InstanceIds: [instanceId] })).catch(() => undefined);
  }
}

/**
 * Runs the script with this machine's Bash instead of on the instance: the emulator launches instances that never
 * run, so tests and `-c local` drive the same orchestration and probes against servers on the loopback interface.
 */
export class LocalShellChannel implements ProbeChannel {
  readonly name = 'local-shell';

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** Milliseconds before the "instance" answers; Infinity models one that never registers. */
    private readonly reachableAfterMs = 0,
  ) {}

  async waitUntilReachable(instanceId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.reachableAfterMs > timeoutMs) {
      await sleep(timeoutMs, signal);
      throw new UnreachableError(instanceId, timeoutMs);
    }
    await sleep(this.reachableAfterMs, signal);
  }

  run(_instanceId: string, script: string, options: RunOptions): Promise<ScriptRun> {
    return new Promise((resolve, reject) => {
      const child = spawn('bash', ['-c', script], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      const kill = (): void => {
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {
          /* already gone */
        }
      };
      const timer = setTimeout(() => {
        timedOut = true;
        kill();
      }, options.timeoutSeconds * 1000);
      const onAbort = (): void => {
        kill();
        reject(new AbortedError());
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (timedOut) resolve({ status: 'TimedOut', exitCode: null, stdout, stderr });
        else resolve({ status: code === 0 ? 'Success' : 'Failed', exitCode: code, stdout, stderr });
      });
    });
  }
}

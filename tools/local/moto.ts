import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { isLoopbackUrl, LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../lib/aws-target';
import { run, UsageError } from '../lib/process';

export const MOTO_INSTALL_HINT = "pip install 'moto[server]'";
const HOST = '127.0.0.1';

export interface Emulator {
  /** Endpoint for the SDK and the CDK CLI (host `localhost`, which S3 virtual-host addressing needs). */
  readonly endpoint: string;
  readonly port: number;
  /** True when this process started the emulator (and must stop it). */
  readonly owned: boolean;
  stop(): Promise<void>;
}

export function motoInstalled(command = 'moto_server'): boolean {
  return spawnSync(command, ['--help'], { stdio: 'ignore' }).status === 0;
}

/** A free TCP port on the loopback interface, starting from `preferred` (the port taken -> the next one). */
export async function freePort(preferred = 5000, attempts = 50): Promise<number> {
  for (let port = preferred; port < preferred + attempts; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, HOST, () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new UsageError(`No free port on ${HOST} between ${preferred} and ${preferred + attempts - 1}. Free one, or pass --endpoint.`);
}

/** One look at the emulator's own API: answers when moto serves `/moto-api/data.json`, else why not. */
export async function probeEmulator(endpoint: string, timeoutMs = 2000): Promise<{ answers: boolean; detail: string }> {
  try {
    const response = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(timeoutMs) });
    return { answers: response.ok, detail: `HTTP ${response.status}` };
  } catch (error) {
    return { answers: false, detail: (error as Error).message };
  }
}

/** Resolves when the emulator answers HTTP, or rejects after `timeoutMs`. */
export async function waitUntilReady(endpoint: string, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    const probe = await probeEmulator(endpoint);
    if (probe.answers) return;
    lastError = probe.detail;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new UsageError(`The AWS emulator at ${endpoint} did not answer within ${timeoutMs / 1000} s (${lastError}).`);
}

/**
 * Starts moto_server on a free loopback port (logging to `logFile`), or attaches to an emulator the user gives
 * (`endpoint`, which must be a loopback URL). Only the loopback interface is ever a target.
 */
export async function startEmulator(options: { endpoint?: string; logFile: string; preferredPort?: number; command?: string; keep?: boolean }): Promise<Emulator> {
  if (options.endpoint) {
    if (!isLoopbackUrl(options.endpoint)) {
      throw new UsageError(`--endpoint ${options.endpoint} is not a loopback address: the local run only talks to an emulator on 127.0.0.1/localhost.`);
    }
    const endpoint = options.endpoint.replace(/\/$/, '');
    await waitUntilReady(endpoint, 5000);
    return { endpoint, port: Number(new URL(endpoint).port), owned: false, stop: async () => undefined };
  }
  const command = options.command ?? 'moto_server';
  if (!motoInstalled(command)) {
    throw new UsageError(`moto is not installed (no \`${command}\` on PATH). Install it with: ${MOTO_INSTALL_HINT}`);
  }
  const port = await freePort(options.preferredPort ?? 5000);
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = fs.openSync(options.logFile, 'w');
  const child: ChildProcess = spawn(command, ['-H', HOST, '-p', String(port)], {
    stdio: ['ignore', log, log],
    env: { ...process.env, MOTO_ACCOUNT_ID: LOCAL_ACCOUNT_ID },
    // --keep: the emulator outlives this process (its own process group, not waited for).
    detached: options.keep === true,
  });
  if (options.keep) child.unref();
  const endpoint = `http://localhost:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new UsageError(`moto_server exited (code ${code}) before it was ready; see ${options.logFile}.`))),
  );
  await Promise.race([waitUntilReady(endpoint), exited]);
  return {
    endpoint,
    port,
    owned: true,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

/** Process environment for the SDK, the CDK CLI and Nx tasks talking to the emulator. */
export function emulatorEnv(endpoint: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    MOTO_ACCOUNT_ID: LOCAL_ACCOUNT_ID,
    CDK_DISABLE_CLI_TELEMETRY: 'true',
  };
}

/**
 * CloudFormation resource types the installed moto implements (asked from moto itself, so the answer follows
 * its version). Types outside this set are skipped by moto's CloudFormation with only a log warning.
 */
/**
 * The Python interpreter moto_server runs with (from its script's `#!` line, through pyenv when it is a shim), so
 * the question goes to the same moto the emulator is; `python3` on PATH may be another interpreter.
 */
export function motoPython(command = 'moto_server'): string {
  const located = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
  const candidates = [located];
  const viaPyenv = spawnSync('pyenv', ['which', command], { encoding: 'utf8' });
  if (viaPyenv.status === 0) candidates.unshift(viaPyenv.stdout.trim());
  for (const file of candidates.filter(Boolean)) {
    try {
      const first = fs.readFileSync(file, 'utf8').split('\n', 1)[0];
      const interpreter = /^#!\s*(\S*python[\d.]*)\s*$/.exec(first)?.[1];
      if (interpreter && fs.existsSync(interpreter)) return interpreter;
    } catch {
      // not readable: try the next candidate
    }
  }
  return 'python3';
}

export async function motoSupportedTypes(python = motoPython()): Promise<Set<string>> {
  const script = 'import json\nfrom moto.cloudformation.parsing import get_model_map, NULL_MODELS\nprint(json.dumps(sorted(list(get_model_map().keys()) + list(NULL_MODELS))))';
  // Importing every moto backend takes ~10 s: callers start this early and await it when needed.
  const result = await run(python, ['-c', script], { quiet: true });
  if (result.code !== 0) {
    throw new UsageError(`Could not ask moto which CloudFormation types it supports (${python} failed: ${result.stderr.trim().split('\n').pop()}). Is moto installed for ${python}? ${MOTO_INSTALL_HINT}`);
  }
  return new Set(JSON.parse(result.stdout));
}

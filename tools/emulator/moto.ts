import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '#tools/lib/aws-target';
import { run, UsageError } from '#tools/lib/process';
import { TOOLS_CACHE_DIR } from '#tools/lib/paths';
import { emulatorEndpoint, freePort, probeEmulator, type Liveness } from '#tools/lib/liveness';

export const MOTO_INSTALL_HINT = "pip install 'moto[server]'";
const HOST = '127.0.0.1';

export interface Emulator {
  /** Endpoint for the SDK and the CDK CLI (host `localhost`, which S3 virtual-host addressing needs). */
  readonly endpoint: string;
  readonly port: number;
  /** True when this process started the emulator (and must stop it). */
  readonly owned: boolean;
  /** How an emulator this process started ended before stop() was called (e.g. "exited (signal SIGKILL) ..."). */
  exitedEarly?(): string | undefined;
  stop(): Promise<void>;
}

export function motoInstalled(command = 'moto_server'): boolean {
  return spawnSync(command, ['--help'], { stdio: 'ignore' }).status === 0;
}

export { probeEmulator } from '#tools/lib/liveness';

/** Resolves when the emulator answers, or rejects after `timeoutMs` (or once `signal` aborts) naming what went wrong and the fix. */
export async function waitUntilReady(endpoint: string, timeoutMs = 20000, hint = '', signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: Liveness = { answers: false, detail: 'not asked yet', refused: false };
  while (Date.now() < deadline && !signal?.aborted) {
    last = await probeEmulator(endpoint);
    if (last.answers) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  const why = last.refused ? `nothing listens on port ${new URL(endpoint).port || 80} (connection refused)` : last.detail;
  throw new UsageError(`The AWS emulator at ${endpoint} did not answer within ${timeoutMs / 1000} s: ${why}.${hint}`);
}

/**
 * Starts moto_server on a free loopback port (logging to `logFile`), or attaches to an emulator the user gives
 * (`endpoint`, which must be a loopback URL). Only the loopback interface is ever a target.
 */
export async function startEmulator(options: {
  endpoint?: string;
  logFile: string;
  preferredPort?: number;
  command?: string;
  keep?: boolean;
}): Promise<Emulator> {
  if (options.endpoint) {
    const endpoint = emulatorEndpoint(options.endpoint, '--endpoint');
    const port = new URL(endpoint).port || '80';
    await waitUntilReady(
      endpoint,
      5000,
      ` Start one there (moto_server -H 127.0.0.1 -p ${port}), or drop --endpoint and \`npm start\` starts its own on a free port.`,
    );
    return { endpoint, port: Number(new URL(endpoint).port), owned: false, stop: async () => undefined };
  }
  const command = options.command ?? 'moto_server';
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
  // Whether moto is installed is asked only when it did not start: \`moto_server --help\` imports moto's server
  // (~0.7 s of CPU), which every start paid before, and a pyenv shim on PATH exists whether moto is installed or not.
  const notStarted = (what: string) =>
    motoInstalled(command)
      ? new UsageError(`moto_server ${what} before it was ready; see ${options.logFile}.`)
      : new UsageError(`moto is not installed (no \`${command}\` on PATH). Install it with: ${MOTO_INSTALL_HINT}`);
  // Only while it starts: once it is ready, its exit (stop() included) is not a failure to start, and asking
  // `moto_server --help` then cost every stop ~1 s of CPU and wall time for an answer nobody reads.
  let starting = true;
  const exited = new Promise<never>((_, reject) => {
    child.on('error', (error) => starting && reject(notStarted(`could not be started (${error.message})`)));
    child.once('exit', (code) => starting && reject(notStarted(`exited (code ${code})`)));
  });
  // Stop asking once the process is gone: the answer is already known.
  const waiting = new AbortController();
  try {
    await Promise.race([waitUntilReady(endpoint, undefined, undefined, waiting.signal), exited]);
  } finally {
    starting = false;
    waiting.abort();
  }
  let stopping = false;
  let ended: string | undefined;
  child.once('exit', (code, signal) => {
    if (!stopping) ended = `exited (${signal ? `signal ${signal}` : `code ${code}`}) while the run still needed it; see ${options.logFile}`;
  });
  return {
    endpoint,
    port,
    owned: true,
    exitedEarly: () => ended,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        // Killed by a signal, a child has a signalCode and no exitCode; waiting for its 'exit' would wait forever,
        // and an empty event loop would end this process with code 0 and no summary.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
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

/**
 * The CloudFormation resource types moto's CloudFormation creates (the rest it skips), as the Python that runs
 * moto_server sees them.
 */
export async function motoSupportedTypes(python = motoPython(), cacheDir = TOOLS_CACHE_DIR): Promise<Set<string>> {
  // The answer depends only on the moto that `python` imports: asked once per moto version and interpreter (importing
  // every backend takes ~10 s of CPU), then read back from node_modules/.cache, which a fresh `npm install` empties.
  const version = await run(python, ['-c', "import importlib.metadata as m; print(m.version('moto'))"], { quiet: true });
  const key = version.code === 0 && /^[\w.+-]+$/.test(version.stdout.trim()) ? version.stdout.trim() : undefined;
  const cacheFile = key
    ? path.join(cacheDir, `moto-${key}-${createHash('sha256').update(python).digest('hex').slice(0, 12)}-cloudformation-types.json`)
    : undefined;
  if (cacheFile && fs.existsSync(cacheFile)) {
    try {
      return new Set(JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as string[]);
    } catch {
      // unreadable (e.g. cut short): ask moto again below
    }
  }
  const script =
    'import json\nfrom moto.cloudformation.parsing import get_model_map, NULL_MODELS\nprint(json.dumps(sorted(list(get_model_map().keys()) + list(NULL_MODELS))))';
  // Importing every moto backend takes ~10 s: callers start this early and await it when needed.
  const result = await run(python, ['-c', script], { quiet: true });
  if (result.code !== 0) {
    throw new UsageError(
      `Could not ask moto which CloudFormation types it supports (${python} failed: ${result.stderr.trim().split('\n').pop()}). Is moto installed for ${python}? ${MOTO_INSTALL_HINT}`,
    );
  }
  const types = JSON.parse(result.stdout) as string[];
  if (cacheFile) {
    // Written whole under a temporary name, then renamed: a process reading it at the same time sees all or nothing.
    fs.mkdirSync(cacheDir, { recursive: true });
    const partial = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(partial, JSON.stringify(types));
    fs.renameSync(partial, cacheFile);
  }
  return new Set(types);
}

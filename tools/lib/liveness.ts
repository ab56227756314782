/**
 * Is the local emulator alive? Asked with STS GetCallerIdentity: moto answers it from constant data in
 * milliseconds whatever it holds. `/moto-api/data.json` (the old question) serializes every backend and answers
 * HTTP 500 after seconds once the data tier is deployed, which made a healthy emulator look dead and turned every
 * deploy error into "the emulator stopped answering".
 *
 * Only loopback addresses are ever asked: the guard runs before any request, on every path, error paths included.
 */
import * as net from 'node:net';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { isLoopbackUrl, LOCAL_REGION } from './aws-target';
import { UsageError } from './process';

const LOOPBACK_HOST = '127.0.0.1';

/** A free TCP port on the loopback interface, starting from `preferred` (the port taken -> the next one). */
export async function freePort(preferred = 5000, attempts = 50): Promise<number> {
  for (let port = preferred; port < preferred + attempts; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, LOOPBACK_HOST, () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new UsageError(`No free port on ${LOOPBACK_HOST} between ${preferred} and ${preferred + attempts - 1}. Free one, or pass --endpoint.`);
}

export interface Liveness {
  readonly answers: boolean;
  /** Why not, in a few words (e.g. "connect ECONNREFUSED 127.0.0.1:5302"), or what answered. */
  readonly detail: string;
  /** True when nothing listens on the port (connection refused). */
  readonly refused: boolean;
}

/**
 * The emulator endpoint a person typed, checked before anything is sent: a URL with a scheme, on the loopback
 * interface. `source` names where it came from (e.g. `--endpoint`, `AWS_ENDPOINT_URL`) for the message.
 */
export function emulatorEndpoint(value: string, source: string): string {
  const trimmed = value.trim().replace(/\/+$/, '');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw new UsageError(`${source}=${value} has no scheme (http://). Pass ${source}=http://${trimmed.replace(/^\/+/, '')}.`);
  }
  if (!/^https?:\/\//i.test(trimmed)) {
    throw new UsageError(`${source}=${value} is not an http(s) URL. Pass the emulator's URL, e.g. ${source}=http://localhost:5000.`);
  }
  if (!isLoopbackUrl(trimmed)) {
    throw new UsageError(
      `${source}=${value} is not a loopback address: the local run only talks to an emulator on 127.0.0.1/localhost. Pass e.g. ${source}=http://localhost:5000.`,
    );
  }
  return trimmed;
}

/** Throws, sending nothing, unless `endpoint` is on the loopback interface. */
export function assertLoopback(endpoint: string, what: string): void {
  if (!isLoopbackUrl(endpoint)) {
    throw new UsageError(`Refusing to ${what} at ${endpoint}: it is not a loopback address, and local tools only talk to 127.0.0.1/localhost.`);
  }
}

/** One quick question to the emulator at `endpoint` (a loopback URL, else a UsageError and no request). */
export async function probeEmulator(endpoint: string, timeoutMs = 3000): Promise<Liveness> {
  assertLoopback(endpoint, 'ask whether an emulator answers');
  const sts = new STSClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
  });
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(timeoutMs) });
    return { answers: true, detail: `account ${identity.Account}`, refused: false };
  } catch (error) {
    const err = error as { code?: string; name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const refused = err.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(err.message ?? '');
    // Any HTTP answer (even an error document) means something is alive and talking; only silence is death.
    if (err.$metadata?.httpStatusCode !== undefined) return { answers: true, detail: `HTTP ${err.$metadata.httpStatusCode}`, refused: false };
    return { answers: false, detail: err.code ?? err.message ?? err.name ?? 'no answer', refused };
  } finally {
    sts.destroy();
  }
}

/** True only when `endpoint` is a loopback URL whose emulator no longer answers (never asks anything else). */
export async function emulatorGoneAt(endpoint: string | undefined): Promise<boolean> {
  if (!endpoint || !isLoopbackUrl(endpoint)) return false;
  return !(await probeEmulator(endpoint)).answers;
}

export interface EmulatorWatch {
  /** Aborted once (and only once) the emulator is gone: pass it to the process that talks to the emulator. */
  readonly signal: AbortSignal;
  readonly stop: () => void;
}

/**
 * Watches a loopback emulator while something long-running talks to it, and aborts `signal` once it is gone:
 * at once when nothing listens on its port any more, or after `silentLimit` questions in a row without an answer.
 * The CDK CLI retries a refused connection for about 45 s before it gives up; with the watch, a deploy against a
 * dead emulator stops within a second or two. A non-loopback endpoint is never asked: its signal never aborts.
 */
export function watchEmulator(endpoint: string | undefined, options: { intervalMs?: number; silentLimit?: number; timeoutMs?: number } = {}): EmulatorWatch {
  const controller = new AbortController();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  if (endpoint && isLoopbackUrl(endpoint)) {
    const intervalMs = options.intervalMs ?? 1000;
    const silentLimit = options.silentLimit ?? 5;
    let silent = 0;
    const tick = async () => {
      const liveness = await probeEmulator(endpoint, options.timeoutMs ?? 3000);
      if (stopped) return;
      silent = liveness.answers ? 0 : silent + 1;
      if (liveness.refused || silent >= silentLimit) {
        controller.abort(new Error(`the emulator at ${endpoint} stopped answering (${liveness.detail})`));
        return;
      }
      timer = setTimeout(tick, intervalMs);
    };
    timer = setTimeout(tick, intervalMs);
  }
  return {
    signal: controller.signal,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

import { spawn, type SpawnOptions } from 'node:child_process';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command, streaming its output unless `quiet`, and resolves with its exit code and output.
 * Never rejects on a non-zero exit: callers decide what a failure means.
 */
export function run(command: string, args: readonly string[], options: SpawnOptions & { quiet?: boolean } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk;
      if (!options.quiet) process.stdout.write(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk;
      if (!options.quiet) process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** A user-facing failure: the message is printed without a stack trace and the process exits 1. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The SDK warns on every client that Node 20 support ends in 2027; the README's prerequisites say so once. */
export function quietSdkNodeWarnings(): void {
  const emitWarning = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: any[]) => {
    const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
    if (type === 'NodeVersionSupportWarning' || String(warning).includes('NodeVersionSupportWarning')) return;
    emitWarning(warning, ...rest);
  }) as typeof process.emitWarning;
}

/** The value of `parse`, or its error (a library's plain Error, e.g. a bad environment name) as a UsageError. */
export function asUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Runs a script's main function: prints a UsageError's (or any error's) message and exits non-zero. */
export function runMain(main: () => Promise<number | void>): void {
  quietSdkNodeWarnings();
  let settled = false;
  // Node ends a process whose event loop empties with code 0, even while `main` still awaits something that can
  // no longer happen (a child that died unseen). That must never look like success.
  process.once('beforeExit', () => {
    if (settled) return;
    console.error(
      '\nThe command ended before it finished: a step was waiting for something that can no longer happen (a process that died?). Nothing after that step ran. Run it again; with SHOWCORE_DEBUG=1 for details.\n',
    );
    process.exitCode = 1;
  });
  main().then(
    (code) => {
      settled = true;
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      settled = true;
      const err = error instanceof Error ? error : new Error(String(error));
      console.error(`\n${err.message}\n`);
      if (process.env.SHOWCORE_DEBUG && !(err instanceof UsageError)) console.error(err.stack);
      // A refusal carries its own code (3 for a refused change plan); every other failure is 1.
      const code = (err as { exitCode?: unknown }).exitCode;
      process.exitCode = typeof code === 'number' && code > 0 ? code : 1;
    },
  );
}

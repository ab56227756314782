/** How a probe reports: one `CheckResult` per check, as the shell probes' `PASS|FAIL <probe>.<check>` lines did. */
import { randomBytes } from 'node:crypto';
import type { CheckResult } from '../model';

export class Checks {
  readonly results: CheckResult[] = [];
  constructor(private readonly probe: string) {}

  pass(check: string, detail: string): void {
    this.results.push({ probe: this.probe, check, passed: true, detail });
  }

  fail(check: string, detail: string): void {
    this.results.push({ probe: this.probe, check, passed: false, detail });
  }
}

/** A unique, lowercase suffix for what a probe creates (a table, a key, an object). */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** One line of an error, for a detail: no newlines, bounded, never a stack. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${(error as { code?: string }).code ? `${(error as { code?: string }).code}: ` : ''}${error.message}` : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 200);
}

/** Rejects after `ms` with a message naming what took too long; the timer never keeps the process alive. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

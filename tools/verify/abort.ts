/** Ctrl-C during a run: the run stops, cleans up, and exits 130. */
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

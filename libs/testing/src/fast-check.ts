import fc from 'fast-check';

/** The environment variable that fixes the seed of every property test (the one a failing run printed). */
export const FAST_CHECK_SEED_VARIABLE = 'SHOWCORE_FC_SEED';

/**
 * The seed of this test process: SHOWCORE_FC_SEED when set (to reproduce a failure), else a fresh random one, so
 * successive runs explore different cases. A value that is not a 32-bit integer is refused, naming it.
 */
export function fastCheckSeed(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[FAST_CHECK_SEED_VARIABLE]?.trim();
  if (!raw) return (Math.random() * 0x100000000) ^ 0;
  if (!/^-?\d+$/.test(raw) || Number(raw) !== (Number(raw) | 0)) {
    throw new Error(`${FAST_CHECK_SEED_VARIABLE}="${raw}" is not a 32-bit integer seed. Pass the seed a failing property test printed, e.g. ${FAST_CHECK_SEED_VARIABLE}=-1183927431, or unset it for a random one.`);
  }
  return Number(raw);
}

/** What a failing property prints under fast-check's own report: the seed, the path, and the command to replay it. */
export function reproduceHint(seed: number, path: string | undefined): string {
  return (
    `Reproduce with ${FAST_CHECK_SEED_VARIABLE}=${seed} (every property of the test file then runs with this seed)` +
    `${path ? `; to replay only the failing case, pass { seed: ${seed}, path: "${path}" } to that fc.assert` : ''}.`
  );
}

/**
 * Makes every fc.assert/fc.check of the process run with one seed (printed on failure with how to replay it).
 * Loaded for every project by the Jest set-up; returns the seed.
 */
export function configureFastCheck(seed: number = fastCheckSeed()): number {
  fc.configureGlobal({
    ...fc.readConfigureGlobal(),
    seed,
    reporter: (details) => {
      if (!details.failed) return;
      throw new Error(`${fc.defaultReportMessage(details) ?? 'Property failed'}\n\n${reproduceHint(details.seed, details.counterexamplePath ?? undefined)}`);
    },
  });
  return seed;
}

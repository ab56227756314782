import fc from 'fast-check';

/** The environment variable that fixes the seed of every property test (the one a failing run printed). */
export const FAST_CHECK_SEED_VARIABLE = 'SHOWCORE_FC_SEED';

/**
 * The seed `npm test` and CI use when SHOWCORE_FC_SEED is unset: fixed, so a check passes or fails on the code
 * alone, never on the luck of a draw (a red run that the next run turns green would block everyone for nothing).
 * Exploring other cases is a deliberate act: SHOWCORE_FC_SEED=random.
 */
export const DEFAULT_FAST_CHECK_SEED = 20261206;

/**
 * The seed of this test process: SHOWCORE_FC_SEED when set to an integer (to reproduce a failure), a fresh random
 * one when set to `random` (to explore other cases; a failure prints it), else DEFAULT_FAST_CHECK_SEED. Any other
 * value is refused, naming it.
 */
export function fastCheckSeed(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[FAST_CHECK_SEED_VARIABLE]?.trim();
  if (!raw) return DEFAULT_FAST_CHECK_SEED;
  if (raw === 'random') return (Math.random() * 0x100000000) ^ 0;
  if (!/^-?\d+$/.test(raw) || Number(raw) !== (Number(raw) | 0)) {
    throw new Error(
      `${FAST_CHECK_SEED_VARIABLE}="${raw}" is not a 32-bit integer seed nor \`random\`. Pass the seed a failing property test printed, e.g. ${FAST_CHECK_SEED_VARIABLE}=-1183927431, ${FAST_CHECK_SEED_VARIABLE}=random to explore other cases, or unset it for the fixed seed CI uses.`,
    );
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

import fc from 'fast-check';
import { configureFastCheck, DEFAULT_FAST_CHECK_SEED, FAST_CHECK_SEED_VARIABLE, fastCheckSeed, reproduceHint } from '../src/fast-check';

describe('the shared fast-check configuration', () => {
  const before = fc.readConfigureGlobal();
  afterEach(() => fc.configureGlobal(before));

  it('is loaded for every test file: property tests run with one known seed', () => {
    expect(typeof before.seed).toBe('number');
    expect(fc.check(fc.property(fc.integer(), () => true)).seed).toBe(before.seed);
  });

  it('takes the seed from SHOWCORE_FC_SEED, and refuses one that is not a 32-bit integer, naming it', () => {
    expect(fastCheckSeed({ [FAST_CHECK_SEED_VARIABLE]: '-1183927431' })).toBe(-1183927431);
    expect(() => fastCheckSeed({ [FAST_CHECK_SEED_VARIABLE]: 'abc' })).toThrow('SHOWCORE_FC_SEED="abc" is not a 32-bit integer seed nor `random`.');
    expect(() => fastCheckSeed({ [FAST_CHECK_SEED_VARIABLE]: '99999999999' })).toThrow(
      'SHOWCORE_FC_SEED="99999999999" is not a 32-bit integer seed nor `random`.',
    );
  });

  it('uses one fixed seed when SHOWCORE_FC_SEED is unset, so a run never passes or fails by the luck of a draw', () => {
    expect(fastCheckSeed({})).toBe(DEFAULT_FAST_CHECK_SEED);
    expect(fastCheckSeed({ [FAST_CHECK_SEED_VARIABLE]: ' ' })).toBe(DEFAULT_FAST_CHECK_SEED);
    if (!process.env[FAST_CHECK_SEED_VARIABLE]) expect(before.seed).toBe(DEFAULT_FAST_CHECK_SEED);
  });

  it('draws a fresh 32-bit seed only when asked with SHOWCORE_FC_SEED=random', () => {
    const seeds = new Set(Array.from({ length: 8 }, () => fastCheckSeed({ [FAST_CHECK_SEED_VARIABLE]: 'random' })));
    for (const seed of seeds) expect(seed).toBe(seed | 0);
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('replays exactly the same cases with the same seed', () => {
    const seen = (seed: number) => {
      configureFastCheck(seed);
      const values: number[] = [];
      fc.assert(
        fc.property(fc.integer(), (n) => void values.push(n)),
        { numRuns: 20 },
      );
      return values;
    };
    expect(seen(42)).toEqual(seen(42));
    expect(seen(42)).not.toEqual(seen(43));
  });

  it('prints the seed, the path and how to reproduce when a property fails', () => {
    configureFastCheck(7);
    let message = '';
    try {
      fc.assert(fc.property(fc.integer({ min: 0, max: 1000 }), (n) => n < 500));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/Property failed after \d+ tests\n\{ seed: 7, path: "[\d:]+", endOnFailure: true \}/);
    expect(message).toContain('Counterexample: [500]');
    expect(message).toMatch(
      /Reproduce with SHOWCORE_FC_SEED=7 \(every property of the test file then runs with this seed\); to replay only the failing case, pass \{ seed: 7, path: "[\d:]+" \} to that fc.assert\./,
    );
  });

  it('words the hint without a path when there is none', () => {
    expect(reproduceHint(3, undefined)).toBe('Reproduce with SHOWCORE_FC_SEED=3 (every property of the test file then runs with this seed).');
  });
});

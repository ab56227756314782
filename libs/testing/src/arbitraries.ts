import fc from 'fast-check';
import { ENVIRONMENTS, type EnvironmentName } from '@showcore/naming';

/** Any valid environment name. */
export const environmentName = (): fc.Arbitrary<EnvironmentName> => fc.constantFrom(...ENVIRONMENTS);

/** Strings that are not environment names (for rejection tests). */
export const unknownEnvironmentName = (): fc.Arbitrary<string> =>
  fc.string({ minLength: 0, maxLength: 12 }).filter((s) => !(ENVIRONMENTS as readonly string[]).includes(s));

/** A valid tag value: 1–256 characters AWS accepts. */
export const tagValue = (): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom(...'abcXYZ019 _.:/=+-@'.split('')), { minLength: 1, maxLength: 256 })
    .map((chars) => chars.join(''))
    .filter((s) => s.trim().length > 0);

/** A /16–/24 private IPv4 network in 10.0.0.0/8, as a CIDR string. */
export const privateVpcCidr = (): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 16, max: 20 })).map(([second, prefix]) => `10.${second}.0.0/${prefix}`);

/**
 * A configuration derived from a valid base by overriding some fields with arbitrary valid values:
 * property tests state what must hold for every such configuration.
 */
export function configVariant<T extends object>(base: T, overrides: { [K in keyof T]?: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  const keys = Object.keys(overrides) as (keyof T)[];
  const record = Object.fromEntries(keys.map((k) => [k, fc.option(overrides[k] as fc.Arbitrary<unknown>, { nil: undefined })]));
  return fc.record(record as Record<string, fc.Arbitrary<unknown>>).map((chosen) => {
    const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(chosen)) if (v !== undefined) result[k] = v;
    return result as T;
  });
}

import fc from 'fast-check';
import { applyOverrides, loadTierConfig, type TierConfigDefinition } from '../src/tier-config';

interface Sample {
  readonly name: string;
  readonly list: readonly string[];
  readonly nested: { readonly a: number; readonly b: number; readonly deeper: { readonly x: boolean; readonly y: boolean } };
}

const base: Sample = { name: 'base', list: ['a', 'b'], nested: { a: 1, b: 2, deeper: { x: true, y: false } } };

describe('applyOverrides', () => {
  it('merges nested groups field by field and replaces arrays whole', () => {
    expect(applyOverrides(base, { list: ['z'], nested: { b: 3, deeper: { y: true } } })).toEqual({
      name: 'base',
      list: ['z'],
      nested: { a: 1, b: 3, deeper: { x: true, y: true } },
    });
  });

  it('never changes the base and ignores undefined overrides', () => {
    const copy = JSON.parse(JSON.stringify(base));
    applyOverrides(base, { name: undefined, nested: { a: 9 } });
    expect(base).toEqual(copy);
    expect(applyOverrides(base, { name: undefined }).name).toBe('base');
  });

  it('keeps every field that no override names', () => {
    fc.assert(
      fc.property(fc.option(fc.integer(), { nil: undefined }), fc.option(fc.boolean(), { nil: undefined }), (a, y) => {
        const merged = applyOverrides(base, { nested: { a, deeper: { y } } });
        expect(merged.nested.b).toBe(2);
        expect(merged.nested.deeper.x).toBe(true);
        expect(merged.nested.a).toBe(a ?? 1);
        expect(merged.nested.deeper.y).toBe(y ?? false);
      }),
    );
  });
});

describe('loadTierConfig', () => {
  const seen: string[] = [];
  const definition: TierConfigDefinition<Sample, 'dev' | 'prod'> = {
    source: 'apps/sample/src/config',
    environmentConfig: (environment) => ({ ...base, name: environment }),
    profiles: { hardened: { nested: { a: 100 } } },
    validate: (config, _environment, source) => {
      seen.push(source);
      return config;
    },
  };

  it('returns the environment values, validated, naming the source', () => {
    expect(loadTierConfig(definition, 'prod').name).toBe('prod');
    expect(seen.pop()).toBe('apps/sample/src/config (environment "prod")');
  });

  it('applies a named profile on top', () => {
    expect(loadTierConfig(definition, 'dev', 'hardened').nested).toEqual({ a: 100, b: 2, deeper: { x: true, y: false } });
    expect(seen.pop()).toBe('apps/sample/src/config (environment "dev", profile "hardened")');
  });

  it('rejects an unknown profile, listing the choices', () => {
    expect(() => loadTierConfig(definition, 'dev', 'paranoid')).toThrow(
      'Unknown configuration profile "paranoid" (from the CDK context "profile"). Expected one of: hardened. Pass one with -c profile=<name>, or leave it out for the environment\'s own values.',
    );
  });
});

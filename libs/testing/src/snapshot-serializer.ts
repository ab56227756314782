/**
 * Jest snapshot serializer for CloudFormation templates: replaces asset hashes (64 hex characters, in S3 keys,
 * image tags and asset parameters) with a stable placeholder so snapshots change only when the
 * infrastructure does.
 */
const ASSET_HASH = /[0-9a-f]{64}/g;
const MARK = Symbol.for('showcore.snapshot.cleaned');

function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(ASSET_HASH, '[ASSET_HASH]');
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key.replace(ASSET_HASH, '[ASSET_HASH]')] = clean(inner);
    Object.defineProperty(out, MARK, { value: true });
    return out;
  }
  return value;
}

function containsHash(value: unknown): boolean {
  if (typeof value === 'string') return ASSET_HASH.test(value) && ((ASSET_HASH.lastIndex = 0), true);
  if (Array.isArray(value)) return value.some(containsHash);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([key, inner]) => {
      ASSET_HASH.lastIndex = 0;
      return ASSET_HASH.test(key) || containsHash(inner);
    });
  }
  return false;
}

export const assetHashSerializer = {
  test(value: unknown): boolean {
    ASSET_HASH.lastIndex = 0;
    return !!value && typeof value === 'object' && !(value as any)[MARK] && containsHash(value);
  },
  serialize(value: unknown, config: any, indentation: string, depth: number, refs: any, printer: any): string {
    return printer(clean(value), config, indentation, depth, refs);
  },
};

// Jest loads a serializer module by its `test`/`serialize` exports.
export const test = assetHashSerializer.test;
export const serialize = assetHashSerializer.serialize;

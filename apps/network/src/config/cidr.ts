/** An IPv4 CIDR block as numbers: the first address (32-bit unsigned) and the prefix length. */
export interface Ipv4Block {
  readonly first: number;
  readonly prefix: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses `a.b.c.d/n`. Returns a reason instead when the text is not a CIDR block or has host bits set
 * (EC2 rejects `10.0.1.0/16`: the block must start at its network address).
 */
export function parseIpv4Cidr(text: unknown): Ipv4Block | { readonly error: string } {
  const match = typeof text === 'string' ? CIDR.exec(text) : null;
  if (!match) return { error: 'is not an IPv4 CIDR block (a.b.c.d/n)' };
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return { error: 'is not an IPv4 CIDR block (octets 0–255, prefix 0–32)' };
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) {
    return { error: `has host bits set: a /${prefix} block must start at ${formatIpv4(address - (address % size))}` };
  }
  return { first: address, prefix };
}

export function isIpv4Block(value: Ipv4Block | { readonly error: string }): value is Ipv4Block {
  return 'first' in value;
}

/** The address after the last one of the block. */
function end(block: Ipv4Block): number {
  return block.first + 2 ** (32 - block.prefix);
}

/** True when every address of `inner` is in `outer`. */
export function contains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return inner.first >= outer.first && end(inner) <= end(outer);
}

/** True when the two blocks share at least one address. */
export function overlaps(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.first < end(b) && b.first < end(a);
}

export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/** Money is kept in dollars rounded to the cent; sums go through whole cents so totals equal their lines. */
export function roundCents(usd: number): number {
  return Math.round(usd * 100 + Number.EPSILON * 100) / 100;
}

export function sumCents(values: readonly number[]): number {
  return values.reduce((cents, value) => cents + Math.round(value * 100), 0) / 100;
}

/** `$1,234.56`; `signed` adds `+` to positive amounts (for differences). Negative zero prints as `$0.00`. */
export function formatUsd(usd: number, signed = false): string {
  const cents = Math.round(usd * 100);
  const body = `$${(Math.abs(cents) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (cents < 0) return `-${body}`;
  return signed && cents > 0 ? `+${body}` : body;
}

/** A unit price with enough digits to be exact (`$0.0004`, `$0.018`, `$3.00`). */
export function formatUnitPrice(usd: number): string {
  if (usd >= 1 || usd === 0) return formatUsd(usd);
  const [whole, fraction] = usd.toFixed(6).split('.');
  return `$${whole}.${fraction.replace(/0+$/, '').padEnd(2, '0')}`;
}

/**
 * The checked-in price table (tools/cost/prices/<region>.json): on-demand unit prices, each with the AWS pricing
 * page it was read from, and the free-tier allowances that apply to them. Loading validates every entry and
 * reports all problems together, each naming the entry, so a bad edit cannot silently turn into a $0 line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigProblems } from '@showcore/naming';

export interface Price {
  readonly key: string;
  readonly usd: number;
  /** What one unit is, e.g. `endpoint-AZ hour` or `GB-month`. */
  readonly unit: string;
  readonly source: string;
}

/**
 * `always-free` allowances apply to both columns of the report; `legacy-12-month` ones only to the
 * "legacy Free Tier" column (accounts opened before 2025-07-15, during their first 12 months).
 */
export type AllowanceKind = 'always-free' | 'legacy-12-month';

export interface Allowance {
  readonly key: string;
  readonly kind: AllowanceKind;
  /** Units per month, account-wide, in the unit of the prices it applies to. */
  readonly quantity: number;
  readonly unit: string;
  readonly appliesTo: readonly string[];
  readonly description: string;
  readonly source: string;
}

export interface PriceTable {
  readonly file: string;
  readonly region: string;
  readonly currency: 'USD';
  /** Month the prices were checked, `YYYY-MM`. */
  readonly checked: string;
  readonly hoursPerMonth: number;
  readonly prices: ReadonlyMap<string, Price>;
  readonly allowances: readonly Allowance[];
}

export const DEFAULT_PRICE_FILE = path.join(__dirname, 'prices', 'us-east-1.json');

const ALLOWANCE_KINDS: readonly AllowanceKind[] = ['always-free', 'legacy-12-month'];
const SOURCE_PREFIX = 'https://aws.amazon.com/';

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function isPrice(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function entryName(index: number, key: unknown, list: string): string {
  return isNonEmptyString(key) ? `${list}[${index}] "${key}"` : `${list}[${index}]`;
}

function checkNumber(problems: ConfigProblems, field: string, value: unknown, what: string): void {
  if (value === undefined) problems.add(field, value, `the ${what} is missing`, `add "${field.split('.').pop()}" as a number >= 0`);
  else if (typeof value !== 'number' || !Number.isFinite(value)) problems.add(field, value, `the ${what} is not a number`, 'write it as a JSON number');
  else if (value < 0) problems.add(field, value, `the ${what} is negative`, 'a price or allowance is >= 0 (use 0 for a free item)');
}

function checkSource(problems: ConfigProblems, field: string, value: unknown): void {
  problems.check(
    isNonEmptyString(value) && value.startsWith(SOURCE_PREFIX),
    field,
    value,
    'every entry needs the AWS pricing page it was read from',
    `set it to the ${SOURCE_PREFIX}... page that lists this price`,
  );
}

function parsePrices(raw: unknown, problems: ConfigProblems): Map<string, Price> {
  const prices = new Map<string, Price>();
  if (!Array.isArray(raw)) {
    problems.add('prices', raw, 'the price list is missing', 'add "prices": [{ "key", "usd", "unit", "source" }, ...]');
    return prices;
  }
  const firstIndex = new Map<string, number>();
  raw.forEach((entry: any, index) => {
    const name = entryName(index, entry?.key, 'prices');
    if (!isNonEmptyString(entry?.key)) {
      problems.add(`${name}.key`, entry?.key, 'the entry has no key', 'give it a unique key such as "rds.postgres.db.t3.micro.hour"');
    } else if (firstIndex.has(entry.key)) {
      problems.add(`${name}.key`, entry.key, `duplicate key (already defined by prices[${firstIndex.get(entry.key)}])`, 'keep one entry per key');
    } else {
      firstIndex.set(entry.key, index);
    }
    checkNumber(problems, `${name}.usd`, entry?.usd, 'price');
    problems.check(isNonEmptyString(entry?.unit), `${name}.unit`, entry?.unit, 'the unit is missing', 'say what one unit is, e.g. "GB-month"');
    checkSource(problems, `${name}.source`, entry?.source);
    if (isNonEmptyString(entry?.key) && !prices.has(entry.key) && isPrice(entry.usd)) {
      prices.set(entry.key, { key: entry.key, usd: entry.usd, unit: entry.unit, source: entry.source });
    }
  });
  return prices;
}

function parseAllowances(raw: unknown, prices: ReadonlyMap<string, Price>, problems: ConfigProblems): Allowance[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.add('freeTier', raw, 'the free-tier list is not an array', 'write "freeTier": [ ... ] or leave it out');
    return [];
  }
  const allowances: Allowance[] = [];
  const seen = new Set<string>();
  raw.forEach((entry: any, index) => {
    const name = entryName(index, entry?.key, 'freeTier');
    if (!isNonEmptyString(entry?.key)) problems.add(`${name}.key`, entry?.key, 'the entry has no key', 'give it a unique key');
    else if (seen.has(entry.key)) problems.add(`${name}.key`, entry.key, 'duplicate key', 'keep one entry per key');
    seen.add(entry?.key);
    problems.check(ALLOWANCE_KINDS.includes(entry?.kind), `${name}.kind`, entry?.kind, 'unknown kind', `use one of: ${ALLOWANCE_KINDS.join(', ')}`);
    checkNumber(problems, `${name}.quantity`, entry?.quantity, 'quantity');
    problems.check(isNonEmptyString(entry?.description), `${name}.description`, entry?.description, 'the description is missing', 'say what is free');
    checkSource(problems, `${name}.source`, entry?.source);
    const appliesTo: unknown[] = Array.isArray(entry?.appliesTo) ? entry.appliesTo : [];
    problems.check(appliesTo.length > 0, `${name}.appliesTo`, entry?.appliesTo, 'the allowance applies to no price', 'list the price keys it covers');
    for (const key of appliesTo) {
      const price = prices.get(String(key));
      if (!price) problems.add(`${name}.appliesTo`, key, 'no price has this key', 'use a key from "prices"');
      else if (price.unit !== entry?.unit) {
        problems.add(
          `${name}.unit`,
          entry?.unit,
          `differs from the unit of "${price.key}" ("${price.unit}")`,
          'an allowance counts the same units as the prices it covers',
        );
      }
    }
    allowances.push(entry as Allowance);
  });
  return allowances;
}

/** Validates a parsed price table; `source` (a file name) is named in the error. */
export function parsePriceTable(raw: unknown, source: string): PriceTable {
  const problems = new ConfigProblems(source);
  const table: any = raw ?? {};
  problems.check(isNonEmptyString(table.region), 'region', table.region, 'the region is missing', 'set "region", e.g. "us-east-1"');
  problems.check(table.currency === 'USD', 'currency', table.currency, 'only USD prices are supported', 'set "currency": "USD"');
  problems.check(
    typeof table.checked === 'string' && /^\d{4}-\d{2}$/.test(table.checked),
    'checked',
    table.checked,
    'the date the prices were checked is missing',
    'set "checked": "YYYY-MM"',
  );
  problems.check(
    typeof table.hoursPerMonth === 'number' && table.hoursPerMonth > 0,
    'hoursPerMonth',
    table.hoursPerMonth,
    'must be a positive number',
    'use 730 (AWS pricing pages use 730 hours a month)',
  );
  const prices = parsePrices(table.prices, problems);
  const allowances = parseAllowances(table.freeTier, prices, problems);
  problems.throwIfAny();
  return { file: source, region: table.region, currency: 'USD', checked: table.checked, hoursPerMonth: table.hoursPerMonth, prices, allowances };
}

export function loadPriceTable(file = DEFAULT_PRICE_FILE): PriceTable {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the price table ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parsePriceTable(raw, path.relative(process.cwd(), file) || file);
}

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadAssumptions, parseAssumptions } from '../assumptions';
import { DEFAULT_PRICE_FILE, loadPriceTable, parsePriceTable } from '../price-table';

const SOURCE = 'https://aws.amazon.com/vpc/pricing/';

function table(prices: unknown[], freeTier?: unknown[]) {
  return { region: 'us-east-1', currency: 'USD', checked: '2026-11', hoursPerMonth: 730, prices, freeTier };
}

const nat = { key: 'vpc.nat-gateway.hour', usd: 0.045, unit: 'hour', source: SOURCE };

describe('the checked-in price table', () => {
  const prices = loadPriceTable();

  it('is dated and in us-east-1', () => {
    expect([prices.region, prices.checked, prices.hoursPerMonth]).toEqual(['us-east-1', '2026-11', 730]);
  });

  // The spec README's price table (us-east-1, checked November 2026).
  it.each([
    ['vpc.interface-endpoint.hour', 0.01],
    ['vpc.nat-gateway.hour', 0.045],
    ['vpc.public-ipv4.hour', 0.005],
    ['rds.postgres.db.t3.micro.hour', 0.018],
    ['rds.storage.gp3.gb-month', 0.115],
    ['elasticache.redis.cache.t3.micro.hour', 0.017],
    ['cloudwatch.alarm.standard', 0.1],
    ['cloudwatch.dashboard', 3],
    ['secretsmanager.secret', 0.4],
    ['config.item.continuous', 0.003],
    ['kms.key', 1],
  ])('has %s at the spec price $%s', (key, usd) => {
    expect(prices.prices.get(key)?.usd).toBe(usd);
  });

  it('cites an aws.amazon.com pricing page for every price and allowance', () => {
    const sources = [...prices.prices.values(), ...prices.allowances].map((p) => p.source);
    expect(sources.filter((s) => !/^https:\/\/aws\.amazon\.com\/[a-z0-9-]+\/(pricing|free|[a-z]+\/pricing)\/$/.test(s))).toEqual([]);
  });
});

describe('a malformed price table', () => {
  it('names a negative price', () => {
    expect(() => parsePriceTable(table([{ ...nat, usd: -0.045 }]), 'prices.json')).toThrow(
      'Invalid configuration in prices.json (1 problem):\n  - prices[0] "vpc.nat-gateway.hour".usd = -0.045: the price is negative.',
    );
  });

  it('names a missing price', () => {
    const { usd: _usd, ...withoutPrice } = nat;
    expect(() => parsePriceTable(table([withoutPrice]), 'prices.json')).toThrow('prices[0] "vpc.nat-gateway.hour".usd = undefined: the price is missing');
  });

  it('names a price that is not a number', () => {
    expect(() => parsePriceTable(table([{ ...nat, usd: '0.045' }]), 'prices.json')).toThrow('.usd = "0.045": the price is not a number');
  });

  it('names a duplicate key and the entry it duplicates', () => {
    expect(() => parsePriceTable(table([nat, { ...nat, usd: 0.05 }]), 'prices.json')).toThrow(
      'prices[1] "vpc.nat-gateway.hour".key = "vpc.nat-gateway.hour": duplicate key (already defined by prices[0])',
    );
  });

  it('rejects a price without an AWS pricing page', () => {
    expect(() => parsePriceTable(table([{ ...nat, source: 'https://example.com/prices' }]), 'prices.json')).toThrow('.source = "https://example.com/prices"');
  });

  it('rejects an allowance for a price that does not exist or counts other units', () => {
    const allowance = {
      key: 'free',
      kind: 'always-free',
      quantity: 1,
      unit: 'GB',
      appliesTo: ['nope', 'vpc.nat-gateway.hour'],
      description: 'x',
      source: SOURCE,
    };
    expect(() => parsePriceTable(table([nat], [allowance]), 'prices.json')).toThrow(
      /freeTier\[0\] "free".appliesTo = "nope": no price has this key[\s\S]*freeTier\[0\] "free".unit = "GB": differs from the unit of "vpc.nat-gateway.hour"/,
    );
  });

  it('reports every problem at once', () => {
    expect(() =>
      parsePriceTable(
        table([
          { ...nat, usd: -1 },
          { ...nat, unit: '' },
          { key: '', usd: 1, unit: 'u', source: SOURCE },
        ]),
        'prices.json',
      ),
    ).toThrow('Invalid configuration in prices.json (4 problems)');
  });

  it('names the file it cannot read', () => {
    const file = path.join(os.tmpdir(), 'showcore-cost-missing-prices.json');
    expect(() => loadPriceTable(file)).toThrow(`Cannot read the price table ${file}`);
  });

  it('loads the checked-in file through the same validation', () => {
    expect(() => parsePriceTable(JSON.parse(fs.readFileSync(DEFAULT_PRICE_FILE, 'utf8')), 'x')).not.toThrow();
  });
});

describe('usage assumptions', () => {
  it('loads the checked-in file with every key', () => {
    expect(loadAssumptions()['vpcEndpoint.azCountWhenUnresolved']).toBe(2);
  });

  it('rejects an unknown key and a negative value, naming both', () => {
    expect(() => parseAssumptions({ 's3.storageGb': 1, 'cloudfront.dataOutGb': -5 }, 'mine.json', false)).toThrow(
      /mine.json \(2 problems\)[\s\S]*s3.storageGb = 1: unknown assumption[\s\S]*cloudfront.dataOutGb = -5: must be a number >= 0/,
    );
  });

  it('overrides some values from a second file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-cost-'));
    const file = path.join(dir, 'override.json');
    fs.writeFileSync(file, JSON.stringify({ 'cloudfront.dataOutGb': 500 }));
    const assumptions = loadAssumptions(file);
    fs.rmSync(dir, { recursive: true, force: true });
    expect([assumptions['cloudfront.dataOutGb'], assumptions['s3.storageGbPerBucket']]).toEqual([500, 1]);
  });
});

/** A dev-profile-shaped report: its totals equal the sum of its lines, in both columns and per tier. */
import { strictFailure } from '../main';
import { formatUnitPrice, formatUsd, sumCents } from '../money';
import { renderMarkdown } from '../render-markdown';
import { renderText } from '../render-text';
import { alarms, endpointNetwork, redis, rds, reportOf } from './fixtures';

/** The cost-optimized dev design: endpoints in one AZ, Single-AZ micro database and cache, 12 alarms, a dashboard. */
function devProfile() {
  return reportOf({
    network: endpointNetwork(1),
    data: {
      Db: rds({}),
      Cache: redis({ NumCacheClusters: 1, SnapshotRetentionLimit: 7 }),
      Secret: { Type: 'AWS::SecretsManager::Secret', Properties: {} },
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } },
    },
    edge: { Assets: { Type: 'AWS::S3::Bucket', Properties: { MetricsConfigurations: [{ Id: 'all' }] } } },
    ops: {
      ...alarms(12),
      Dashboard: { Type: 'AWS::CloudWatch::Dashboard', Properties: {} },
      Topic: { Type: 'AWS::SNS::Topic', Properties: { Subscription: [{ Protocol: 'email', Endpoint: 'ops@example.com' }] } },
      Role: { Type: 'AWS::IAM::Role', Properties: {} },
      Mystery: { Type: 'AWS::Foo::Bar', Properties: {} },
    },
  });
}

describe('the dev profile report', () => {
  const report = devProfile();

  it('has the hand-computed fixed cost', () => {
    // endpoints 3 × $7.30 = $21.90; RDS $13.14 + $2.30; cache $12.41; secret $0.40; 12 alarms $1.20; dashboard $3.00.
    expect(report.totals.fixed).toBe(54.35);
  });

  it('has totals equal to the sum of its lines in both columns', () => {
    const lines = report.lines.map((l) => l.monthly);
    expect(report.totals.payAsYouGo).toBe(sumCents([...lines, ...report.allowances.map((a) => a.payAsYouGo)]));
    expect(report.totals.legacyFreeTier).toBe(sumCents([...lines, ...report.allowances.map((a) => a.legacyFreeTier)]));
    expect(sumCents([report.totals.fixed, report.totals.usage])).toBe(sumCents(lines));
    expect(report.totals.legacyFreeTier).toBeLessThan(report.totals.payAsYouGo);
  });

  it("has per-tier subtotals equal to the sum of each tier's lines", () => {
    for (const tier of report.tiers) {
      expect([tier.tier, tier.subtotal]).toEqual([tier.tier, sumCents(report.lines.filter((l) => l.tier === tier.tier).map((l) => l.monthly))]);
    }
    expect(report.tiers.map((t) => t.tier)).toEqual(['network', 'data', 'edge', 'ops']);
  });

  it('lists free and unknown resources without lines', () => {
    expect(report.free.map((f) => f.logicalId)).toEqual(['Vpc', 'S3', 'DynamoDb', 'Role']);
    expect(report.unpriced.map((u) => [u.logicalId, u.type])).toEqual([['Mystery', 'AWS::Foo::Bar']]);
  });

  it('fails --strict naming the unknown type, and passes it when everything is priced', () => {
    expect(strictFailure(report)).toContain('AWS::Foo::Bar ops/ops-stack/Mystery');
    expect(strictFailure(reportOf({ data: { Db: rds({}) } }))).toBeUndefined();
  });

  it('prints both columns, the allowances, the NAT comparison and the no-Free-Tier caveat', () => {
    const text = renderText(report);
    expect(text).toContain('Pay-as-you-go  Legacy 12-month Free Tier');
    expect(text).toMatch(/Always free: first 10 standard-resolution alarm metrics\s+-\$1\.00\s+-\$1\.00/);
    expect(text).toMatch(/Legacy Free Tier: 750 h of Single-AZ db.t3.micro\/db.t4g.micro\s+-\s+-\$13\.14/);
    expect(text).toContain(`Total per month`);
    expect(text).toContain('The endpoints save $14.60/month against the NAT gateway');
    expect(text).toContain('Accounts opened on or after 2025-07-15 have no 12-month Free Tier');
    expect(text).toContain('ops/ops-stack/Mystery AWS::Foo::Bar');
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('| Interface endpoint com.amazonaws.us-east-1.logs (`Logs`) | 1 AZ × 730 h × $0.01/endpoint-AZ hour | $7.30 |');
  });
});

describe('money formatting', () => {
  it.each([
    [0.0004, '$0.0004'],
    [0.018, '$0.018'],
    [0.1, '$0.10'],
    [0.045 - 0.01, '$0.035'],
    [3, '$3.00'],
  ])('prints the unit price %s as %s', (usd, text) => {
    expect(formatUnitPrice(usd)).toBe(text);
  });

  it('prints differences with a sign and never a negative zero', () => {
    expect([formatUsd(7.3, true), formatUsd(-14.6, true), formatUsd(-0.001, true), formatUsd(1234.5)]).toEqual(['+$7.30', '-$14.60', '$0.00', '$1,234.50']);
  });
});

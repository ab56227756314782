/**
 * The --base mode on two hand-written sets of templates. Base: endpoints in 1 AZ, Single-AZ RDS, a dashboard.
 * Head: endpoints in 2 AZs, Multi-AZ RDS, a new secret, no dashboard.
 *
 * base network $21.90 + 3 × $0.01 processing = $21.93; data $13.14 + $2.30 + $3.00 = $18.44.
 *   pay-as-you-go 40.37 - 3.00 (3 free dashboards) = $37.37; legacy 37.37 - 13.14 - 2.30 = $21.93.
 * head network $43.80 + $0.03 = $43.83; data $26.28 + $4.60 + $0.40 = $31.28 → $75.11 in both columns.
 */
import { diffReports } from '../diff';
import { renderDiffMarkdown } from '../render-markdown';
import { endpointNetwork, rds, reportOf } from './fixtures';

const dashboard = { Type: 'AWS::CloudWatch::Dashboard', Properties: {} };
const secret = { Type: 'AWS::SecretsManager::Secret', Properties: {} };
const noApiCalls = { 'secretsManager.apiCallsPerSecret': 0 };

const base = reportOf({ network: endpointNetwork(1), data: { Db: rds({}), Dashboard: dashboard } }, noApiCalls);
const head = reportOf({ network: endpointNetwork(2), data: { Db: rds({ MultiAZ: true }), Secret: secret } }, noApiCalls);

describe('the cost difference between two sets of templates', () => {
  const diff = diffReports(base, head, 'origin/main');

  it("gives each tier's subtotal before and after", () => {
    expect(diff.tiers).toEqual([
      { tier: 'network', base: 21.93, head: 43.83, change: 21.9 },
      { tier: 'data', base: 18.44, head: 31.28, change: 12.84 },
    ]);
  });

  it('gives both totals before and after the allowances', () => {
    expect(diff.payAsYouGo).toEqual({ base: 37.37, head: 75.11, change: 37.74 });
    expect(diff.legacyFreeTier).toEqual({ base: 21.93, head: 75.11, change: 53.18 });
  });

  it('lists the changed, added and removed resources and only those', () => {
    expect(diff.resources.map((r) => [r.logicalId, r.status, r.change])).toEqual([
      ['Logs', 'changed', 7.3],
      ['Monitoring', 'changed', 7.3],
      ['Ssm', 'changed', 7.3],
      ['Db', 'changed', 15.44],
      ['Dashboard', 'removed', -3],
      ['Secret', 'added', 0.4],
    ]);
  });

  it('renders a pull-request comment', () => {
    const markdown = renderDiffMarkdown(diff);
    expect(markdown).toContain('### Monthly cost: dev, `origin/main` → this change');
    expect(markdown).toContain('| network | $21.93 | $43.83 | **+$21.90** |');
    expect(markdown).toContain('| **Total, pay-as-you-go** | $37.37 | $75.11 | **+$37.74** |');
    expect(markdown).toContain('| Total, legacy 12-month Free Tier | $21.93 | $75.11 | **+$53.18** |');
    expect(markdown).toContain('<summary>6 priced resources changed</summary>');
    expect(markdown).toContain('The endpoints cost $7.30/month MORE than the NAT gateway');
  });

  it('shows a tier absent at the base', () => {
    const diffWithNewTier = diffReports(reportOf({ network: endpointNetwork(1) }), head, 'main');
    expect(diffWithNewTier.tiers[1]).toEqual({ tier: 'data', base: undefined, head: 31.28, change: 31.28 });
    expect(renderDiffMarkdown(diffWithNewTier)).toContain('| data | absent | $31.28 | **+$31.28** |');
  });

  it('reports no change between identical templates', () => {
    const same = diffReports(base, base, 'HEAD');
    expect([same.resources, same.payAsYouGo.change]).toEqual([[], 0]);
    expect(renderDiffMarkdown(same)).toContain('No priced resource changed.');
  });
});

/**
 * Golden tests of the data tier's charges and the legacy 12-month Free Tier, computed by hand:
 * db.t3.micro $0.018/h, gp3 $0.115/GB-month, cache.t3.micro $0.017/h, 730 h/month;
 * legacy Free Tier: 750 h of Single-AZ db micro, 20 GB of RDS storage, 750 h of cache.t3.micro.
 */
import { fixedOf, monthlyOf, redis, rds, reportOf } from './fixtures';

describe('RDS', () => {
  it('prices a Single-AZ db.t3.micro with 20 GB gp3 at $15.44, all of it inside the legacy Free Tier', () => {
    // 730 h × $0.018 = $13.14; 20 GB × $0.115 = $2.30; total $15.44.
    // Legacy Free Tier: 750 h covers the 730 h (-$13.14) and 20 GB covers the storage (-$2.30) → $0.00.
    const report = reportOf({ data: { Db: rds({}) } });
    expect(report.lines.map((l) => [l.priceKey, l.quantity, l.monthly])).toEqual([
      ['rds.postgres.db.t3.micro.hour', 730, 13.14],
      ['rds.storage.gp3.gb-month', 20, 2.3],
    ]);
    expect(report.totals.payAsYouGo).toBe(15.44);
    expect(report.totals.legacyFreeTier).toBe(0);
    expect(report.allowances.map((a) => [a.key, a.kind, a.payAsYouGo, a.legacyFreeTier])).toEqual([
      ['rds.micro-hours', 'legacy-12-month', 0, -13.14],
      ['rds.storage', 'legacy-12-month', 0, -2.3],
    ]);
  });

  it('doubles instance hours and storage for Multi-AZ, which no free tier covers', () => {
    // 2 × 730 h × $0.018 = $26.28; 2 × 20 GB × $0.115 = $4.60; total $30.88 in both columns.
    const report = reportOf({ data: { Db: rds({ MultiAZ: true }) } });
    expect(monthlyOf(report, 'Db')).toBe(30.88);
    expect(report.totals.payAsYouGo).toBe(30.88);
    expect(report.totals.legacyFreeTier).toBe(30.88);
  });

  it('adds $0.40 for the master-password secret RDS manages in Secrets Manager', () => {
    // $15.44 + $0.40 = $15.84.
    const report = reportOf({ data: { Db: rds({ ManageMasterUserPassword: true }) } });
    expect(report.lines.map((l) => l.priceKey)).toContain('secretsmanager.secret');
    expect(monthlyOf(report, 'Db')).toBe(15.84);
  });

  it('prices Enhanced Monitoring as CloudWatch Logs ingestion, more for a shorter interval', () => {
    // 0.5 GB at 60 s × $0.50 = $0.25; every 15 s is four times the data: 2 GB × $0.50 = $1.00.
    const report = reportOf(
      { data: { Every60: rds({ MonitoringInterval: 60 }), Every15: rds({ MonitoringInterval: 15 }), Off: rds({}) } },
      { 'rds.enhancedMonitoringGbPerInstance': 0.5 },
    );
    const ingestion = (id: string) =>
      report.lines.filter((l) => l.logicalId === id && l.priceKey === 'logs.ingest.standard.gb').map((l) => [l.quantity, l.monthly]);
    expect(ingestion('Every60')).toEqual([[0.5, 0.25]]);
    expect(ingestion('Every15')).toEqual([[2, 1]]);
    expect(ingestion('Off')).toEqual([]);
  });

  it('reads MultiAZ written as the string "true"', () => {
    expect(monthlyOf(reportOf({ data: { Db: rds({ MultiAZ: 'true' }) } }), 'Db')).toBe(30.88);
  });

  it('charges storage beyond the 20 free GB in the legacy column', () => {
    // 100 GB × $0.115 = $11.50; legacy: 13.14 + 11.50 - 13.14 - 2.30 = $9.20.
    const report = reportOf({ data: { Db: rds({ AllocatedStorage: 100 }) } });
    expect(report.totals.payAsYouGo).toBe(24.64);
    expect(report.totals.legacyFreeTier).toBe(9.2);
  });

  it('shares the 750 free hours between two micro instances', () => {
    // 2 × 730 h = 1,460 h; 750 h free = 750 × $0.018 = $13.50 off; storage 2 × $2.30, 20 GB free (-$2.30).
    // pay-as-you-go 2 × $15.44 = $30.88; legacy 30.88 - 13.50 - 2.30 = $15.08.
    const report = reportOf({ data: { Db1: rds({}), Db2: rds({}) } });
    expect(report.totals.payAsYouGo).toBe(30.88);
    expect(report.totals.legacyFreeTier).toBe(15.08);
  });

  it('lists an instance class without a price as unpriced, naming the missing key', () => {
    const report = reportOf({ data: { Big: rds({ DBInstanceClass: 'db.r6g.large' }) } });
    expect(report.lines).toEqual([]);
    expect(report.unpriced).toHaveLength(1);
    expect(report.unpriced[0].reason).toContain('no price "rds.postgres.db.r6g.large.hour"');
  });
});

describe('ElastiCache', () => {
  it('prices one cache.t3.micro node at $12.41, free in the legacy column', () => {
    // 730 h × $0.017 = $12.41.
    const report = reportOf({ data: { Cache: redis({ NumCacheClusters: 1 }) } });
    expect(fixedOf(report, 'Cache')).toBe(12.41);
    expect(report.totals.legacyFreeTier).toBe(0);
  });

  it('prices a primary and a replica at $24.82; the 750 free hours cover one node and a bit', () => {
    // 2 × 730 h × $0.017 = $24.82; legacy: 750 h × $0.017 = $12.75 off → $12.07.
    const report = reportOf({ data: { Cache: redis({ NumCacheClusters: 2, AutomaticFailoverEnabled: true }) } });
    expect(report.totals.payAsYouGo).toBe(24.82);
    expect(report.totals.legacyFreeTier).toBe(12.07);
  });

  it('counts cluster-mode nodes as shards × (replicas + 1)', () => {
    // 2 × (1 + 1) = 4 nodes × 730 h × $0.017 = $49.64.
    expect(fixedOf(reportOf({ data: { Cache: redis({ NumNodeGroups: 2, ReplicasPerNodeGroup: 1 }) } }), 'Cache')).toBe(49.64);
  });

  it('prices snapshots beyond the free one at the assumed size', () => {
    // retention 7 → 6 extra snapshots × 1 GB × $0.085 = $0.51.
    const report = reportOf({ data: { Cache: redis({ NumCacheClusters: 1, SnapshotRetentionLimit: 7 }) } }, { 'elasticache.snapshotGb': 1 });
    expect(report.lines.find((l) => l.priceKey === 'elasticache.snapshot.gb-month')).toMatchObject({ quantity: 6, monthly: 0.51, usage: true });
  });
});

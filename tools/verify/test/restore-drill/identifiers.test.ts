/** Drill identifiers: they fit the engines' limits in every environment, and one too long is refused before any call. */
import { ENVIRONMENTS } from '@showcore/naming';
import { drillIdentifier, elastiCacheRestoreDrill } from '../../drill';
import { elasticache, recordedHarness as harness, sequenceOptions as options } from './harness';

describe('drill identifiers and the 40-character replication group limit', () => {
  it("the CLI's run id (MMDD-xxxx) fits 40 characters in every environment", () => {
    for (const environment of ENVIRONMENTS) {
      const id = drillIdentifier(environment, '1231-ffff', 40);
      expect(id).toBe(`showcore-drill-${environment}-1231-ffff`);
      expect(id.length).toBeLessThanOrEqual(40);
    }
  });

  it('exactly 40 is accepted, 41 is refused before any API call', async () => {
    // 'showcore-drill-staging-' is 23 characters: a 17-character run id makes 40.
    expect(drillIdentifier('staging', 'a'.repeat(17), 40)).toHaveLength(40);
    expect(() => drillIdentifier('staging', 'a'.repeat(18), 40)).toThrow(/at most 40 characters/);
    await expect(elastiCacheRestoreDrill(harness(elasticache).d, { ...options, runId: 'a'.repeat(18) }, 'showcore-redis-staging')).rejects.toThrow(
      /use a shorter run id/,
    );
    expect(elasticache.calls()).toHaveLength(0);
  });

  it('RDS allows 63, and refuses identifiers RDS would reject', () => {
    expect(drillIdentifier('prod', 'a'.repeat(63 - 'showcore-drill-prod-'.length), 63)).toHaveLength(63);
    expect(() => drillIdentifier('prod', 'a'.repeat(64 - 'showcore-drill-prod-'.length), 63)).toThrow(/at most 63/);
    expect(() => drillIdentifier('prod', 'run-', 63)).toThrow(/not valid/); // may not end in a hyphen
    expect(() => drillIdentifier('prod', 'run_1', 63)).toThrow(/not valid/);
  });
});

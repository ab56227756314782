import { producersOf } from './ssm-parameters';
import { TIERS, type Tier } from './tiers';

/**
 * Tiers in an order where every producer comes before its consumers (a topological sort of the SSM contract).
 * Throws, naming the tiers involved, when the contract has a cycle.
 */
export function deployOrder(tiers: readonly Tier[] = TIERS, producers: (tier: Tier) => Tier[] = producersOf): Tier[] {
  const ordered: Tier[] = [];
  const state = new Map<Tier, 'visiting' | 'done'>();
  const visit = (tier: Tier, path: Tier[]): void => {
    if (state.get(tier) === 'done') return;
    if (state.get(tier) === 'visiting') {
      throw new Error(
        `The SSM contract has a cycle: ${[...path, tier].join(' -> ')}. ` +
          'A tier cannot read, directly or indirectly, a value it produces; move one parameter to another producer.',
      );
    }
    state.set(tier, 'visiting');
    for (const producer of producers(tier)) visit(producer, [...path, tier]);
    state.set(tier, 'done');
    ordered.push(tier);
  };
  for (const tier of tiers) visit(tier, []);
  return ordered.filter((tier) => tiers.includes(tier));
}

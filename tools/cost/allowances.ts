/**
 * Free-tier allowances are account-wide: each is applied once to the report's total, as its own line, so the
 * per-resource lines keep their full price and the total still equals the sum of all lines.
 */
import type { AllowanceLine, CostLine } from './model';
import type { Allowance } from './price-table';

export function applyAllowances(lines: readonly CostLine[], allowances: readonly Allowance[]): AllowanceLine[] {
  const result: AllowanceLine[] = [];
  for (const allowance of allowances) {
    let remaining = allowance.quantity;
    let covered = 0;
    let cents = 0;
    for (const line of lines) {
      if (remaining <= 0) break;
      if (!line.freeTierEligible || !allowance.appliesTo.includes(line.priceKey)) continue;
      const take = Math.min(remaining, line.quantity);
      // A fully covered line gives back exactly its (rounded) amount, so a covered line nets to $0.00.
      cents += take === line.quantity ? Math.round(line.monthly * 100) : Math.round(take * line.unitPrice * 100);
      remaining -= take;
      covered += take;
    }
    if (cents === 0) continue;
    const amount = -cents / 100;
    result.push({
      key: allowance.key,
      kind: allowance.kind,
      description: allowance.description,
      covered,
      unit: allowance.unit,
      payAsYouGo: allowance.kind === 'always-free' ? amount : 0,
      legacyFreeTier: amount,
    });
  }
  return result;
}

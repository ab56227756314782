/**
 * Prices every resource of a set of tier templates: one line per charge, free and unpriced resources listed,
 * account-wide allowances applied once, per-tier subtotals and totals in both columns.
 */
import { applyAllowances } from './allowances';
import type { Assumptions } from './assumptions';
import type { CfnResource, CostLine, CostReport, ResourceNote, StackTemplate, TierSummary, TierTemplates } from './model';
import { roundCents, sumCents } from './money';
import { compareWithNatGateway } from './nat-comparison';
import type { Price, PriceTable } from './price-table';
import { freeReason, PRICERS, type ScopeState } from './pricers';
import { PropertyReader } from './template';

export interface EstimateInput {
  readonly environment: string;
  readonly profile?: string;
  readonly tiers: readonly TierTemplates[];
  readonly prices: PriceTable;
  readonly assumptions: Assumptions;
}

export const NO_FREE_TIER_NOTE =
  'Accounts opened on or after 2025-07-15 have no 12-month Free Tier (they get credits instead): for them the pay-as-you-go column is the bill.';

const ALLOWANCE_SCOPE_NOTE =
  'Free-tier allowances are account-wide and applied once to this report; a report per tier applies them again, so the all-tiers total is the one to trust.';

interface Collected {
  readonly lines: CostLine[];
  readonly free: ResourceNote[];
  readonly unpriced: ResourceNote[];
}

function priceResource(
  input: EstimateInput,
  tier: TierTemplates,
  stack: StackTemplate,
  logicalId: string,
  resource: CfnResource,
  scope: ScopeState,
  out: Collected,
): void {
  const where = { tier: tier.tier, stack: stack.stack, logicalId, type: resource.Type };
  const pricer = PRICERS[resource.Type];
  if (!pricer) {
    const reason = freeReason(resource.Type);
    if (reason) out.free.push({ ...where, reason });
    else out.unpriced.push({ ...where, reason: 'unknown resource type: add a pricer under tools/cost/pricers/ or list it in free-types.ts' });
    return;
  }
  const props = new PropertyReader(stack.template, resource.Properties ?? {});
  const result = pricer({
    logicalId,
    type: resource.Type,
    props,
    template: stack.template,
    assumptions: input.assumptions,
    hoursPerMonth: input.prices.hoursPerMonth,
    scope,
  });
  if (result.unpriced) {
    out.unpriced.push({ ...where, reason: `${result.resource}: ${result.unpriced}` });
    return;
  }
  const missing = result.charges.map((c) => c.priceKey).filter((key) => !input.prices.prices.has(key));
  if (missing.length > 0) {
    out.unpriced.push({ ...where, reason: `${result.resource}: no price "${missing.join('", "')}" in ${input.prices.file} (add it with its source URL)` });
    return;
  }
  if (result.free && result.charges.length === 0) {
    out.free.push({ ...where, reason: result.free });
    return;
  }
  const notes = [...props.notes, ...(result.notes ?? [])];
  if (resource.Condition) notes.push(`created only when the condition ${resource.Condition} holds`);
  for (const charge of result.charges) {
    const price = input.prices.prices.get(charge.priceKey) as Price;
    out.lines.push({
      ...where,
      resource: result.resource,
      priceKey: charge.priceKey,
      unitPrice: price.usd,
      unit: price.unit,
      quantity: charge.quantity,
      basis: charge.basis,
      usage: charge.usage,
      freeTierEligible: charge.freeTierEligible !== false,
      monthly: roundCents(charge.quantity * price.usd),
      notes,
    });
  }
}

function summarize(tier: TierTemplates, lines: readonly CostLine[]): TierSummary {
  const own = lines.filter((line) => line.tier === tier.tier);
  const fixed = sumCents(own.filter((line) => !line.usage).map((line) => line.monthly));
  const usage = sumCents(own.filter((line) => line.usage).map((line) => line.monthly));
  return { tier: tier.tier, source: tier.source, stacks: tier.stacks.map((s) => s.stack), fixed, usage, subtotal: sumCents([fixed, usage]) };
}

export function estimate(input: EstimateInput): CostReport {
  const out: Collected = { lines: [], free: [], unpriced: [] };
  const scope: ScopeState = { trailsSeen: 0 };
  const notes: string[] = [];
  for (const tier of input.tiers) {
    for (const stack of tier.stacks) {
      if (stack.region && stack.region !== input.prices.region) {
        notes.push(`${tier.tier}/${stack.stack} deploys to ${stack.region}; it is priced at ${input.prices.region} rates.`);
      }
      for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
        priceResource(input, tier, stack, logicalId, resource, scope, out);
      }
    }
  }
  const allowances = applyAllowances(out.lines, input.prices.allowances);
  const tiers = input.tiers.map((tier) => summarize(tier, out.lines));
  const fixed = sumCents(tiers.map((t) => t.fixed));
  const usage = sumCents(tiers.map((t) => t.usage));
  const gross = sumCents([fixed, usage]);
  notes.push(NO_FREE_TIER_NOTE, ALLOWANCE_SCOPE_NOTE);
  return {
    environment: input.environment,
    profile: input.profile,
    priceTable: { file: input.prices.file, region: input.prices.region, checked: input.prices.checked, hoursPerMonth: input.prices.hoursPerMonth },
    tiers,
    lines: out.lines,
    allowances,
    free: out.free,
    unpriced: out.unpriced,
    totals: {
      fixed,
      usage,
      payAsYouGo: sumCents([gross, ...allowances.map((a) => a.payAsYouGo)]),
      legacyFreeTier: sumCents([gross, ...allowances.map((a) => a.legacyFreeTier)]),
    },
    natComparison: compareWithNatGateway(out.lines, input.prices),
    assumptions: { ...input.assumptions },
    notes,
  };
}

/** The cost difference between two reports of the same environment (a base git ref and the working tree). */
import type { Tier } from '@showcore/naming';
import type { CostLine, CostReport } from './model';
import { sumCents } from './money';

export interface TierDelta {
  readonly tier: Tier;
  /** Undefined when the tier is not in that report (absent at the base ref). */
  readonly base?: number;
  readonly head?: number;
  readonly change: number;
}

export interface ResourceDelta {
  readonly tier: Tier;
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly resource: string;
  readonly status: 'added' | 'removed' | 'changed';
  readonly base: number;
  readonly head: number;
  readonly change: number;
  readonly baseCharges: readonly string[];
  readonly headCharges: readonly string[];
}

export interface ColumnDelta {
  readonly base: number;
  readonly head: number;
  readonly change: number;
}

export interface CostDiff {
  readonly environment: string;
  readonly profile?: string;
  readonly baseRef: string;
  readonly tiers: readonly TierDelta[];
  readonly payAsYouGo: ColumnDelta;
  readonly legacyFreeTier: ColumnDelta;
  readonly resources: readonly ResourceDelta[];
  readonly base: CostReport;
  readonly head: CostReport;
}

function column(base: number, head: number): ColumnDelta {
  return { base, head, change: sumCents([head, -base]) };
}

function byResource(lines: readonly CostLine[]): Map<string, CostLine[]> {
  const map = new Map<string, CostLine[]>();
  for (const line of lines) {
    const key = `${line.tier}/${line.stack}/${line.logicalId}`;
    map.set(key, [...(map.get(key) ?? []), line]);
  }
  return map;
}

function describe(lines: readonly CostLine[]): string[] {
  return lines.map((l) => `${l.usage ? '~ ' : ''}${l.basis}`);
}

export function diffReports(base: CostReport, head: CostReport, baseRef: string): CostDiff {
  const tiers = [...new Set([...base.tiers, ...head.tiers].map((t) => t.tier))];
  const tierDeltas = tiers.map((tier): TierDelta => {
    const b = base.tiers.find((t) => t.tier === tier)?.subtotal;
    const h = head.tiers.find((t) => t.tier === tier)?.subtotal;
    return { tier, base: b, head: h, change: sumCents([h ?? 0, -(b ?? 0)]) };
  });
  const baseLines = byResource(base.lines);
  const headLines = byResource(head.lines);
  const resources: ResourceDelta[] = [];
  for (const key of new Set([...baseLines.keys(), ...headLines.keys()])) {
    const b = baseLines.get(key) ?? [];
    const h = headLines.get(key) ?? [];
    const first = h[0] ?? b[0];
    const baseTotal = sumCents(b.map((l) => l.monthly));
    const headTotal = sumCents(h.map((l) => l.monthly));
    const baseCharges = describe(b);
    const headCharges = describe(h);
    const status = b.length === 0 ? 'added' : h.length === 0 ? 'removed' : 'changed';
    if (status === 'changed' && baseTotal === headTotal && baseCharges.join('|') === headCharges.join('|')) continue;
    resources.push({
      tier: first.tier,
      stack: first.stack,
      logicalId: first.logicalId,
      type: first.type,
      resource: first.resource,
      status,
      base: baseTotal,
      head: headTotal,
      change: sumCents([headTotal, -baseTotal]),
      baseCharges,
      headCharges,
    });
  }
  return {
    environment: head.environment,
    profile: head.profile,
    baseRef,
    tiers: tierDeltas,
    payAsYouGo: column(base.totals.payAsYouGo, head.totals.payAsYouGo),
    legacyFreeTier: column(base.totals.legacyFreeTier, head.totals.legacyFreeTier),
    resources,
    base,
    head,
  };
}

/** The shapes the cost report is built from and printed as (the JSON output is a {@link CostReport}). */
import type { Tier } from '@showcore/naming';
import type { AllowanceKind } from './price-table';

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Condition?: string;
  readonly Metadata?: Record<string, unknown>;
}

export interface CfnTemplate {
  readonly Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  readonly Resources?: Record<string, CfnResource>;
}

/** One CloudFormation template of a tier, with the stack it deploys as. */
export interface StackTemplate {
  readonly stack: string;
  readonly region?: string;
  readonly template: CfnTemplate;
}

/** The templates of one tier for one environment (and profile). */
export interface TierTemplates {
  readonly tier: Tier;
  /** Where they were read from (an assembly directory), for the report header. */
  readonly source: string;
  readonly stacks: readonly StackTemplate[];
}

/** A quantity of one priced unit a resource uses per month. */
export interface Charge {
  readonly priceKey: string;
  /** In the unit of the price, per month. */
  readonly quantity: number;
  /** How the quantity was obtained, for people: `2 AZs × 730 h`. */
  readonly basis: string;
  /** The quantity comes from an assumption (usage), not from the template. */
  readonly usage: boolean;
  /** False when no free-tier allowance may cover it (e.g. Multi-AZ RDS hours). @default true */
  readonly freeTierEligible?: boolean;
}

/** One priced line: a charge of a resource, valued at the table's price. */
export interface CostLine {
  readonly tier: Tier;
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  /** What the resource is, for people: `Interface endpoint com.amazonaws.us-east-1.logs`. */
  readonly resource: string;
  readonly priceKey: string;
  readonly unitPrice: number;
  readonly unit: string;
  readonly quantity: number;
  readonly basis: string;
  readonly usage: boolean;
  readonly freeTierEligible: boolean;
  /** USD per month, rounded to the cent (both columns: allowances are separate lines). */
  readonly monthly: number;
  readonly notes: readonly string[];
}

/** A free-tier allowance applied once to the report's total (account-wide), shown as its own line. */
export interface AllowanceLine {
  readonly key: string;
  readonly kind: AllowanceKind;
  readonly description: string;
  readonly covered: number;
  readonly unit: string;
  /** <= 0: what the allowance takes off the pay-as-you-go total (only always-free allowances do). */
  readonly payAsYouGo: number;
  /** <= 0: what it takes off the legacy-Free-Tier total. */
  readonly legacyFreeTier: number;
}

/** A resource with no line of its own: free, or not priced (unknown type or missing price). */
export interface ResourceNote {
  readonly tier: Tier;
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly reason: string;
}

export interface Totals {
  /** Lines whose quantity comes from the template. */
  readonly fixed: number;
  /** Lines whose quantity comes from an assumption. */
  readonly usage: number;
  readonly payAsYouGo: number;
  readonly legacyFreeTier: number;
}

export interface TierSummary {
  readonly tier: Tier;
  readonly source: string;
  readonly stacks: readonly string[];
  /** Before account-wide allowances. */
  readonly fixed: number;
  readonly usage: number;
  readonly subtotal: number;
}

export interface NatComparison {
  readonly interfaceEndpoints: number;
  readonly endpointAzs: number;
  /** The largest number of AZs any interface endpoint is in. */
  readonly azCount: number;
  readonly endpointsMonthly: number;
  readonly natGatewayMonthly: number;
  readonly publicIpv4Monthly: number;
  readonly natAlternativeMonthly: number;
  /** endpointsMonthly - natAlternativeMonthly: > 0 means the endpoints cost more than one NAT gateway. */
  readonly difference: number;
  /** Most endpoint-AZs that still cost no more than the NAT alternative. */
  readonly breakEvenEndpointAzs: number;
  /** GB/month at which the cheaper data processing of endpoints makes up the difference (when they cost more). */
  readonly breakEvenGb?: number;
  readonly statement: string;
}

export interface CostReport {
  readonly environment: string;
  readonly profile?: string;
  readonly priceTable: { readonly file: string; readonly region: string; readonly checked: string; readonly hoursPerMonth: number };
  readonly tiers: readonly TierSummary[];
  readonly lines: readonly CostLine[];
  readonly allowances: readonly AllowanceLine[];
  readonly free: readonly ResourceNote[];
  readonly unpriced: readonly ResourceNote[];
  readonly totals: Totals;
  readonly natComparison?: NatComparison;
  readonly assumptions: Readonly<Record<string, number>>;
  readonly notes: readonly string[];
}

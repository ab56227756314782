import type { Assumptions } from '../assumptions';
import type { CfnTemplate, Charge } from '../model';
import type { PropertyReader } from '../template';

/** State shared by every resource of one report (things billed per account, not per resource). */
export interface ScopeState {
  /** CloudTrail trails priced so far (the first copy of management events is free). */
  trailsSeen: number;
}

export interface PricerContext {
  readonly logicalId: string;
  readonly type: string;
  readonly props: PropertyReader;
  readonly template: CfnTemplate;
  readonly assumptions: Assumptions;
  readonly hoursPerMonth: number;
  readonly scope: ScopeState;
}

export interface PricerResult {
  /** What the resource is, for people. */
  readonly resource: string;
  readonly charges: readonly Charge[];
  readonly notes?: readonly string[];
  /** Set when the resource costs nothing: why (e.g. a gateway endpoint). */
  readonly free?: string;
  /** Set when the resource cannot be priced (e.g. an engine or class the table has no price for). */
  readonly unpriced?: string;
}

/** Prices one CloudFormation resource type. One file per AWS service family under pricers/. */
export type Pricer = (ctx: PricerContext) => PricerResult;

export function fixed(priceKey: string, quantity: number, basis: string, freeTierEligible = true): Charge {
  return { priceKey, quantity, basis, usage: false, freeTierEligible };
}

export function usage(priceKey: string, quantity: number, basis: string): Charge {
  return { priceKey, quantity, basis, usage: true, freeTierEligible: true };
}

/** `1234.5` → `1,234.5` for bases shown to people. */
export function count(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** The change plan's data: what a deploy would do to each resource of each tier, and what it refuses. */
import type { ChangeAcknowledgement } from '@showcore/naming';

export interface Template {
  readonly Resources: Record<
    string,
    { Type: string; Properties?: Record<string, any>; Metadata?: Record<string, unknown>; DeletionPolicy?: string; [key: string]: unknown }
  >;
  readonly [key: string]: unknown;
}

export type ChangeKind = ChangeAcknowledgement['change'] | 'add' | 'modify';
export type Acknowledgement = ChangeAcknowledgement;

export interface ResourceChange {
  readonly stack: string;
  readonly logicalId: string;
  /** The construct path (`aws:cdk:path`), what an acknowledgement may name instead of the logical ID. */
  readonly path?: string;
  readonly type: string;
  readonly kind: ChangeKind;
  /** A modification whose only difference is an asset hash (a bundle rebuilt): shown as such, never refused. */
  readonly assetOnly: boolean;
  /** Properties that change (modify, replace). */
  readonly properties: readonly string[];
  /** Properties whose change forces the replacement. */
  readonly replacedBy: readonly string[];
  /** Properties of an in-place update that the specification marks conditional (they may replace in some cases). */
  readonly mayReplace: readonly string[];
  /** The type holds data or keys (CloudFormation resource specification). */
  readonly stateful: boolean;
  /** Which naming properties the template sets, when the resource has a fixed physical name. */
  readonly fixedName?: string;
  /** Why the change is refused unless acknowledged. */
  readonly refusal?: string;
  /** The reason of the acknowledgement that lets a refused change through. */
  readonly acknowledged?: string;
}

/** Where the "before" side of a tier's plan came from. */
export type PlanBaseline = { readonly kind: 'deployed' } | { readonly kind: 'ref'; readonly ref: string };

export interface TierPlan {
  readonly tier: string;
  /** What the synthesized side is, e.g. `dev` or `dev with the hardened profile`. */
  readonly target: string;
  readonly baseline: string;
  readonly changes: readonly ResourceChange[];
  /** Acknowledgements in the tier's configuration that match no refused change. */
  readonly staleAcknowledgements: readonly Acknowledgement[];
}

export interface Plan {
  readonly environment: string;
  readonly profile?: string;
  readonly baseline: PlanBaseline;
  readonly tiers: readonly TierPlan[];
}

export const EXIT_REFUSED = 3;

/** Refused changes that no acknowledgement lets through. */
export function refusals(plan: Plan): { tier: string; change: ResourceChange }[] {
  return plan.tiers.flatMap((t) => t.changes.filter((c) => c.refusal && !c.acknowledged).map((change) => ({ tier: t.tier, change })));
}

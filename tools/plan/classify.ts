/**
 * Classifies what a deploy would do to each resource of one stack, from the deployed (or base) template and the
 * synthesized one. The CloudFormation update semantics come from `@aws-cdk/cloudformation-diff` (what `cdk diff`
 * itself uses) and the resource facts (which types hold data, which property names a resource) from the
 * CloudFormation resource specification in `@aws-cdk/aws-service-spec`: no hand-written table of properties.
 */
import type { ResourceDifference, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import { resourceSpec } from '#tools/lib/service-spec';
import type { Acknowledgement, ChangeKind, ResourceChange, Template } from './model';

/**
 * cloudformation-diff, loaded when a plan is first made (~0.15 s of CPU): the tier runner imports this module, and
 * most of its runs (a synth, a destroy, a deploy with nothing to change) make no plan.
 */
function cloudFormationDiff(): typeof import('@aws-cdk/cloudformation-diff') {
  return require('@aws-cdk/cloudformation-diff') as typeof import('@aws-cdk/cloudformation-diff');
}

interface TypeFacts {
  /** The type keeps data or keys that a replacement or deletion loses (the specification's `isStateful`). */
  readonly stateful: boolean;
  /** Properties that name the resource itself: its primary identifier, or `<X>Name` where the type is `…<X>`. */
  readonly nameProperties: readonly string[];
}

const factsCache = new Map<string, TypeFacts>();

/** What the CloudFormation resource specification says of a type; unknown types hold nothing and have no name. */
export function typeFacts(type: string): TypeFacts {
  const cached = factsCache.get(type);
  if (cached) return cached;
  const resource = resourceSpec(type);
  let facts: TypeFacts = { stateful: false, nameProperties: [] };
  if (resource) {
    const properties = Object.keys(resource.properties);
    const identifiers = (resource.primaryIdentifier ?? []).filter((id) => properties.includes(id));
    // `GroupName` of AWS::EC2::SecurityGroup, `BucketName`, `LogGroupName`, `AliasName`: a property named after
    // the type. `DBSubnetGroupName` of AWS::RDS::DBInstance names another resource, and is not one.
    const named = properties.filter((p) => p.endsWith('Name') && p.length > 4 && resource.name.endsWith(p.slice(0, -4)));
    facts = { stateful: resource.isStateful === true, nameProperties: [...new Set([...identifiers, ...named])] };
  }
  factsCache.set(type, facts);
  return facts;
}

const ASSET_HASH = /[a-f0-9]{64}/g;

/** The resource with every 64-hex asset hash blanked: what is left when only a bundle was rebuilt. */
function withoutAssetHashes(resource: unknown): string {
  return JSON.stringify(resource ?? null).replace(ASSET_HASH, '<asset>');
}

function cdkPath(resource: { Metadata?: Record<string, unknown> } | undefined): string | undefined {
  const value = resource?.Metadata?.['aws:cdk:path'];
  return typeof value === 'string' ? value : undefined;
}

function propertiesWith(change: ResourceDifference, impact: ResourceImpact): string[] {
  return Object.entries(change.propertyUpdates)
    .filter(([, diff]) => diff.changeImpact === impact)
    .map(([name]) => name)
    .sort();
}

/**
 * A property the specification marks "conditional" (MAY_REPLACE: `MultiAZ` or `BackupRetentionPeriod` of a
 * DBInstance, whose documented updates cause at most some interruption) is shown beside an in-place update, not
 * refused: only a property whose change always replaces (WILL_REPLACE) makes a replacement.
 */
function kindOf(change: ResourceDifference, replacing: readonly string[]): ChangeKind {
  if (change.isAddition) return 'add';
  if (change.isRemoval) return 'remove';
  if (change.resourceTypeChanged || replacing.length > 0) return 'replace';
  return 'modify';
}

/** Why a change must not go through unacknowledged, or undefined when it may. */
function refusalReason(kind: ChangeKind, type: string, fixedName: string | undefined, deletionPolicy: unknown): string | undefined {
  const facts = typeFacts(type);
  if (kind === 'replace' && facts.stateful) return `replacing a ${type} creates a new, empty one: what the old one holds is not carried over`;
  if (kind === 'remove' && facts.stateful) {
    if (deletionPolicy === 'Retain' || deletionPolicy === 'RetainExceptOnCreate') {
      return `removing a ${type} leaves it behind outside any stack (DeletionPolicy ${deletionPolicy}), with its data and its fixed name`;
    }
    if (deletionPolicy === 'Snapshot') return `removing a ${type} deletes it; only a final snapshot is kept`;
    return `removing a ${type} deletes it and what it holds`;
  }
  if (kind === 'replace' && fixedName) {
    return `its physical name is fixed (${fixedName}); CloudFormation cannot create the replacement beside it and rolls the update back`;
  }
  return undefined;
}

function matchesAcknowledgement(ack: Acknowledgement, change: { logicalId: string; path?: string; kind: ChangeKind }): boolean {
  return (ack.resource === change.logicalId || ack.resource === change.path) && ack.change === change.kind;
}

/**
 * Every resource change between `deployed` (undefined: the stack does not exist yet) and `synthesized`,
 * classified, with the refusals and the acknowledgements that let them through.
 */
export function classifyStack(
  stack: string,
  deployed: Template | undefined,
  synthesized: Template,
  acknowledgements: readonly Acknowledgement[] = [],
): ResourceChange[] {
  const { fullDiff, ResourceImpact } = cloudFormationDiff();
  const diff = fullDiff(deployed ?? {}, synthesized);
  const changes: ResourceChange[] = [];
  diff.resources.forEachDifference((logicalId, change) => {
    if (change.changeImpact === ResourceImpact.NO_CHANGE && !change.isAddition && !change.isRemoval) return;
    const replacing = propertiesWith(change, ResourceImpact.WILL_REPLACE);
    const kind = kindOf(change, replacing);
    const type = (change.newResourceType ?? change.oldResourceType) as string;
    const oldResource = change.oldValue as Template['Resources'][string] | undefined;
    const newResource = change.newValue as Template['Resources'][string] | undefined;
    const assetOnly = kind === 'modify' && withoutAssetHashes(oldResource) === withoutAssetHashes(newResource);
    const facts = typeFacts(type);
    const namedBy = facts.nameProperties.filter((p) => (newResource ?? oldResource)?.Properties?.[p] !== undefined);
    const fixedName = namedBy.length > 0 ? namedBy.map((p) => `${p} is set`).join(', ') : undefined;
    const path = cdkPath(newResource) ?? cdkPath(oldResource);
    const reason = refusalReason(kind, type, fixedName, oldResource?.DeletionPolicy);
    const acknowledgement = reason ? acknowledgements.find((ack) => matchesAcknowledgement(ack, { logicalId, path, kind })) : undefined;
    changes.push({
      stack,
      logicalId,
      ...(path ? { path } : {}),
      type,
      kind,
      assetOnly,
      properties: kind === 'modify' || kind === 'replace' ? Object.keys(change.propertyUpdates).sort() : [],
      replacedBy: kind === 'replace' ? replacing : [],
      mayReplace: kind === 'modify' ? propertiesWith(change, ResourceImpact.MAY_REPLACE) : [],
      stateful: facts.stateful,
      ...(fixedName ? { fixedName } : {}),
      ...(reason ? { refusal: reason } : {}),
      ...(acknowledgement ? { acknowledged: acknowledgement.reason } : {}),
    });
  });
  return changes.sort((a, b) => a.logicalId.localeCompare(b.logicalId));
}

/** Acknowledgements that match no refused change of the plan: stale, and an error in themselves. */
export function staleAcknowledgements(acknowledgements: readonly Acknowledgement[], changes: readonly ResourceChange[]): Acknowledgement[] {
  return acknowledgements.filter((ack) => !changes.some((change) => change.refusal && matchesAcknowledgement(ack, change)));
}

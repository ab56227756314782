import { Aspects, CfnResource, type IAspect, TagManager, Tags } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { ENVIRONMENT_TAG_VALUES, type EnvironmentName, type Tier } from '@showcore/naming';

/** The spec's five cost-allocation tags (design.md, "Resource Tagging Model") plus the owning tier. */
export interface StandardTags {
  readonly Project: string;
  readonly Phase: string;
  readonly Environment: string;
  readonly ManagedBy: string;
  readonly CostCenter: string;
  readonly Tier: string;
}

export const STANDARD_TAG_KEYS: readonly (keyof StandardTags)[] = ['Project', 'Phase', 'Environment', 'ManagedBy', 'CostCenter', 'Tier'];

/** AWS tag value limits: at most 256 Unicode characters from this set. */
export const MAX_TAG_VALUE_LENGTH = 256;
const TAG_VALUE_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export interface StandardTagOptions {
  readonly environment: EnvironmentName;
  readonly tier: Tier;
  /** @default 'Engineering' */
  readonly costCenter?: string;
  /** @default 'Phase1' */
  readonly phase?: string;
  /**
   * Tag the SSM parameters of the contract. The local emulator (moto) fails on tagged `AWS::SSM::Parameter` while
   * the CDK CLI still reports success, so the local environment's tier configs turn this off.
   * @default true
   */
  readonly tagSsmParameters?: boolean;
  /**
   * Other resource types that must not carry tags.
   * @default - none
   */
  readonly excludeResourceTypes?: readonly string[];
}

/** The tag values for a tier in an environment, validated. */
export function standardTags(options: StandardTagOptions): StandardTags {
  const tags: StandardTags = {
    Project: 'ShowCore',
    Phase: options.phase ?? 'Phase1',
    Environment: ENVIRONMENT_TAG_VALUES[options.environment],
    ManagedBy: 'CDK',
    CostCenter: options.costCenter ?? 'Engineering',
    Tier: options.tier,
  };
  validateTags(tags);
  return tags;
}

/** Rejects empty, over-long or badly formed tag values, listing every bad one. */
export function validateTags(tags: object): void {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`tag "${key}" is empty: give it a value`);
    } else if ([...value].length > MAX_TAG_VALUE_LENGTH) {
      problems.push(`tag "${key}" is ${[...value].length} characters: AWS allows at most ${MAX_TAG_VALUE_LENGTH}`);
    } else if (!TAG_VALUE_PATTERN.test(value)) {
      problems.push(`tag "${key}" = "${value}" has characters AWS rejects: use letters, digits, spaces and _ . : / = + - @`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`Invalid tags: ${problems.join('; ')}.`);
  }
}

/**
 * Resource types that CDK sometimes writes as plain `CfnResource`s rather than its tag-aware L1 classes (the
 * handler function and role of a `CustomResourceProvider`, e.g. behind a VPC's restrictDefaultSecurityGroup):
 * `Tags.of()` cannot reach those, so {@link applyStandardTags} writes their `Tags` property itself. Both take
 * tags as a list of `{ Key, Value }`. The tag check over every synthesized template (tools/checks) finds any other.
 */
export const RAW_TAGGABLE_TYPES: readonly string[] = ['AWS::IAM::Role', 'AWS::Lambda::Function'];

/** Writes the tags on plain CfnResources of {@link RAW_TAGGABLE_TYPES} that CDK's tag aspect skips. */
class RawResourceTags implements IAspect {
  constructor(
    private readonly tags: StandardTags,
    private readonly excludeResourceTypes: readonly string[],
  ) {}

  visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node) || TagManager.isTaggable(node)) return;
    const type = node.cfnResourceType;
    if (!RAW_TAGGABLE_TYPES.includes(type) || this.excludeResourceTypes.includes(type)) return;
    node.addPropertyOverride(
      'Tags',
      STANDARD_TAG_KEYS.map((key) => ({ Key: key, Value: this.tags[key] })).sort((a, b) => a.Key.localeCompare(b.Key)),
    );
  }
}

/** Applies the standard tags to every taggable resource under `scope` (a stack or the whole app). */
export function applyStandardTags(scope: IConstruct, options: StandardTagOptions): StandardTags {
  const tags = standardTags(options);
  const excludeResourceTypes = [...(options.excludeResourceTypes ?? []), ...(options.tagSsmParameters === false ? ['AWS::SSM::Parameter'] : [])];
  for (const key of STANDARD_TAG_KEYS) {
    Tags.of(scope).add(key, tags[key], { excludeResourceTypes });
  }
  Aspects.of(scope).add(new RawResourceTags(tags, excludeResourceTypes));
  return tags;
}

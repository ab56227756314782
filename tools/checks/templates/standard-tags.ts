/**
 * Every taggable resource of every synthesized template carries the standard tags (tasks.md 2.4, 12.3) with the
 * values of its tier and environment. "Taggable" comes from the CloudFormation resource specification
 * (@aws-cdk/aws-service-spec), so
 * a resource CDK adds on its own (a custom-resource function and its role) is checked like any other.
 */
import { STANDARD_TAG_KEYS } from '@showcore/tags';
import type { TagExemption } from './tag-exemptions';
import type { TaggingSchema } from './tagging-schema';
import { expectedTags, type SynthesizedTemplate } from './variants';

export interface TagProblem {
  readonly where: string;
  readonly problem: string;
}

/** Tags of a resource as key → value: the list form `[{Key, Value}]` or the map form `{key: value}`. */
function tagsOf(value: unknown): Map<string, unknown> {
  if (Array.isArray(value)) return new Map(value.filter((t) => t && typeof t === 'object').map((t) => [String((t as any).Key), (t as any).Value]));
  if (value && typeof value === 'object') return new Map(Object.entries(value as Record<string, unknown>));
  return new Map();
}

function covers(exemption: TagExemption, type: string, template: SynthesizedTemplate): boolean {
  return exemption.type === type && exemption.tiers.includes(template.tier) && exemption.variants.includes(template.variant);
}

/**
 * Problems with the standard tags across `templates`: a taggable resource missing a tag or carrying a wrong
 * value, and an exemption that matched nothing (stale). Empty when everything is tagged.
 */
export function standardTagProblems(templates: readonly SynthesizedTemplate[], schema: TaggingSchema, exemptions: readonly TagExemption[]): TagProblem[] {
  const problems: TagProblem[] = [];
  const used = new Set<TagExemption>();
  for (const template of templates) {
    const expected = expectedTags(template.tier, template.variant);
    for (const [logicalId, resource] of Object.entries(template.resources)) {
      const support = schema[resource.Type];
      if (!support) continue;
      const tags = tagsOf(resource.Properties?.[support.property]);
      const wrong = STANDARD_TAG_KEYS.filter((key) => tags.get(key) !== expected[key]);
      if (wrong.length === 0) continue;
      const exemption = exemptions.find((e) => covers(e, resource.Type, template));
      if (exemption) {
        used.add(exemption);
        continue;
      }
      problems.push({
        where: `${template.file} ${logicalId} (${resource.Type})`,
        problem: `${wrong.map((key) => (tags.has(key) ? `${key}=${JSON.stringify(tags.get(key))} (expected ${JSON.stringify(expected[key])})` : `no ${key}`)).join(', ')}. Fix: tag it through applyStandardTags (libs/tags) on its stack, or give the resource type its tags where CDK cannot (an Aspect on the construct that adds it)`,
      });
    }
  }
  for (const exemption of exemptions.filter((e) => !used.has(e))) {
    problems.push({
      where: `tools/checks/templates/tag-exemptions.ts (${exemption.type} in ${exemption.variants.join(', ')})`,
      problem: 'matches no untagged resource any more. Fix: delete the exemption',
    });
  }
  return problems;
}

import { TAG_EXEMPTIONS } from './tag-exemptions';
import { taggingSchemaOf } from './tagging-schema';
import { standardTagProblems } from './standard-tags';
import type { SynthesizedTemplate } from './variants';

/** Runs the tag check over loaded templates; prints each problem; true when there is none. */
export function checkStandardTags(templates: readonly SynthesizedTemplate[]): boolean {
  const types = templates.flatMap((t) => Object.values(t.resources).map((r) => r.Type));
  const schema = taggingSchemaOf(types);
  const taggable = Object.values(schema).filter(Boolean).length;
  const tiers = new Set(templates.map((t) => t.tier));
  const problems = standardTagProblems(
    templates,
    schema,
    TAG_EXEMPTIONS.filter((e) => e.tiers.some((tier) => tiers.has(tier))),
  );
  const resources = templates.reduce((n, t) => n + Object.keys(t.resources).length, 0);
  console.log(
    `standard tags: ${templates.length} templates, ${resources} resources, ${taggable} of ${new Set(types).size} resource types taggable (CloudFormation resource specification)`,
  );
  for (const p of problems) console.error(`  ${p.where}: ${p.problem}`);
  console.log(`standard tags: ${problems.length === 0 ? 'every taggable resource carries them' : `${problems.length} problem(s)`}`);
  return problems.length === 0;
}

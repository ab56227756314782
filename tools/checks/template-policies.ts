/**
 * Policies checked over every synthesized template of every tier, environment and profile (after the synth steps
 * of `npm test`): the standard tags on every taggable resource, and AWS Control Tower's proactive controls.
 *
 *   node --import tsx tools/checks/template-policies.ts
 */
import type { Tier } from '@showcore/naming';
import { parseArgs, tierOption } from '#tools/lib/args';
import { runMain } from '#tools/lib/process';
import { checkControlTower } from './templates/check-control-tower';
import { checkStandardTags } from './templates/check-standard-tags';
import { loadSynthesizedTemplates } from './templates/variants';

/**
 * Both checks (each reports everything it finds); true when both pass. With `tiers`, only those tiers'
 * templates and acknowledgements (the per-tier `policies` target); by default every tier's.
 */
export async function templatePolicies(tiers?: readonly Tier[]): Promise<boolean> {
  const templates = loadSynthesizedTemplates(tiers);
  const tagsOk = checkStandardTags(templates);
  const controlsOk = checkControlTower(templates, tiers);
  return tagsOk && controlsOk;
}

if (require.main === module) {
  runMain(async () => {
    const tier = tierOption(parseArgs(process.argv.slice(2), ['tier']));
    return (await templatePolicies(tier === undefined ? undefined : [tier])) ? 0 : 1;
  });
}

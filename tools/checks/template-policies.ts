/**
 * Policies checked over every synthesized template of every tier, environment and profile (after the synth steps
 * of `npm test`): the standard tags on every taggable resource, and AWS Control Tower's proactive controls.
 *
 *   node --import tsx tools/checks/template-policies.ts
 */
import { runMain } from '../lib/process';
import { checkControlTower } from './templates/check-control-tower';
import { checkStandardTags } from './templates/check-standard-tags';
import { loadSynthesizedTemplates } from './templates/variants';

/** Both checks (each reports everything it finds); true when both pass. */
export async function templatePolicies(): Promise<boolean> {
  const templates = loadSynthesizedTemplates();
  const tagsOk = checkStandardTags(templates);
  const controlsOk = checkControlTower(templates);
  return tagsOk && controlsOk;
}

if (require.main === module) runMain(async () => ((await templatePolicies()) ? 0 : 1));

/**
 * Policies checked over every synthesized template of every tier, environment and profile (after the synth steps
 * of `npm test`): the standard tags on every taggable resource.
 *
 *   node --import tsx tools/checks/template-policies.ts
 */
import { runMain } from '../lib/process';
import { checkStandardTags } from './templates/check-standard-tags';
import { loadSynthesizedTemplates } from './templates/variants';

/** Every check (each reports everything it finds); true when all pass. */
export async function templatePolicies(): Promise<boolean> {
  const templates = loadSynthesizedTemplates();
  return checkStandardTags(templates);
}

if (require.main === module) runMain(async () => ((await templatePolicies()) ? 0 : 1));

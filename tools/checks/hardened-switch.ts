/**
 * `npm test` step: the plan of the switch to the hardened profile, for dev, staging and prod, refuses exactly the
 * documented migrations (tools/plan/hardened-switch.ts). Reads the assemblies the synth steps wrote.
 */
import { TIERS } from '@showcore/naming';
import { WORKSPACE_ROOT } from '../lib/paths';
import { HARDENED_SWITCH_ENVIRONMENTS, switchRefusals, unexpectedRefusals } from '../plan/hardened-switch';

export function checkHardenedSwitch(root = WORKSPACE_ROOT): boolean {
  let ok = true;
  for (const environment of HARDENED_SWITCH_ENVIRONMENTS) {
    const found = switchRefusals(root, TIERS, environment);
    const problems = unexpectedRefusals(found, environment);
    console.log(`${environment} -> hardened: ${found.length} refusal(s): ${found.map((r) => `${r.tier} ${r.resource} (${r.replacedBy.join(', ')})`).join('; ') || 'none'}`);
    for (const problem of problems) console.error(`  ${problem}`);
    ok = ok && problems.length === 0;
  }
  return ok;
}

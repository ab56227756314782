/**
 * `npm test` check (each tier's `hardened-switch` target): the plan of the switch to the hardened profile, for dev,
 * staging and prod, refuses exactly the documented migrations (tools/plan/hardened-switch.ts). Reads the
 * assemblies synth-all wrote.
 *
 *   node --import tsx tools/checks/hardened-switch.ts [--tier=<tier>]
 */
import { TIERS, type Tier } from '@showcore/naming';
import { parseArgs, tierOption } from '#tools/lib/args';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
import { runMain } from '#tools/lib/process';
import { HARDENED_SWITCH_ENVIRONMENTS, switchRefusals, unexpectedRefusals } from '#tools/plan/hardened-switch';

export function checkHardenedSwitch(root = WORKSPACE_ROOT, tiers: readonly Tier[] = TIERS): boolean {
  let ok = true;
  for (const environment of HARDENED_SWITCH_ENVIRONMENTS) {
    const found = switchRefusals(root, tiers, environment);
    const problems = unexpectedRefusals(found, environment, tiers);
    console.log(
      `${environment} -> hardened: ${found.length} refusal(s): ${found.map((r) => `${r.tier} ${r.resource} (${r.replacedBy.join(', ')})`).join('; ') || 'none'}`,
    );
    for (const problem of problems) console.error(`  ${problem}`);
    ok = ok && problems.length === 0;
  }
  return ok;
}

if (require.main === module) {
  runMain(async () => {
    const tier = tierOption(parseArgs(process.argv.slice(2), ['tier']));
    return checkHardenedSwitch(WORKSPACE_ROOT, tier === undefined ? TIERS : [tier]) ? 0 : 1;
  });
}

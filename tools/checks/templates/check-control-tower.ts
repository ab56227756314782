import type { Tier } from '@showcore/naming';
import { CONTROL_TOWER_ACKNOWLEDGEMENTS } from '../control-tower-acknowledgements';
import { controlTowerFailures } from './control-tower';
import { controlVerdict } from './control-tower-verdict';
import type { SynthesizedTemplate } from './variants';

/**
 * Runs the Control Tower proactive controls over loaded templates; prints the verdict; true when it passes.
 * With `tiers`, only those tiers' acknowledgements are expected to match (the others' templates were not loaded).
 * The acknowledgements marked `unevaluable` name the pairs cfn-guard runs apart, so no run is lost to them.
 */
export function checkControlTower(templates: readonly SynthesizedTemplate[], tiers?: readonly Tier[]): boolean {
  const started = Date.now();
  const acknowledgements = tiers ? CONTROL_TOWER_ACKNOWLEDGEMENTS.filter((ack) => tiers.includes(ack.tier)) : CONTROL_TOWER_ACKNOWLEDGEMENTS;
  const failures = controlTowerFailures(
    templates,
    acknowledgements.filter((ack) => ack.unevaluable),
  );
  const verdict = controlVerdict(failures, acknowledgements);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `Control Tower proactive controls: ${templates.length} templates, ${failures.length} failures, ${verdict.acknowledged} acknowledged (${seconds} s)`,
  );
  for (const line of verdict.unacknowledged) console.error(`  NEW FAILURE  ${line}`);
  for (const line of verdict.stale) console.error(`  STALE        ${line}`);
  return verdict.unacknowledged.length === 0 && verdict.stale.length === 0;
}

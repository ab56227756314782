import { CONTROL_TOWER_ACKNOWLEDGEMENTS } from '../control-tower-acknowledgements';
import { controlTowerFailures } from './control-tower';
import { controlVerdict } from './control-tower-verdict';
import type { SynthesizedTemplate } from './variants';

/** Runs the Control Tower proactive controls over loaded templates; prints the verdict; true when it passes. */
export function checkControlTower(templates: readonly SynthesizedTemplate[]): boolean {
  const started = Date.now();
  const failures = controlTowerFailures(templates);
  const verdict = controlVerdict(failures, CONTROL_TOWER_ACKNOWLEDGEMENTS);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`Control Tower proactive controls: ${templates.length} templates, ${failures.length} failures, ${verdict.acknowledged} acknowledged (${seconds} s)`);
  for (const line of verdict.unacknowledged) console.error(`  NEW FAILURE  ${line}`);
  for (const line of verdict.stale) console.error(`  STALE        ${line}`);
  return verdict.unacknowledged.length === 0 && verdict.stale.length === 0;
}

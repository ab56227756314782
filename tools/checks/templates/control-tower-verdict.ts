/**
 * Compares the Control Tower failures of the synthesized templates with the acknowledgements: a failure nobody
 * acknowledged fails the run with the control, the resource and the fix; an acknowledgement with no failure in one
 * of its variants is stale and fails the run too, and so is one marked `unevaluable` where cfn-guard evaluated the
 * control (its reason, and the check's runs, would rest on a plugin failure that no longer happens).
 */
import type { ControlAcknowledgement } from '../control-tower-acknowledgements';
import type { ControlFailure } from './control-tower';

export interface ControlVerdict {
  /** Failures no acknowledgement covers, one line each. */
  readonly unacknowledged: readonly string[];
  /** Acknowledgements (per variant) that match no failure, or are marked `unevaluable` where cfn-guard evaluated the control, one line each. */
  readonly stale: readonly string[];
  readonly acknowledged: number;
}

const keyOf = (control: string, tier: string, resource: string, variant: string) => `${control} ${tier} ${resource} ${variant}`;

export function controlVerdict(failures: readonly ControlFailure[], acknowledgements: readonly ControlAcknowledgement[]): ControlVerdict {
  const acknowledged = new Map<string, ControlAcknowledgement>();
  for (const ack of acknowledgements) for (const variant of ack.variants) acknowledged.set(keyOf(ack.control, ack.tier, ack.resource, variant), ack);
  const matched = new Set<string>();
  const evaluated = new Map<string, string>();
  const unacknowledged: string[] = [];
  for (const f of failures) {
    const key = keyOf(f.control, f.template.tier, f.logicalId, f.template.variant);
    if (acknowledged.has(key)) {
      matched.add(key);
      if (acknowledged.get(key)?.unevaluable && !f.unevaluable && !evaluated.has(key)) evaluated.set(key, f.fix);
    } else
      unacknowledged.push(
        `${f.control} (${f.rule}) fails on ${f.logicalId} (${f.type}) in ${f.template.file}. Fix: ${f.fix} Or, when it is a deliberate choice, acknowledge it with its reason in tools/checks/control-tower-acknowledgements.ts.`,
      );
  }
  const stale = [...acknowledged.keys()]
    .filter((key) => !matched.has(key))
    .map((key) => {
      const [control, tier, resource, variant] = key.split(' ');
      return `${control} on ${tier} ${resource} in ${variant} is acknowledged in tools/checks/control-tower-acknowledgements.ts but no longer fails. Fix: remove ${variant} from that entry (or the entry).`;
    });
  for (const [key, fix] of evaluated) {
    const [control, tier, resource, variant] = key.split(' ');
    stale.push(
      `${control} on ${tier} ${resource} in ${variant} is acknowledged as unevaluable in tools/checks/control-tower-acknowledgements.ts but cfn-guard evaluated it (it fails: ${fix}). Fix: drop \`unevaluable\` from that entry and give the reason for this failure (or fix it).`,
    );
  }
  return { unacknowledged, stale, acknowledged: matched.size };
}

import { ConfigError } from './config-errors';

/**
 * A reviewed acknowledgement, in an environment's configuration, that a deploy may replace or remove one resource
 * that the change plan (`npm run plan`) otherwise refuses: a resource that holds data or keys, or one with a fixed
 * physical name. It names one resource and one kind of change, with the reason a reviewer checked.
 */
export interface ChangeAcknowledgement {
  /** The resource as the plan prints it: its logical ID or its construct path (e.g. `Data/Database/Resource`). */
  readonly resource: string;
  /** The change acknowledged. */
  readonly change: 'replace' | 'remove';
  /** Why it is safe: the runbook followed, where the data went, the ticket. Reviewed with the change. */
  readonly reason: string;
}

/** The metadata type under which a TierStack records its acknowledgements in the cloud assembly's manifest. */
export const ACKNOWLEDGED_CHANGES_METADATA = 'showcore:acknowledged-changes';

/** At least this many characters: a reason a reviewer can check, not "ok". */
const MIN_REASON_LENGTH = 20;

/** The problems of a list of acknowledgements (each names the entry, the value and the fix). */
export function acknowledgementProblems(acknowledgements: readonly ChangeAcknowledgement[]): string[] {
  const problems: string[] = [];
  acknowledgements.forEach((ack, index) => {
    const field = `acknowledgedChanges[${index}]`;
    if (typeof ack.resource !== 'string' || ack.resource.trim() === '') {
      problems.push(`${field}.resource = ${JSON.stringify(ack.resource)}: names no resource. Fix: the logical ID or construct path the plan prints.`);
    }
    if (ack.change !== 'replace' && ack.change !== 'remove') {
      problems.push(`${field}.change = ${JSON.stringify(ack.change)}: not a change the plan refuses. Fix: 'replace' or 'remove'.`);
    }
    if (typeof ack.reason !== 'string' || ack.reason.trim().length < MIN_REASON_LENGTH) {
      problems.push(
        `${field}.reason = ${JSON.stringify(ack.reason)}: too short to review. Fix: say why the change is safe (the runbook followed, where the data went), at least ${MIN_REASON_LENGTH} characters.`,
      );
    }
    const twin = acknowledgements.findIndex((other) => other.resource === ack.resource && other.change === ack.change);
    if (twin !== index) problems.push(`${field}: repeats acknowledgedChanges[${twin}] (${ack.change} of ${ack.resource}). Fix: keep one.`);
  });
  return problems;
}

/** Throws one error listing every problem of `acknowledgements`, naming `source`. */
export function checkAcknowledgements(acknowledgements: readonly ChangeAcknowledgement[], source: string): void {
  const problems = acknowledgementProblems(acknowledgements);
  if (problems.length > 0) throw new ConfigError(source, problems);
}

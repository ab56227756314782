/** One check of one probe, as a probe script reports it (`PASS|FAIL <probe>.<check> <detail>`). */
export interface CheckResult {
  readonly probe: string;
  readonly check: string;
  readonly passed: boolean;
  readonly detail: string;
}

/** What one run of probes produced, wherever it ran (an instance through Run Command, or this machine). */
export interface ProbeOutcome {
  readonly results: readonly CheckResult[];
  /** Exit code of the probe runner; null when it never finished (timed out, instance lost). */
  readonly exitCode: number | null;
  /** Why the run itself failed, beyond the checks (timeout, transport error); empty when it ran to the end. */
  readonly problems: readonly string[];
}

/** True when the run finished, reported at least one check, and every check passed. */
export function outcomePassed(outcome: ProbeOutcome): boolean {
  return outcome.exitCode === 0 && outcome.problems.length === 0 && outcome.results.length > 0 && outcome.results.every((r) => r.passed);
}

/** `N/M checks passed`: the one-line detail of a probe step. */
export function outcomeSummary(outcome: ProbeOutcome): string {
  return `${outcome.results.filter((r) => r.passed).length}/${outcome.results.length} checks passed`;
}

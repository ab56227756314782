/** One check of one probe (`PASS|FAIL <probe>.<check> <detail>` in the report). */
export interface CheckResult {
  readonly probe: string;
  readonly check: string;
  readonly passed: boolean;
  readonly detail: string;
}

/** What one run of probes produced, wherever it ran (the probe function, or the edge probe on this machine). */
export interface ProbeOutcome {
  readonly results: readonly CheckResult[];
  /** 0 when every check passed, 1 otherwise; null when the run never finished (timed out). */
  readonly exitCode: number | null;
  /** Why the run itself failed, beyond the checks (bad request, timeout, a missing probe user); empty otherwise. */
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

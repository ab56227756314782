import type { CheckResult } from './model';

const LINE = /^(PASS|FAIL) ([a-z0-9-]+)\.([a-z0-9-]+)(?: (.*))?$/;

/**
 * The check lines of a probe run's standard output (see probes/README.md); every other line is ignored.
 * A `SUMMARY` line that disagrees with the lines counted is reported as a failed check of the runner, so a
 * truncated output (Run Command keeps the first 24,000 characters) is never read as a pass.
 */
export function parseProbeOutput(stdout: string): CheckResult[] {
  const results: CheckResult[] = [];
  let summary: { passed: number; failed: number } | undefined;
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const match = LINE.exec(line);
    if (match) {
      results.push({ passed: match[1] === 'PASS', probe: match[2], check: match[3], detail: match[4] ?? '' });
      continue;
    }
    const total = /^SUMMARY passed=(\d+) failed=(\d+)$/.exec(line);
    if (total) summary = { passed: Number(total[1]), failed: Number(total[2]) };
  }
  if (summary) {
    const passed = results.filter((r) => r.passed).length;
    const failed = results.length - passed;
    if (passed !== summary.passed || failed !== summary.failed) {
      results.push({
        probe: 'runner',
        check: 'summary',
        passed: false,
        detail: `the runner counted ${summary.passed} passed / ${summary.failed} failed but ${passed} / ${failed} lines arrived (output truncated?)`,
      });
    }
  }
  return results;
}

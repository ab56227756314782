import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CheckResult } from './checks';

export interface RunReport {
  readonly environment: string;
  readonly endpoint?: string;
  readonly startedAt: string;
  readonly seconds: Record<string, number>;
  readonly skippedTypes: Record<string, [string, number][]>;
  readonly checks: CheckResult[];
  /** Set when the run stopped before verifying everything: which step, for which tier, and why. */
  readonly failure?: RunFailure;
}

export interface RunFailure {
  readonly step: string;
  /** The tier the step was working on; undefined for steps of the whole run (starting the emulator, bootstrap). */
  readonly tier?: string;
  readonly message: string;
}

/** True when the run deployed and verified everything without a failure. */
export function passed(report: RunReport): boolean {
  return !report.failure && summarize(report.checks).failed === 0;
}

/** The one line a person reads first: what failed, where, and why; or how the verification went. */
export function headline(report: RunReport): string {
  const { passed: ok, failed } = summarize(report.checks);
  if (report.failure) {
    const where = report.failure.tier ? `the ${report.failure.tier} tier` : 'the run as a whole';
    return `FAILED at step "${report.failure.step}" (${where}): ${report.failure.message}`;
  }
  const failedTiers = [...new Set(report.checks.filter((c) => c.status === 'fail').map((c) => c.tier))];
  return failed === 0
    ? `PASSED: ${ok} checks passed`
    : `FAILED at step "verify" (${failedTiers.map((t) => `the ${t} tier`).join(', ')}): ${failed} check(s) failed`;
}

const ICON = { pass: 'PASS', fail: 'FAIL', 'not-emulated': 'SKIP' } as const;

export function summarize(checks: readonly CheckResult[]): { passed: number; failed: number; notEmulated: number } {
  return {
    passed: checks.filter((c) => c.status === 'pass').length,
    failed: checks.filter((c) => c.status === 'fail').length,
    notEmulated: checks.filter((c) => c.status === 'not-emulated').length,
  };
}

export function toMarkdown(report: RunReport): string {
  const { passed, failed, notEmulated } = summarize(report.checks);
  const lines = [
    `# ShowCore ${report.environment} deploy and verification`,
    '',
    `**${headline(report)}**`,
    '',
    `Started ${report.startedAt}${report.endpoint ? ` against ${report.endpoint}` : ''}.`,
    `**${passed} passed, ${failed} failed**, ${notEmulated} resource types not emulated locally (covered by template tests, cdk-nag and cfn-lint).`,
    '',
    '## Timings',
    '',
    '| step | seconds |',
    '|---|---:|',
    ...Object.entries(report.seconds).map(([step, s]) => `| ${step} | ${s.toFixed(1)} |`),
    '',
    '## Checks',
    '',
    '| tier | result | check | detail |',
    '|---|---|---|---|',
    ...report.checks.map((c) => `| ${c.tier} | ${ICON[c.status]} | ${c.check} | ${c.detail.replace(/\|/g, '\\|')} |`),
    '',
  ];
  return lines.join('\n');
}

export function toConsole(report: RunReport): string {
  const width = Math.max(...report.checks.map((c) => c.check.length), 10);
  const rows = report.checks.map((c) => `  ${ICON[c.status]}  ${c.tier.padEnd(7)} ${c.check.padEnd(width)}  ${c.detail}`);
  const { passed, failed } = summarize(report.checks);
  return [...rows, '', `verification: ${passed} passed, ${failed} failed`, headline(report)].join('\n');
}

function reportFiles(dir: string): { markdown: string; json: string } {
  return { markdown: path.join(dir, 'report.md'), json: path.join(dir, 'report.json') };
}

/** Removes a previous run's report, so a run that dies before writing its own leaves none that looks current. */
export function removeReport(dir: string): void {
  for (const file of Object.values(reportFiles(dir))) fs.rmSync(file, { force: true });
}

export function writeReport(dir: string, report: RunReport): { markdown: string; json: string } {
  fs.mkdirSync(dir, { recursive: true });
  const { markdown, json } = reportFiles(dir);
  fs.writeFileSync(markdown, toMarkdown(report));
  fs.writeFileSync(json, `${JSON.stringify({ ...report, outcome: passed(report) ? 'passed' : 'failed' }, null, 2)}\n`);
  return { markdown, json };
}

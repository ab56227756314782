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
  return [...rows, '', `verification: ${passed} passed, ${failed} failed`].join('\n');
}

export function writeReport(dir: string, report: RunReport): { markdown: string; json: string } {
  fs.mkdirSync(dir, { recursive: true });
  const markdown = path.join(dir, 'report.md');
  const json = path.join(dir, 'report.json');
  fs.writeFileSync(markdown, toMarkdown(report));
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  return { markdown, json };
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
import type { CheckResult } from './model';
import type { VerifyReport } from './verify';

function checkRows(where: string, results: readonly CheckResult[]): string[] {
  return results.map((r) => `| ${where} | ${r.passed ? 'PASS' : '**FAIL**'} | \`${r.probe}.${r.check}\` | ${r.detail.replace(/\|/g, '\\|')} |`);
}

/** Markdown for people (and the PR or runbook that links it). */
export function renderMarkdown(report: VerifyReport): string {
  const lines = [
    `# Verification of ${report.environment} — ${report.passed ? 'PASSED' : 'FAILED'}`,
    '',
    `Run \`${report.runId}\`${report.account ? `, account ${report.account}` : ''}${report.probeFunction ? `, probe function ${report.probeFunction.name}${report.probeFunction.invoker === 'lambda' ? '' : ` (${report.probeFunction.invoker})`}` : ''}.`,
    '',
    '## Steps',
    '',
    '| step | ok | seconds | detail |',
    '| --- | --- | ---: | --- |',
    ...report.steps.map((s) => `| ${s.step} | ${s.ok ? 'yes' : '**no**'} | ${s.seconds.toFixed(1)} | ${s.detail.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`),
    '',
    '## Checks',
    '',
    '| where | result | check | detail |',
    '| --- | --- | --- | --- |',
    ...checkRows('inside the VPC', report.inside?.results ?? []),
    ...checkRows('outside (edge)', report.edge?.results ?? []),
  ];
  const problems = [...(report.inside?.problems ?? []), ...(report.edge?.problems ?? []), ...report.cleanup.problems];
  if (problems.length > 0) lines.push('', '## Problems', '', ...problems.map((p) => `- ${p}`));
  if (report.skipped.length > 0) lines.push('', '## Skipped', '', ...report.skipped.map((s) => `- ${s.probe}: ${s.reason}`));
  lines.push(
    '',
    '## Clean-up',
    '',
    `- objects left under _verify/${report.runId}/ and removed: ${report.cleanup.removedObjects}`,
    `- clean-up problems: ${report.cleanup.problems.length === 0 ? 'none' : `**${report.cleanup.problems.length} — see Problems**`}`,
  );
  return `${lines.join('\n')}\n`;
}

/** Writes reports/<env>/verify.{md,json}; returns the Markdown path. */
export function writeReport(report: VerifyReport, root = WORKSPACE_ROOT): string {
  const dir = path.join(root, 'reports', report.environment);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'verify.json'), `${JSON.stringify(report, null, 2)}\n`);
  const markdown = path.join(dir, 'verify.md');
  fs.writeFileSync(markdown, renderMarkdown(report));
  return markdown;
}

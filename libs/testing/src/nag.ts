import * as fs from 'node:fs';
import * as path from 'node:path';
import type { App } from 'aws-cdk-lib';
import { isValidationFailure } from './validation-error';

export interface NagFinding {
  readonly rule: string;
  readonly path: string;
  readonly description: string;
}

const REPORT_FILE = 'validation-report.json';

/**
 * Synthesizes an app whose cdk-nag plugin (AwsSolutionsChecks, added by each app's build function) is
 * registered, and returns every finding that no `Validations.of(...).acknowledge(...)` covers.
 */
export function nagFindings(app: App): NagFinding[] {
  const reportPath = path.join(app.outdir, REPORT_FILE);
  if (!fs.existsSync(reportPath)) {
    try {
      app.synth();
    } catch (error) {
      if (!isValidationFailure(error)) throw error;
    }
  }
  if (!fs.existsSync(reportPath)) {
    throw new Error(`No ${REPORT_FILE} in ${app.outdir}: was cdk-nag added with Validations.of(app).addPlugins(...)?`);
  }
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  const findings: NagFinding[] = [];
  for (const plugin of report.pluginReports ?? []) {
    for (const violation of plugin.violations ?? []) {
      for (const construct of violation.violatingConstructs ?? []) {
        findings.push({ rule: violation.ruleName, path: construct.constructPath, description: violation.description });
      }
    }
  }
  return findings;
}

/** Fails, listing each finding with its construct path, when cdk-nag reports anything unacknowledged. */
export function expectNoNagFindings(app: App): void {
  const findings = nagFindings(app);
  if (findings.length > 0) {
    throw new Error(
      `cdk-nag reported ${findings.length} unacknowledged finding(s):\n` +
        findings.map((f) => `  ${f.rule} at ${f.path}: ${f.description}`).join('\n') +
        '\nFix the resource, or acknowledge with Validations.of(construct).acknowledge({ id, reason }) and a reason a reviewer can check.',
    );
  }
}

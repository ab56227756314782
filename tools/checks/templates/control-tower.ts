/**
 * AWS Control Tower's proactive controls, as the cfn-guard rules `@cdklabs/cdk-validator-cfnguard` publishes (with
 * a cfn-guard binary inside the package), run over the synthesized templates. One cfn-guard process checks every
 * template against every rule, so the cost stays one process, not one per synth.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
import type { SynthesizedTemplate } from './variants';

/** One control that one resource of one synthesized template fails. */
export interface ControlFailure {
  /** The control's id, e.g. `CT.S3.PR.1`. */
  readonly control: string;
  /** The cfn-guard rule behind it, e.g. `s3_bucket_level_public_access_prohibited_check`. */
  readonly rule: string;
  readonly template: SynthesizedTemplate;
  readonly logicalId: string;
  readonly type: string;
  /** What the control asks for (the rule's [FIX] text). */
  readonly fix: string;
}

/** The type of a failure that names no resource of the template. */
export const UNATTRIBUTED = '(no resource)';

const RULES_DIR = path.join(path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')), 'rules', 'control-tower', 'cfn-guard');

/** One rule file of the pack: its control id, the cfn-guard rules it defines and the resource types it reports on. */
export interface ControlRuleFile {
  readonly file: string;
  /** ct-s3-pr-1.guard → CT.S3.PR.1 */
  readonly control: string;
  readonly rules: readonly string[];
  readonly reportsOn: readonly string[];
}

/** The rule files of the pack, read from each file's name, `rule <name> when …` lines and "Reports on" header. */
export function controlRuleFiles(rulesDir = RULES_DIR): ControlRuleFile[] {
  const files: ControlRuleFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.guard')) {
        const text = fs.readFileSync(full, 'utf8');
        const rules = [...new Set([...text.matchAll(/^rule (\w+) when /gm)].map((m) => m[1]))];
        const reportsOn = (/Reports on:\s*\n#\s*(.+)/.exec(text)?.[1] ?? '').split(',').map((t) => t.trim()).filter(Boolean);
        files.push({ file: full, control: path.basename(entry.name, '.guard').toUpperCase().replace(/-/g, '.'), rules, reportsOn });
      }
    }
  };
  walk(rulesDir);
  return files;
}

/** Every control failure of `templates`. */
export function controlTowerFailures(templates: readonly SynthesizedTemplate[]): ControlFailure[] {
  const catalog = controlRuleFiles();
  return templates.flatMap((template) => attributed(failuresOf(template, catalog)));
}

/**
 * cfn-guard also reports a rule's document-level clauses, which name no resource: drop those when the same
 * control names a resource of the template, and keep them (as the whole template) when it names none.
 */
function attributed(failures: ControlFailure[]): ControlFailure[] {
  const named = new Set(failures.filter((f) => f.type !== UNATTRIBUTED).map((f) => f.control));
  const seen = new Set<string>();
  return failures.filter((f) => {
    if (f.type !== UNATTRIBUTED) return true;
    if (named.has(f.control) || seen.has(f.control)) return false;
    seen.add(f.control);
    return true;
  });
}

/**
 * One cfn-guard run over one template, with only the rule files that report on a type the template holds: a
 * rule about API Gateway or Redshift would SKIP anyway, and loading rules is most of cfn-guard's time.
 */
function failuresOf(template: SynthesizedTemplate, catalog: readonly ControlRuleFile[]): ControlFailure[] {
  const types = new Set(Object.values(template.resources).map((r) => r.Type));
  const ruleFiles = catalog.filter((f) => f.reportsOn.some((type) => types.has(type)));
  if (ruleFiles.length === 0) return [];
  const controls = new Map(ruleFiles.flatMap((f) => f.rules.map((rule) => [rule, f.control] as const)));
  try {
    return violationsOf(template, ruleFiles, controls);
  } catch {
    // The plugin fails on some results (e.g. CT.LAMBDA.PR.3 over a VpcConfig whose SubnetIds is an Fn::Split):
    // evaluate the rule files one at a time, and report each one it cannot evaluate as a failure of every
    // resource it reports on, so it is acknowledged (with what proves the control instead) or fixed, never skipped.
    return ruleFiles.flatMap((file) => {
      try {
        return violationsOf(template, [file], controls);
      } catch (error) {
        return Object.entries(template.resources)
          .filter(([, resource]) => file.reportsOn.includes(resource.Type))
          .map(([logicalId, resource]) => ({
            control: file.control,
            rule: file.rules.join(', '),
            template,
            logicalId,
            type: resource.Type,
            fix: `cfn-guard could not evaluate this control here (the validator plugin failed: ${String((error as Error).message).trim().split('\n').pop()?.trim()}); prove it with a template assertion and acknowledge it`,
          }));
      }
    });
  }
}

function violationsOf(template: SynthesizedTemplate, ruleFiles: readonly ControlRuleFile[], controls: ReadonlyMap<string, string>): ControlFailure[] {
  const validator = new CfnGuardValidator({ controlTowerRulesEnabled: false, rules: ruleFiles.map((f) => f.file) });
  const report = validator.validate({ templatePaths: [path.resolve(WORKSPACE_ROOT, template.file)] } as Parameters<CfnGuardValidator['validate']>[0]);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      control: controls.get(violation.ruleName) ?? violation.ruleName,
      rule: violation.ruleName,
      template,
      logicalId: template.resources[resource.resourceLogicalId] ? resource.resourceLogicalId : '(template)',
      type: template.resources[resource.resourceLogicalId]?.Type ?? UNATTRIBUTED,
      fix: violation.fix ?? violation.description,
    })),
  );
}

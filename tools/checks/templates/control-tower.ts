/**
 * AWS Control Tower's proactive controls, as the cfn-guard rules `@cdklabs/cdk-validator-cfnguard` publishes (with
 * a cfn-guard binary inside the package), run over the synthesized templates: one cfn-guard process for all the
 * templates of a check, not one per template or per synth, plus one per pair the validator plugin is known to fail on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import type { Tier } from '@showcore/naming';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
import type { SynthesizedTemplate, Variant } from './variants';

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
  /**
   * cfn-guard could not evaluate the control on this template (the validator plugin failed on its results): the
   * failure stands for every resource of a type the control reports on, and `fix` says so.
   */
  readonly unevaluable: boolean;
}

/**
 * A control the validator plugin is known to fail on for one resource (logical id) of a tier, in some variants:
 * the acknowledgements marked `unevaluable` (CT.LAMBDA.PR.3 over the ops probe function's Fn::Split subnets).
 */
export interface KnownUnevaluable {
  readonly control: string;
  readonly tier: Tier;
  readonly resource: string;
  readonly variants: readonly Variant[];
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
        const reportsOn = (/Reports on:\s*\n#\s*(.+)/.exec(text)?.[1] ?? '')
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean);
        files.push({ file: full, control: path.basename(entry.name, '.guard').toUpperCase().replace(/-/g, '.'), rules, reportsOn });
      }
    }
  };
  walk(rulesDir);
  return files;
}

/**
 * Every control failure of `templates`, per template in the order of the pack's rule files (the order does not
 * depend on how the runs were grouped). `knownUnevaluable` only saves runs: each such pair is evaluated alone
 * up front instead of being found by halving; the failures are the same with or without it.
 */
export function controlTowerFailures(templates: readonly SynthesizedTemplate[], knownUnevaluable: readonly KnownUnevaluable[] = []): ControlFailure[] {
  const catalog = controlRuleFiles();
  const fileOfRule = new Map(catalog.flatMap((f) => f.rules.map((rule) => [rule, f] as const)));
  const rank = new Map(catalog.map((file, index) => [file.control, index]));
  const rankOf = (f: ControlFailure) => rank.get(f.control) ?? catalog.length;
  const failures = evaluateApart(templates, catalog, fileOfRule, knownUnevaluable);
  return templates.flatMap((template) => attributed(failures.filter((f) => f.template === template).sort((a, b) => rankOf(a) - rankOf(b))));
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

/** Does the rule file report on a type the template holds? Only such pairs are evaluated (others would SKIP). */
function concerns(file: ControlRuleFile, template: SynthesizedTemplate): boolean {
  const types = typesOf(template);
  return file.reportsOn.some((type) => types.has(type));
}

/** The resource types a template holds, read once per template (every rule file and violation asks). */
const templateTypes = new WeakMap<SynthesizedTemplate, ReadonlySet<string>>();
function typesOf(template: SynthesizedTemplate): ReadonlySet<string> {
  let types = templateTypes.get(template);
  if (!types) {
    types = new Set(Object.values(template.resources).map((resource) => resource.Type));
    templateTypes.set(template, types);
  }
  return types;
}

/** Is the rule file one the validator plugin is known to fail on for a resource of the template? */
function knownToFail(file: ControlRuleFile, template: SynthesizedTemplate, knownUnevaluable: readonly KnownUnevaluable[]): boolean {
  return knownUnevaluable.some(
    (known) =>
      known.control === file.control &&
      known.tier === template.tier &&
      known.variants.includes(template.variant) &&
      file.reportsOn.includes(template.resources[known.resource]?.Type ?? ''),
  );
}

/**
 * Every (rule file, template) pair the rule file concerns, evaluated once, with the pairs the validator plugin is
 * known to fail on kept out of the shared run: a failure of the plugin throws away the whole run it happens in, and
 * finding the culprit by halving costs ~3 times the shared run (ops: 18 runs instead of 8).
 *
 * - the rule files known to fail on no template: one run over all templates (`evaluate`);
 * - each rule file known to fail on some templates: one run over the other templates it concerns, and one run on
 *   each of those templates alone, where the plugin fails (the failure says so) or, when it no longer does,
 *   evaluates the control normally (then the verdict reports the acknowledgement as stale).
 *
 * Every run still falls back to halving when the plugin fails where nobody expected it.
 */
function evaluateApart(
  templates: readonly SynthesizedTemplate[],
  catalog: readonly ControlRuleFile[],
  fileOfRule: ReadonlyMap<string, ControlRuleFile>,
  knownUnevaluable: readonly KnownUnevaluable[],
): ControlFailure[] {
  const failingOn = new Map(catalog.map((file) => [file, templates.filter((template) => knownToFail(file, template, knownUnevaluable))]));
  return [
    ...evaluate(
      templates,
      catalog.filter((file) => failingOn.get(file)?.length === 0),
      fileOfRule,
    ),
    ...catalog.flatMap((file) => {
      const failing = failingOn.get(file) ?? [];
      if (failing.length === 0) return [];
      return [
        ...evaluate(
          templates.filter((template) => !failing.includes(template)),
          [file],
          fileOfRule,
        ),
        ...failing.flatMap((template) => evaluate([template], [file], fileOfRule)),
      ];
    }),
  ];
}

/**
 * cfn-guard over the templates with the rule files that concern them, in as few runs as possible: all templates
 * go into one run with every rule file that concerns one of them (splitting a run saves no evaluation and repeats
 * the process, the rules' loading and the plugin's parsing), and a violation counts only where its rule file
 * concerns its template (the same verdict as one run per template with only its own rule files).
 *
 * The validator plugin fails on some results (e.g. CT.LAMBDA.PR.3 over a VpcConfig whose SubnetIds is an
 * Fn::Split), and then the run yields nothing: the rule files are halved until the one it cannot evaluate is alone,
 * that one is tried on each template alone, and that pair is reported as a failure of every resource the rule
 * reports on, so it is acknowledged (with what proves the control instead) or fixed, never skipped. Pairs known in
 * advance skip the halving (`evaluateApart`); this stays the fallback for the others.
 */
function evaluate(
  templates: readonly SynthesizedTemplate[],
  ruleFiles: readonly ControlRuleFile[],
  fileOfRule: ReadonlyMap<string, ControlRuleFile>,
): ControlFailure[] {
  const files = ruleFiles.filter((file) => templates.some((template) => concerns(file, template)));
  const concerned = templates.filter((template) => files.some((file) => concerns(file, template)));
  if (files.length === 0 || concerned.length === 0) return [];
  try {
    return violationsOf(concerned, files, fileOfRule).filter((f) => {
      const file = fileOfRule.get(f.rule);
      return file === undefined || concerns(file, f.template);
    });
  } catch (error) {
    if (files.length > 1) {
      const half = Math.ceil(files.length / 2);
      return [...evaluate(concerned, files.slice(0, half), fileOfRule), ...evaluate(concerned, files.slice(half), fileOfRule)];
    }
    // One rule file the plugin cannot evaluate: it usually fails on every variant of a resource, so each template
    // is tried alone rather than halved.
    if (concerned.length > 1) return concerned.flatMap((template) => evaluate([template], files, fileOfRule));
    const [file] = files;
    const [template] = concerned;
    return Object.entries(template.resources)
      .filter(([, resource]) => file.reportsOn.includes(resource.Type))
      .map(([logicalId, resource]) => ({
        control: file.control,
        rule: file.rules.join(', '),
        template,
        logicalId,
        type: resource.Type,
        fix: `cfn-guard could not evaluate this control here (the validator plugin failed: ${String((error as Error).message)
          .trim()
          .split('\n')
          .pop()
          ?.trim()}); prove it with a template assertion and acknowledge it`,
        unevaluable: true,
      }));
  }
}

function violationsOf(
  templates: readonly SynthesizedTemplate[],
  ruleFiles: readonly ControlRuleFile[],
  fileOfRule: ReadonlyMap<string, ControlRuleFile>,
): ControlFailure[] {
  const byPath = new Map(templates.map((template) => [path.resolve(WORKSPACE_ROOT, template.file), template]));
  const validator = new CfnGuardValidator({ controlTowerRulesEnabled: false, rules: ruleFiles.map((f) => f.file) });
  const report = validator.validate({ templatePaths: [...byPath.keys()] } as Parameters<CfnGuardValidator['validate']>[0]);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => {
      const template = byPath.get(path.resolve(resource.templatePath));
      if (!template) throw new Error(`cfn-guard reported ${violation.ruleName} on ${resource.templatePath}, a template it was not given.`);
      return {
        control: fileOfRule.get(violation.ruleName)?.control ?? violation.ruleName,
        rule: violation.ruleName,
        template,
        logicalId: template.resources[resource.resourceLogicalId] ? resource.resourceLogicalId : '(template)',
        type: template.resources[resource.resourceLogicalId]?.Type ?? UNATTRIBUTED,
        fix: violation.fix ?? violation.description,
        unevaluable: false,
      };
    }),
  );
}

/**
 * The cost report: the monthly cost of a tier's (or every tier's) synthesized templates for an environment,
 * from the checked-in price table, in two columns (pay-as-you-go and the legacy 12-month Free Tier), with the
 * interface-endpoints-vs-NAT comparison; or, with --base, the difference against a git ref for a PR comment.
 *
 *   node --import tsx tools/cost/main.ts --tier=network --environment=dev      (npx nx run network:cost -c dev)
 *   npm run cost -- --environment=prod --profile=hardened --json
 *   npm run cost -- --base=origin/main                                         (PR comment: base ref vs working tree)
 *   npm run cost -- --ref=HEAD --markdown                                      (a commit, synthesized in a worktree)
 */
import * as path from 'node:path';
import { TIERS } from '@showcore/naming';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
import { runMain, UsageError } from '#tools/lib/process';
import { loadAssumptions } from './assumptions';
import { resolveCommit, templatesAtRef } from './base-ref';
import { diffReports } from './diff';
import { estimate } from './estimate';
import type { CostReport, TierTemplates } from './model';
import { parseCostOptions, USAGE, type CostOptions } from './options';
import { loadPriceTable } from './price-table';
import { renderDiffMarkdown, renderMarkdown } from './render-markdown';
import { renderText } from './render-text';
import { loadTemplates, synthesize, tiersIn, unsynthesized } from './sources';

/** The --strict failure: every resource that could not be priced, or undefined when all were. */
export function strictFailure(report: CostReport): string | undefined {
  if (report.unpriced.length === 0) return undefined;
  return (
    `--strict: ${report.unpriced.length} resource(s) cannot be priced:\n` +
    report.unpriced.map((r) => `  - ${r.type} ${r.tier}/${r.stack}/${r.logicalId}: ${r.reason}`).join('\n')
  );
}

function selectTiers(root: string, options: CostOptions) {
  const tiers = tiersIn(root, options.tiers ?? TIERS);
  const absent = (options.tiers ?? []).filter((tier) => !tiers.includes(tier));
  if (absent.length > 0) throw new UsageError(`The ${absent.join(', ')} tier has no app in ${root} (apps/<tier>/cdk.json missing).`);
  if (tiers.length === 0) throw new UsageError(`No tier app (apps/<tier>/cdk.json) in ${root}.`);
  return tiers;
}

/** The templates to price: the working tree's (synthesized first with --synth), or those of --ref. */
async function headTemplates(root: string, options: CostOptions): Promise<TierTemplates[]> {
  const { environment, profile } = options;
  if (options.ref) {
    const templates = await templatesAtRef(root, options.ref, options.tiers ?? TIERS, environment, profile);
    const absent = (options.tiers ?? []).filter((tier) => !templates.some((t) => t.tier === tier));
    if (absent.length > 0) throw new UsageError(`The ${absent.join(', ')} tier has no app at ${options.ref}.`);
    return templates;
  }
  const tiers = selectTiers(root, options);
  // --base is the pull-request mode: CI synthesizes only the affected tiers, so the others are synthesized here
  // rather than failing (the base side is synthesized anyway).
  const toSynthesize = options.synth ? tiers : options.base ? unsynthesized(root, tiers, environment, profile) : [];
  for (const tier of toSynthesize) await synthesize(root, tier, environment, profile, 'in the working tree');
  return loadTemplates(root, tiers, environment, profile);
}

/**
 * The whole command for `argv`: the report (or the difference, or the usage) on stdout through console.log, a
 * UsageError for bad input, missing templates, an unknown ref or a --strict failure (after the report is printed).
 * The process around it is runMain's: the message on stderr and exit 1. The unit tests call it in process.
 */
export async function cost(argv: readonly string[]): Promise<void> {
  const options = parseCostOptions(argv);
  if (options.help) return void console.log(USAGE);
  const root = options.workspace ? path.resolve(options.workspace) : WORKSPACE_ROOT;
  const prices = loadPriceTable(options.pricesFile);
  const assumptions = loadAssumptions(options.assumptionsFile);
  const { environment, profile } = options;
  // A mistyped ref must fail in a second, before the minutes of synthesizing the working tree.
  if (options.base) await resolveCommit(root, options.base, '--base');
  if (options.ref) await resolveCommit(root, options.ref, '--ref');
  const head = estimate({ environment, profile, tiers: await headTemplates(root, options), prices, assumptions });
  if (options.base) {
    const baseTemplates = await templatesAtRef(root, options.base, options.tiers ?? TIERS, environment, profile);
    const base = estimate({ environment, profile, tiers: baseTemplates, prices, assumptions });
    const diff = diffReports(base, head, options.base);
    console.log(options.format === 'json' ? JSON.stringify(diff, null, 2) : renderDiffMarkdown(diff, options.ref ?? 'this change'));
  } else if (options.format === 'json') {
    console.log(JSON.stringify(head, null, 2));
  } else {
    console.log(options.format === 'markdown' ? renderMarkdown(head) : renderText(head));
  }
  const failure = options.strict ? strictFailure(head) : undefined;
  if (failure) throw new UsageError(failure);
}

if (require.main === module) runMain(() => cost(process.argv.slice(2)));

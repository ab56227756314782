/** The plan as a terminal table, Markdown (the PR comment) or JSON, like the cost report. */
import { refusals, type Plan, type ResourceChange, type TierPlan } from './model';

const SYMBOL: Record<ResourceChange['kind'], string> = { add: '+', modify: '~', replace: '!', remove: '-' };

/** The runbook that explains a refused change, by what forces it. */
export function runbookFor(change: ResourceChange): string {
  if (change.kind === 'replace' && change.replacedBy.some((p) => /Kms|Encrypt/i.test(p))) return 'docs/runbooks/kms-key-migration.md';
  return 'docs/deploying.md ("What the plan refuses")';
}

function configFile(tier: string): string {
  return `apps/${tier}/src/config/environments.ts`;
}

function label(change: ResourceChange): string {
  return `${change.logicalId}${change.path ? ` (${change.path})` : ''}`;
}

function detail(change: ResourceChange): string {
  if (change.assetOnly) return 'asset only: a bundle was rebuilt, nothing else changes';
  if (change.kind === 'replace') return `replaced because ${change.replacedBy.length ? change.replacedBy.join(', ') : 'its type'} changes`;
  if (change.kind === 'modify') {
    const conditional = change.mayReplace.length > 0 ? ` (conditional in CloudFormation's specification: ${change.mayReplace.join(', ')})` : '';
    return `in place: ${change.properties.join(', ') || 'metadata'}${conditional}`;
  }
  return '';
}

function summary(tier: TierPlan): string {
  const count = (kind: ResourceChange['kind']) => tier.changes.filter((c) => c.kind === kind).length;
  const refused = tier.changes.filter((c) => c.refusal && !c.acknowledged).length;
  const acknowledged = tier.changes.filter((c) => c.acknowledged).length;
  return `${count('add')} add, ${count('modify')} modify in place, ${count('replace')} replace, ${count('remove')} remove; ${refused} refused, ${acknowledged} acknowledged`;
}

/** What to do about one refusal: the runbook, or the acknowledgement that lets it through. */
export function fixFor(tier: string, change: ResourceChange): string {
  return (
    `Follow ${runbookFor(change)}; once the data is safe, acknowledge it in ${configFile(tier)}: ` +
    `acknowledgedChanges: [{ resource: '${change.path ?? change.logicalId}', change: '${change.kind}', reason: '<why this is safe>' }]`
  );
}

export function renderText(plan: Plan): string {
  const lines = [`Change plan for ${plan.environment}${plan.profile ? ` with the ${plan.profile} profile` : ''}`];
  for (const tier of plan.tiers) {
    lines.push('', `${tier.tier}: ${tier.target} against ${tier.baseline}`);
    if (tier.changes.length === 0) lines.push('  no changes');
    for (const change of tier.changes) {
      lines.push(`  ${SYMBOL[change.kind]} ${change.kind.padEnd(7)} ${change.type.padEnd(34)} ${label(change)}${detail(change) ? ` - ${detail(change)}` : ''}`);
      if (change.refusal && change.acknowledged) lines.push(`      acknowledged: ${change.acknowledged}`);
      if (change.refusal && !change.acknowledged) lines.push(`      REFUSED: ${change.refusal}.`, `      ${fixFor(tier.tier, change)}`);
    }
    for (const ack of tier.staleAcknowledgements) {
      lines.push(
        `  STALE acknowledgement in ${configFile(tier.tier)}: ${ack.change} of ${ack.resource} - the plan does not ${ack.change} it. Remove the entry.`,
      );
    }
    lines.push(`  ${summary(tier)}`);
  }
  const refused = refusals(plan).length;
  const stale = plan.tiers.reduce((n, t) => n + t.staleAcknowledgements.length, 0);
  lines.push('', refused + stale === 0 ? 'Nothing refused.' : `${refused} refused change(s), ${stale} stale acknowledgement(s): a deploy would stop here.`);
  return lines.join('\n');
}

export function renderMarkdown(plan: Plan): string {
  const lines = [`### Change plan: ${plan.environment}${plan.profile ? ` (${plan.profile} profile)` : ''}`, ''];
  for (const tier of plan.tiers) {
    lines.push(`#### ${tier.tier}`, '', `${tier.target} against ${tier.baseline}: ${summary(tier)}.`, '');
    if (tier.changes.length > 0) {
      lines.push('| change | type | resource | detail |', '| --- | --- | --- | --- |');
      for (const change of tier.changes) {
        const verdict = change.refusal ? (change.acknowledged ? ` (acknowledged: ${change.acknowledged})` : ` **refused**: ${change.refusal}`) : '';
        lines.push(`| ${change.kind} | \`${change.type}\` | \`${label(change)}\` | ${detail(change)}${verdict} |`);
      }
      lines.push('');
    }
    for (const ack of tier.staleAcknowledgements)
      lines.push(`- **stale acknowledgement**: ${ack.change} of \`${ack.resource}\` in \`${configFile(tier.tier)}\`; remove it.`);
  }
  const refused = refusals(plan);
  lines.push(refused.length === 0 ? 'Nothing refused.' : `**${refused.length} refused change(s)**: see docs/deploying.md, "What the plan refuses".`);
  return lines.join('\n');
}

export function renderJson(plan: Plan): string {
  return JSON.stringify({ ...plan, refused: refusals(plan).length }, null, 2);
}

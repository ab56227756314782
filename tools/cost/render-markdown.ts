/** Markdown: the full report (for docs) and the base-vs-working-tree difference (for a pull-request comment). */
import type { CostDiff } from './diff';
import type { CostReport } from './model';
import { formatUsd } from './money';
import { chargeText, countTypes, groupedNotes, resourceCell, scopeTitle, totalsRows } from './render-text';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function table(header: readonly string[], align: readonly ('l' | 'r')[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ];
}

export function renderMarkdown(report: CostReport): string {
  const out = [`### ${scopeTitle(report)}`, ''];
  for (const tier of report.tiers) {
    const lines = report.lines.filter((l) => l.tier === tier.tier);
    out.push(`#### ${tier.tier}: ${formatUsd(tier.subtotal)}/month`, '');
    let previous = '';
    const rows = lines.map((line) => {
      const id = `${line.stack}/${line.logicalId}`;
      const row = [id === previous ? '' : resourceCell(line, '`'), chargeText(line), formatUsd(line.monthly)];
      previous = id;
      return row;
    });
    out.push(...(rows.length > 0 ? table(['Resource', 'Charge', 'Monthly'], ['l', 'l', 'r'], rows) : ['No priced resources.']), '');
    const free = report.free.filter((r) => r.tier === tier.tier);
    if (free.length > 0) out.push(`Free (${free.length}): ${countTypes(free)}.`, '');
    const notes = groupedNotes(lines);
    if (notes.length > 0) out.push(...notes.map((n) => `- ${n}`), '');
  }
  const [header, ...rows] = totalsRows(report);
  out.push(
    '#### Totals',
    '',
    ...table(
      ['', ...header.slice(1)],
      ['l', 'r', 'r'],
      rows.map((r, i) => (i === rows.length - 1 ? r.map((c) => `**${c}**`) : r)),
    ),
    '',
  );
  if (report.natComparison) out.push(`**Interface endpoints vs one NAT gateway.** ${report.natComparison.statement}`, '');
  if (report.unpriced.length > 0) {
    out.push(`**Unpriced (${report.unpriced.length}):**`, '', ...report.unpriced.map((r) => `- \`${r.tier}/${r.logicalId}\` ${r.type}: ${r.reason}`), '');
  }
  out.push(report.notes.map((n) => `_${n}_`).join('\n\n'));
  return out.join('\n');
}

function amount(value: number | undefined): string {
  return value === undefined ? 'absent' : formatUsd(value);
}

function change(value: number): string {
  return value === 0 ? formatUsd(0) : `**${formatUsd(value, true)}**`;
}

/** `headLabel` names the compared side: the working tree ("this change") or a ref. */
export function renderDiffMarkdown(diff: CostDiff, headLabel = 'this change'): string {
  const scope = `${diff.environment}${diff.profile ? ` (${diff.profile} profile)` : ''}`;
  const head = headLabel === 'this change' ? headLabel : `\`${headLabel}\``;
  const out = [`### Monthly cost: ${scope}, \`${diff.baseRef}\` → ${head}`, ''];
  const rows = diff.tiers.map((t) => [t.tier, amount(t.base), amount(t.head), change(t.change)]);
  rows.push(['**Total, pay-as-you-go**', formatUsd(diff.payAsYouGo.base), formatUsd(diff.payAsYouGo.head), change(diff.payAsYouGo.change)]);
  rows.push(['Total, legacy 12-month Free Tier', formatUsd(diff.legacyFreeTier.base), formatUsd(diff.legacyFreeTier.head), change(diff.legacyFreeTier.change)]);
  out.push(...table(['Tier', 'Base', 'This change', 'Difference'], ['l', 'r', 'r', 'r'], rows), '');
  out.push('Tier rows are before the account-wide free allowances; the totals are after them.', '');
  if (diff.resources.length === 0) {
    out.push('No priced resource changed.', '');
  } else {
    out.push(`<details><summary>${diff.resources.length} priced resource${diff.resources.length === 1 ? '' : 's'} changed</summary>`, '');
    const resourceRows = diff.resources.map((r) => [
      r.tier,
      `${r.resource} (\`${r.logicalId}\`) ${r.status}`,
      r.status === 'added' ? '-' : `${formatUsd(r.base)} (${r.baseCharges.join('; ')})`,
      r.status === 'removed' ? '-' : `${formatUsd(r.head)} (${r.headCharges.join('; ')})`,
      change(r.change),
    ]);
    out.push(...table(['Tier', 'Resource', 'Base', 'This change', 'Difference'], ['l', 'l', 'r', 'r', 'r'], resourceRows), '', '</details>', '');
  }
  if (diff.head.natComparison) out.push(`**Interface endpoints vs one NAT gateway:** ${diff.head.natComparison.statement}`, '');
  const newUnpriced = diff.head.unpriced.filter((u) => !diff.base.unpriced.some((b) => b.tier === u.tier && b.logicalId === u.logicalId));
  if (newUnpriced.length > 0) out.push(`**Newly unpriced:** ${newUnpriced.map((u) => `\`${u.tier}/${u.logicalId}\` (${u.type})`).join(', ')}`, '');
  out.push(
    `_Prices: ${diff.head.priceTable.region} on-demand, checked ${diff.head.priceTable.checked}; usage lines at tools/cost/assumptions.json. ${diff.head.notes.find((n) => n.includes('2025-07-15')) ?? ''}_`,
  );
  return out.join('\n');
}

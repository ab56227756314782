/** The report for people: one table per tier, the totals in both columns, the NAT comparison, what is unpriced. */
import type { CostLine, CostReport, ResourceNote } from './model';
import { formatUnitPrice, formatUsd } from './money';

type Align = 'left' | 'right';

/** Pads cells into aligned columns (two spaces apart). */
export function textTable(rows: readonly (readonly string[])[], align: readonly Align[]): string[] {
  const widths = align.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (align[i] === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

/** The resource as people read it, with its logical id unless the description already shows it. */
export function resourceCell(line: CostLine, quote = ''): string {
  return line.resource.includes(line.logicalId) ? line.resource : `${line.resource} (${quote}${line.logicalId}${quote})`;
}

export function chargeText(line: CostLine): string {
  return `${line.usage ? '~ ' : ''}${line.basis} × ${formatUnitPrice(line.unitPrice)}/${line.unit}`;
}

/** `AWS::EC2::Subnet ×4, AWS::EC2::RouteTable ×4` */
export function countTypes(resources: readonly ResourceNote[]): string {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts].map(([type, n]) => (n > 1 ? `${type} ×${n}` : type)).join(', ');
}

/** Notes of a tier's lines, each once, with the resources it concerns. */
export function groupedNotes(lines: readonly CostLine[]): string[] {
  const byNote = new Map<string, Set<string>>();
  for (const line of lines) for (const note of line.notes) byNote.set(note, (byNote.get(note) ?? new Set()).add(line.logicalId));
  return [...byNote].map(([note, ids]) => `${[...ids].join(', ')}: ${note}`);
}

export function scopeTitle(report: CostReport): string {
  const scope = report.profile ? `${report.environment}, ${report.profile} profile` : report.environment;
  return `ShowCore monthly cost: ${scope} (${report.priceTable.region} on-demand prices checked ${report.priceTable.checked})`;
}

function tierSection(report: CostReport, index: number): string[] {
  const tier = report.tiers[index];
  const lines = report.lines.filter((l) => l.tier === tier.tier);
  const rows: string[][] = [['Resource', 'Charge', 'Monthly']];
  let previous = '';
  for (const line of lines) {
    const id = `${line.stack}/${line.logicalId}`;
    rows.push([id === previous ? '' : resourceCell(line), chargeText(line), formatUsd(line.monthly)]);
    previous = id;
  }
  const out = [`${tier.tier}: ${tier.source} (${tier.stacks.join(', ') || 'no stacks'})`];
  if (lines.length > 0) out.push(...textTable(rows, ['left', 'left', 'right']).map((row) => `  ${row}`));
  else out.push('  (no priced resources)');
  const free = report.free.filter((r) => r.tier === tier.tier);
  if (free.length > 0) out.push(`  Free (${free.length} resources): ${countTypes(free)}`);
  for (const note of groupedNotes(lines)) out.push(`  note: ${note}`);
  out.push(`  ${tier.tier} subtotal: ${formatUsd(tier.subtotal)} (fixed ${formatUsd(tier.fixed)}, usage at the assumptions ~${formatUsd(tier.usage)})`);
  return out;
}

export function totalsRows(report: CostReport): string[][] {
  const rows: string[][] = [['', 'Pay-as-you-go', 'Legacy 12-month Free Tier']];
  for (const tier of report.tiers) rows.push([tier.tier, formatUsd(tier.subtotal), formatUsd(tier.subtotal)]);
  const gross = report.tiers.reduce((sum, t) => sum + Math.round(t.subtotal * 100), 0) / 100;
  rows.push([`resources (fixed ${formatUsd(report.totals.fixed)} + usage ~${formatUsd(report.totals.usage)})`, formatUsd(gross), formatUsd(gross)]);
  for (const a of report.allowances) {
    const label = `${a.kind === 'always-free' ? 'Always free' : 'Legacy Free Tier'}: ${a.description}`;
    rows.push([label, a.kind === 'always-free' ? formatUsd(a.payAsYouGo) : '-', formatUsd(a.legacyFreeTier)]);
  }
  rows.push(['Total per month', formatUsd(report.totals.payAsYouGo), formatUsd(report.totals.legacyFreeTier)]);
  return rows;
}

export function renderText(report: CostReport): string {
  const out = [scopeTitle(report), `Prices: ${report.priceTable.file}. "~" marks usage at the assumptions (tools/cost/assumptions.json).`, ''];
  report.tiers.forEach((_, i) => out.push(...tierSection(report, i), ''));
  out.push('Totals (allowances are account-wide, applied once)');
  out.push(...textTable(totalsRows(report), ['left', 'right', 'right']).map((row) => `  ${row}`), '');
  if (report.natComparison) out.push('Interface endpoints vs one NAT gateway', `  ${report.natComparison.statement}`, '');
  if (report.unpriced.length > 0) {
    out.push(`Unpriced (${report.unpriced.length}; --strict fails on these)`);
    for (const r of report.unpriced) out.push(`  ${r.tier}/${r.stack}/${r.logicalId} ${r.type}: ${r.reason}`);
    out.push('');
  }
  out.push(...report.notes.map((note) => `* ${note}`));
  return out.join('\n');
}

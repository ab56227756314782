/**
 * Generates the documentation of the SSM contract from the registry (libs/naming), so the diagram and the
 * tables in README.md, docs/architecture.md and each apps/<tier>/README.md cannot drift from the code:
 *
 *   node --import tsx tools/docs/contract.ts          # rewrite the generated blocks
 *   node --import tsx tools/docs/contract.ts --check  # exit 1 when a block is out of date (run by the tests)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deployOrder, PARAMETER_NAMES, PARAMETERS, parametersConsumedBy, producersOf, TIERS } from '@showcore/naming';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
import { runMain } from '#tools/lib/process';

const path_ = (name: (typeof PARAMETER_NAMES)[number]) => `/showcore/<env>/${PARAMETERS[name].producer}/${PARAMETERS[name].key}`;

/** Mermaid diagram: tiers, and an edge per producer -> consumer pair labelled with the parameter keys. */
export function contractDiagram(): string {
  const lines = ['```mermaid', 'flowchart LR'];
  for (const tier of TIERS) lines.push(`  ${tier}["${tier}"]`);
  for (const consumer of TIERS) {
    for (const producer of producersOf(consumer)) {
      const keys = parametersConsumedBy(consumer)
        .filter((n) => PARAMETERS[n].producer === producer)
        .map((n) => PARAMETERS[n].key);
      lines.push(`  ${producer} -- "${keys.join('<br/>')}" --> ${consumer}`);
    }
  }
  lines.push('```', '', `Deploy order (producers first): ${deployOrder().join(' → ')}.`);
  return lines.join('\n');
}

/** Every parameter: path, producer, consumers, meaning. */
export function contractTable(): string {
  return [
    '| parameter | producer | consumers | meaning |',
    '|---|---|---|---|',
    ...PARAMETER_NAMES.map(
      (n) =>
        `| \`${path_(n)}\` | ${PARAMETERS[n].producer} | ${(PARAMETERS[n].consumers as readonly string[]).join(', ') || '— (people, tools)'} | ${PARAMETERS[n].description} |`,
    ),
  ].join('\n');
}

export interface GeneratedBlock {
  readonly file: string;
  readonly marker: string;
  readonly content: () => string;
}

export function generatedBlocks(): GeneratedBlock[] {
  const blocks: GeneratedBlock[] = [
    { file: 'README.md', marker: 'contract-diagram', content: contractDiagram },
    { file: 'docs/architecture.md', marker: 'contract-diagram', content: contractDiagram },
    { file: 'docs/architecture.md', marker: 'contract-table', content: contractTable },
  ];
  return blocks;
}

const begin = (marker: string) => `<!-- generated:${marker} (node --import tsx tools/docs/contract.ts) -->`;
const end = (marker: string) => `<!-- /generated:${marker} -->`;

/** The file's text with the block replaced; undefined when the file has no such block. */
export function replaceBlock(text: string, marker: string, content: string): string | undefined {
  const start = text.indexOf(begin(marker));
  const stop = text.indexOf(end(marker));
  if (start < 0 || stop < start) return undefined;
  return `${text.slice(0, start)}${begin(marker)}\n${content}\n${text.slice(stop)}`;
}

/** Files whose generated blocks are out of date (or missing their markers). */
export function staleBlocks(root = WORKSPACE_ROOT): string[] {
  const stale: string[] = [];
  for (const block of generatedBlocks()) {
    const file = path.join(root, block.file);
    if (!fs.existsSync(file)) {
      stale.push(`${block.file} (missing)`);
      continue;
    }
    const text = fs.readFileSync(file, 'utf8');
    const updated = replaceBlock(text, block.marker, block.content());
    if (updated === undefined) stale.push(`${block.file} (no ${begin(block.marker)} ... ${end(block.marker)} block)`);
    else if (updated !== text) stale.push(`${block.file} (${block.marker} out of date)`);
  }
  return stale;
}

async function main(): Promise<number> {
  if (process.argv.includes('--check')) {
    const stale = staleBlocks();
    if (stale.length) console.error(`Out of date: ${stale.join('; ')}. Run: node --import tsx tools/docs/contract.ts`);
    return stale.length ? 1 : 0;
  }
  for (const block of generatedBlocks()) {
    const file = path.join(WORKSPACE_ROOT, block.file);
    if (!fs.existsSync(file)) continue;
    const updated = replaceBlock(fs.readFileSync(file, 'utf8'), block.marker, block.content());
    if (updated !== undefined) fs.writeFileSync(file, updated);
  }
  return 0;
}

if (require.main === module) runMain(main);

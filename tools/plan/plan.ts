/** Builds a tier's plan from its synthesized cloud assembly and a baseline (deployed stacks or a git ref). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACKNOWLEDGED_CHANGES_METADATA, type ChangeAcknowledgement } from '@showcore/naming';
import { assemblyStacks } from '#tools/lib/assembly';
import type { Baseline } from './baseline';
import { classifyStack, staleAcknowledgements } from './classify';
import type { Template, TierPlan } from './model';

/** The acknowledgements the tier's configuration recorded in the assembly (TierStack writes them as metadata). */
export function acknowledgementsOf(assemblyDir: string): ChangeAcknowledgement[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(assemblyDir, 'manifest.json'), 'utf8'));
  const acknowledgements: ChangeAcknowledgement[] = [];
  for (const artifact of Object.values<any>(manifest.artifacts ?? {})) {
    // The CDK writes a stack's metadata to its own file (additionalMetadataFile), or inline in older assemblies.
    const metadata = artifact.additionalMetadataFile
      ? JSON.parse(fs.readFileSync(path.join(assemblyDir, artifact.additionalMetadataFile), 'utf8'))
      : (artifact.metadata ?? {});
    for (const entries of Object.values<any>(metadata)) {
      for (const entry of entries as { type: string; data: unknown }[]) {
        if (entry.type === ACKNOWLEDGED_CHANGES_METADATA) acknowledgements.push(...(entry.data as ChangeAcknowledgement[]));
      }
    }
  }
  return acknowledgements;
}

export interface TierPlanInput {
  readonly tier: string;
  readonly target: string;
  readonly baselineLabel: string;
  readonly assemblyDir: string;
  readonly baseline: Baseline;
}

/** Every resource change of every stack of the assembly against the baseline, and the stale acknowledgements. */
export function planTier(input: TierPlanInput): TierPlan {
  const acknowledgements = acknowledgementsOf(input.assemblyDir);
  const changes = assemblyStacks(input.assemblyDir).flatMap((stack) => {
    const synthesized = JSON.parse(fs.readFileSync(stack.templateFile, 'utf8')) as Template;
    return classifyStack(stack.stackName, input.baseline.get(stack.stackName), synthesized, acknowledgements);
  });
  return {
    tier: input.tier,
    target: input.target,
    baseline: input.baselineLabel,
    changes,
    staleAcknowledgements: staleAcknowledgements(acknowledgements, changes),
  };
}

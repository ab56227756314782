/**
 * The synthesized templates the template checks (standard tags, Control Tower's proactive controls) read: every
 * tier in every environment (cost-optimized profile) and with the hardened profile (dev, staging and prod), as
 * `nx run <tier>:synth-all` writes them. A missing variant is an error, not a silent pass.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENVIRONMENTS, ENVIRONMENT_TAG_VALUES, type EnvironmentName, type Tier } from '@showcore/naming';
import { assemblyStacks } from '#tools/lib/assembly';
import { appDir, HARDENED_ENVIRONMENTS, WORKSPACE_ROOT } from '#tools/lib/paths';
import { existingTiers } from '#tools/lib/workspace';

export { HARDENED_ENVIRONMENTS };

/** An assembly folder under apps/<tier>/cdk.out: an environment, or an environment with the hardened profile. */
export type Variant = EnvironmentName | `${(typeof HARDENED_ENVIRONMENTS)[number]}-hardened`;

export const HARDENED_VARIANTS: readonly Variant[] = HARDENED_ENVIRONMENTS.map((environment) => `${environment}-hardened` as const);

export const VARIANTS: readonly Variant[] = [...ENVIRONMENTS, ...HARDENED_VARIANTS];

/** The environment a variant deploys to (its Environment tag value comes from it). */
export function environmentOf(variant: Variant): EnvironmentName {
  return variant.replace(/-hardened$/, '') as EnvironmentName;
}

export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

export interface SynthesizedTemplate {
  readonly tier: Tier;
  readonly variant: Variant;
  /** The stack's artifact id (e.g. `Ops`, `OpsBilling`). */
  readonly stack: string;
  /** Relative to the workspace root, for messages. */
  readonly file: string;
  readonly resources: Readonly<Record<string, CfnResourceJson>>;
}

/** The expected value of each standard tag on a resource of `tier` in `variant`. */
export function expectedTags(tier: Tier, variant: Variant): Record<string, string> {
  return {
    Project: 'ShowCore',
    Phase: 'Phase1',
    Environment: ENVIRONMENT_TAG_VALUES[environmentOf(variant)],
    ManagedBy: 'CDK',
    CostCenter: 'Engineering',
    Tier: tier,
  };
}

/** Every template of every tier and variant; throws naming each missing assembly and the command that makes it. */
export function loadSynthesizedTemplates(tiers: readonly Tier[] = existingTiers()): SynthesizedTemplate[] {
  const missing: string[] = [];
  const templates: SynthesizedTemplate[] = [];
  for (const tier of tiers) {
    for (const variant of VARIANTS) {
      const dir = path.join(appDir(tier), 'cdk.out', variant);
      if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
        missing.push(`${path.relative(WORKSPACE_ROOT, dir)} (npx nx run ${tier}:synth-all writes every variant)`);
        continue;
      }
      for (const stack of assemblyStacks(dir)) {
        const body = JSON.parse(fs.readFileSync(stack.templateFile, 'utf8')) as { Resources?: Record<string, CfnResourceJson> };
        templates.push({ tier, variant, stack: stack.id, file: path.relative(WORKSPACE_ROOT, stack.templateFile), resources: body.Resources ?? {} });
      }
    }
  }
  if (missing.length > 0) {
    throw new Error(
      `Not synthesized, so not checked:\n${missing.map((m) => `  - ${m}`).join('\n')}\nSynthesize every environment and the hardened profile first.`,
    );
  }
  return templates;
}

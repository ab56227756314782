/**
 * The "before" side of a plan: the templates the environment's stacks run now (CloudFormation GetTemplate, an
 * account or the local emulator needed), or the templates synthesized at a git ref (no account needed).
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { EnvironmentName, Tier } from '@showcore/naming';
import { templatesAtRef } from '#tools/cost/base-ref';
import { UsageError } from '#tools/lib/process';
import { deployedTemplate } from '#tools/lib/deployed-stacks';
import type { Template } from './model';

/** The templates of each stack (by stack name) of a tier before the change; a stack not deployed is absent. */
export type Baseline = Map<string, Template>;

/** What each deployed stack of `stackNames` runs now; a stack that does not exist is left out. */
export async function deployedBaseline(cfn: CloudFormationClient, stackNames: readonly string[]): Promise<Baseline> {
  const baseline: Baseline = new Map();
  for (const name of stackNames) {
    const template = await deployedTemplate(cfn, name);
    if (template !== undefined) baseline.set(name, template as Template);
  }
  return baseline;
}

/** The templates of `tiers` synthesized at `ref` (a tier absent at the ref has an empty baseline). */
export async function refBaseline(root: string, ref: string, tiers: readonly Tier[], environment: EnvironmentName): Promise<Map<Tier, Baseline>> {
  const result = new Map<Tier, Baseline>(tiers.map((tier) => [tier, new Map()]));
  for (const tierTemplates of await templatesAtRef(root, ref, tiers, environment)) {
    const baseline = result.get(tierTemplates.tier) as Baseline;
    for (const stack of tierTemplates.stacks) baseline.set(stack.stack, stack.template as unknown as Template);
  }
  return result;
}

export function requireRef(ref: string | true | undefined): string | undefined {
  if (ref === true || ref === '') throw new UsageError('--base needs a git ref, e.g. --base=origin/main.');
  return ref;
}

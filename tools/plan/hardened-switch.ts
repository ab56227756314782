/**
 * The README promises the hardened profile by configuration. This is the plan of that switch for every real
 * environment, from the synthesized assemblies (cdk.out/<env> → cdk.out/<env>-hardened, no account needed), and
 * the refusals it must have: exactly the changes that need a migration by nature, each a change of the KMS key
 * of something that holds data (docs/runbooks/kms-key-migration.md). Anything else refused is a regression of
 * the in-place switch; a documented refusal that disappears means the runbook is out of date.
 */
import * as fs from 'node:fs';
import { TIERS, type EnvironmentName, type Tier } from '@showcore/naming';
import { assemblyStacks } from '#tools/lib/assembly';
import type { Baseline } from './baseline';
import type { Template } from './model';
import { planTier } from './plan';
import { HARDENED_ENVIRONMENTS, variantDir } from '#tools/lib/paths';

export const HARDENED_SWITCH_ENVIRONMENTS: readonly EnvironmentName[] = HARDENED_ENVIRONMENTS;

/** The refusals of the switch, by tier and construct path, with the property that forces each. */
export const DOCUMENTED_HARDENED_REFUSALS: readonly { tier: Tier; resource: string; forcedBy: string }[] = [
  { tier: 'data', resource: 'Data/Database/Resource', forcedBy: 'KmsKeyId' },
  { tier: 'data', resource: 'Data/RedisCluster', forcedBy: 'KmsKeyId' },
  { tier: 'ops', resource: 'Ops/Backup/BackupVault/Resource', forcedBy: 'EncryptionKeyArn' },
];

export interface SwitchRefusal {
  readonly environment: EnvironmentName;
  readonly tier: Tier;
  readonly resource: string;
  readonly replacedBy: readonly string[];
  readonly kind: string;
}

function baselineOf(assemblyDir: string): Baseline {
  const baseline: Baseline = new Map();
  for (const stack of assemblyStacks(assemblyDir)) baseline.set(stack.stackName, JSON.parse(fs.readFileSync(stack.templateFile, 'utf8')) as Template);
  return baseline;
}

/** The unacknowledged refusals of the switch to `profile` in `environment`, tier by tier. */
export function switchRefusals(root: string, tiers: readonly Tier[], environment: EnvironmentName, profile = 'hardened'): SwitchRefusal[] {
  return tiers.flatMap((tier) => {
    const plan = planTier({
      tier,
      target: `${environment} with the ${profile} profile`,
      baselineLabel: `${environment}'s own values`,
      assemblyDir: variantDir(root, tier, environment, profile),
      baseline: baselineOf(variantDir(root, tier, environment)),
    });
    return plan.changes
      .filter((c) => c.refusal && !c.acknowledged)
      .map((c) => ({ environment, tier, resource: c.path ?? c.logicalId, replacedBy: c.replacedBy, kind: c.kind }));
  });
}

/** Differences between the switch's refusals and the documented ones (empty when they match exactly). */
export function unexpectedRefusals(found: readonly SwitchRefusal[], environment: EnvironmentName, tiers: readonly Tier[] = TIERS): string[] {
  const problems: string[] = [];
  for (const refusal of found) {
    const documented = DOCUMENTED_HARDENED_REFUSALS.find((d) => d.tier === refusal.tier && d.resource === refusal.resource);
    if (!documented || refusal.kind !== 'replace' || !refusal.replacedBy.includes(documented.forcedBy)) {
      problems.push(
        `${environment}: the hardened switch ${refusal.kind}s ${refusal.tier} ${refusal.resource} (${refusal.replacedBy.join(', ') || 'removed'}), ` +
          'which is not a documented migration. Make the change apply in place, or document it in docs/runbooks/kms-key-migration.md and DOCUMENTED_HARDENED_REFUSALS.',
      );
    }
  }
  for (const documented of DOCUMENTED_HARDENED_REFUSALS.filter((d) => tiers.includes(d.tier))) {
    if (!found.some((r) => r.tier === documented.tier && r.resource === documented.resource)) {
      problems.push(
        `${environment}: the documented refusal of ${documented.tier} ${documented.resource} (${documented.forcedBy}) no longer happens: update the runbook and DOCUMENTED_HARDENED_REFUSALS.`,
      );
    }
  }
  return problems;
}

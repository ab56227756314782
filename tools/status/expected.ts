import * as fs from 'node:fs';
import type { EnvironmentName } from '@showcore/naming';
import { assemblyStacks } from '#tools/lib/assembly';
import { assemblyDir } from '#tools/lib/paths';
import type { Expected } from './collect';

/** Alarm names, backup vault and plan names as the synthesized ops templates define them. */
export function expectedFromAssembly(dir: string): Expected {
  const alarmNames: string[] = [];
  let vaultName: string | undefined;
  let planName: string | undefined;
  const logicalIds: Record<string, string> = {};
  const stacks = assemblyStacks(dir);
  for (const stack of stacks) {
    const template = JSON.parse(fs.readFileSync(stack.templateFile, 'utf8'));
    let stackVault: string | undefined;
    let stackPlan: string | undefined;
    for (const [logicalId, resource] of Object.entries<any>(template.Resources ?? {})) {
      const p = resource.Properties ?? {};
      let name: string | undefined;
      if (resource.Type === 'AWS::CloudWatch::Alarm' && typeof p.AlarmName === 'string') alarmNames.push((name = p.AlarmName));
      if (resource.Type === 'AWS::Backup::BackupVault' && typeof p.BackupVaultName === 'string') stackVault = name = p.BackupVaultName;
      if (resource.Type === 'AWS::Backup::BackupPlan' && typeof p.BackupPlan?.BackupPlanName === 'string') stackPlan = name = p.BackupPlan.BackupPlanName;
      if (name) logicalIds[name] = logicalId;
    }
    // The vault that matters is the plan's own, in the plan's region: the cross-region copy vault (backupCopy,
    // its own stack in a second region) holds only copies.
    if (stackPlan) [vaultName, planName] = [stackVault, stackPlan];
  }
  if (!vaultName || !planName) {
    throw new Error(`The ops templates in ${dir} define no named AWS Backup vault and plan: is the ops tier's backup part built?`);
  }
  return { alarmNames: alarmNames.sort(), vaultName, planName, logicalIds, stackNames: stacks.map((s) => s.stackName) };
}

export function opsAssemblyDir(environment: EnvironmentName): string {
  return assemblyDir('ops', environment);
}

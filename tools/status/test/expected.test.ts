import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectedFromAssembly } from '../expected';

/** A cloud assembly of two stacks: the main ops stack and the cross-region copy vault's stack (backupCopy). */
function assemblyWithCopyVault(order: readonly ('Ops' | 'OpsBackupCopy')[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'status-expected-'));
  const templates = {
    Ops: {
      Resources: {
        Vault: { Type: 'AWS::Backup::BackupVault', Properties: { BackupVaultName: 'showcore-backup-prod-vault' } },
        Plan: { Type: 'AWS::Backup::BackupPlan', Properties: { BackupPlan: { BackupPlanName: 'showcore-rds-prod-backup-plan' } } },
      },
    },
    OpsBackupCopy: { Resources: { CopyVault: { Type: 'AWS::Backup::BackupVault', Properties: { BackupVaultName: 'showcore-backup-prod-copy-vault' } } } },
  };
  const artifacts: Record<string, unknown> = {};
  for (const id of order) {
    fs.writeFileSync(path.join(dir, `${id}.template.json`), JSON.stringify(templates[id]));
    artifacts[id] = {
      type: 'aws:cloudformation:stack',
      environment: 'aws://unknown-account/us-east-1',
      properties: { templateFile: `${id}.template.json`, stackName: id },
    };
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ artifacts }));
  return dir;
}

describe('the vault the status command checks', () => {
  it.each([[['Ops', 'OpsBackupCopy'] as const], [['OpsBackupCopy', 'Ops'] as const]])(
    "is the backup plan's own vault, not the cross-region copy vault (stacks in the order %j)",
    (order) => {
      const dir = assemblyWithCopyVault(order);
      try {
        const expected = expectedFromAssembly(dir);
        expect([expected.vaultName, expected.planName]).toEqual(['showcore-backup-prod-vault', 'showcore-rds-prod-backup-plan']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

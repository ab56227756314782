import * as fs from 'node:fs';
import * as path from 'node:path';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
import { DOCUMENTED_HARDENED_REFUSALS, unexpectedRefusals, type SwitchRefusal } from '../hardened-switch';

const documented: SwitchRefusal[] = DOCUMENTED_HARDENED_REFUSALS.map((d) => ({
  environment: 'dev',
  tier: d.tier,
  resource: d.resource,
  replacedBy: [d.forcedBy],
  kind: 'replace',
}));

describe('the hardened switch refuses exactly the documented migrations', () => {
  it('accepts exactly the documented refusals', () => {
    expect(unexpectedRefusals(documented, 'dev')).toEqual([]);
  });

  it('names a refusal that is not documented', () => {
    const extra: SwitchRefusal = {
      environment: 'dev',
      tier: 'data',
      resource: 'Data/RdsSecurityGroup/Resource',
      replacedBy: ['GroupDescription'],
      kind: 'replace',
    };
    expect(unexpectedRefusals([...documented, extra], 'dev')).toEqual([
      'dev: the hardened switch replaces data Data/RdsSecurityGroup/Resource (GroupDescription), which is not a documented migration. ' +
        'Make the change apply in place, or document it in docs/runbooks/kms-key-migration.md and DOCUMENTED_HARDENED_REFUSALS.',
    ]);
  });

  it('names a documented refusal that no longer happens, or happens for another reason', () => {
    const [database, cache, vault] = documented;
    expect(unexpectedRefusals([cache, vault], 'prod')).toEqual([
      'prod: the documented refusal of data Data/Database/Resource (KmsKeyId) no longer happens: update the runbook and DOCUMENTED_HARDENED_REFUSALS.',
    ]);
    expect(unexpectedRefusals([{ ...database, replacedBy: ['Port'] }, cache, vault], 'prod')).toHaveLength(1);
  });

  it("checked for one tier, expects only that tier's documented refusals", () => {
    const ops = documented.filter((d) => d.tier === 'ops');
    expect(ops.length).toBeGreaterThan(0);
    expect(unexpectedRefusals(ops, 'staging', ['ops'])).toEqual([]);
    expect(unexpectedRefusals([], 'staging', ['edge'])).toEqual([]);
    expect(unexpectedRefusals([], 'staging', ['ops'])).toEqual([
      'staging: the documented refusal of ops Ops/Backup/BackupVault/Resource (EncryptionKeyArn) no longer happens: update the runbook and DOCUMENTED_HARDENED_REFUSALS.',
    ]);
  });
});

describe('the runbook documents each refusal', () => {
  it('names every resource and the property that forces it', () => {
    const text = fs.readFileSync(path.join(WORKSPACE_ROOT, 'docs', 'runbooks', 'kms-key-migration.md'), 'utf8');
    for (const refusal of DOCUMENTED_HARDENED_REFUSALS) {
      expect(text).toContain(`\`${refusal.resource}\``);
      expect(text).toContain(`\`${refusal.forcedBy}\``);
    }
  });
});

import type { Stack } from 'aws-cdk-lib';
import { ACCOUNT_ID as account, expectNoNagFindings, joined, PARTITION as partition, resourcesOfType, type SynthResult } from '@showcore/testing';
import { loadConfig } from '../../src/config';
import { synthesizeConfig, synthesizeEnvironment, variantOf } from '../helpers';

const ruleOf = (result: SynthResult) => resourcesOfType([result.template('Ops')], 'AWS::Backup::BackupPlan')[0].properties.BackupPlan.BackupPlanRule[0];

describe('cross-region backup copies off (cost-optimized profile)', () => {
  it.each(['local', 'dev', 'staging', 'prod'] as const)('%s: no copy action and no second-region stack', (environment) => {
    const result = synthesizeEnvironment(environment);
    expect(result.stacks.map((s) => s.stackName)).toEqual([`showcore-ops-${environment}-stack`]);
    expect(ruleOf(result).CopyActions).toBeUndefined();
  });
});

describe('cross-region backup copies on (hardened profile, prod)', () => {
  const result = synthesizeConfig(loadConfig('prod', 'hardened'), 'prod');
  const main = result.stacks.find((s) => s.stackName === 'showcore-ops-prod-stack') as Stack;
  const copyStack = result.stacks.find((s) => s.stackName === 'showcore-ops-prod-backup-copy-stack') as Stack;
  const copy = result.template('OpsBackupCopy');

  it('adds showcore-ops-prod-backup-copy-stack in us-west-2, deployed before the main stack', () => {
    expect(copyStack.region).toBe('us-west-2');
    expect(copyStack.terminationProtection).toBe(true);
    expect(main.dependencies).toContain(copyStack);
    expect(copyStack.dependencies).toEqual([]);
  });

  it('creates the copy vault with its own rotating key, retained, tagged', () => {
    const [vault] = resourcesOfType([copy], 'AWS::Backup::BackupVault');
    const [key] = resourcesOfType([copy], 'AWS::KMS::Key');
    expect(vault.properties.BackupVaultName).toBe('showcore-backup-prod-copy-vault');
    expect(vault.properties.EncryptionKeyArn).toEqual({ 'Fn::GetAtt': [key.logicalId, 'Arn'] });
    expect(vault.resource.DeletionPolicy).toBe('Retain');
    expect(vault.properties.BackupVaultTags).toMatchObject({ Project: 'ShowCore', Environment: 'Production', Tier: 'ops' });
    expect(key.properties.EnableKeyRotation).toBe(true);
    copy.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/showcore-ops-prod-backup-copy-key' });
  });

  it('copies each daily recovery point to the vault, named by its ARN, kept 30 days', () => {
    expect(ruleOf(result).CopyActions).toEqual([
      {
        DestinationBackupVaultArn: joined('arn:', partition, ':backup:us-west-2:', account, ':backup-vault:showcore-backup-prod-copy-vault'),
        Lifecycle: { DeleteAfterDays: 30 },
      },
    ]);
  });

  it('lets the backup role use the copy key by its alias only', () => {
    result.template('Ops').hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Sid: 'UseTheCopyVaultKey',
            Effect: 'Allow',
            Action: ['kms:CreateGrant', 'kms:DescribeKey', 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
            Resource: joined('arn:', partition, ':kms:us-west-2:', account, ':key/*'),
            Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/showcore-ops-prod-backup-copy-key' } },
          },
        ],
      },
    });
  });

  it('passes no value between the regions', () => {
    for (const template of [result.template('Ops'), copy]) expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
  });

  it('passes cdk-nag in both stacks', () => {
    expectNoNagFindings(result.app);
  });

  it('matches the copy stack snapshot', () => {
    expect(copy.toJSON()).toMatchSnapshot();
  });
});

describe('cross-region backup copies with AWS-managed encryption', () => {
  const result = synthesizeConfig(variantOf('dev', { backupCopy: { enabled: true, region: 'eu-west-1', retentionDays: 14 } }));

  it("puts the vault in the configured region with AWS Backup's managed key and no KMS permission on the role", () => {
    const copyStack = result.stacks.find((s) => s.stackName === 'showcore-ops-dev-backup-copy-stack') as Stack;
    expect(copyStack.region).toBe('eu-west-1');
    const copy = result.template('OpsBackupCopy');
    copy.resourceCountIs('AWS::KMS::Key', 0);
    expect(resourcesOfType([copy], 'AWS::Backup::BackupVault')[0].properties.EncryptionKeyArn).toBeUndefined();
    expect(JSON.stringify(result.template('Ops').toJSON())).not.toContain('UseTheCopyVaultKey');
    expect(ruleOf(result).CopyActions[0].Lifecycle).toEqual({ DeleteAfterDays: 14 });
    expectNoNagFindings(result.app);
  });
});

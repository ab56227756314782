import { Duration } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { TierStack, type EnvironmentName, removalPolicyOf } from '@showcore/naming';
import type { OpsConfig } from '../config';
import { copyVaultKeyAlias, copyVaultName } from '../constructs/backup-copy-names';

export interface BackupCopyStackProps {
  readonly environment: EnvironmentName;
  readonly config: OpsConfig;
}

/**
 * The ops tier's second-region stack (`backupCopy.enabled`): the AWS Backup vault that receives the copies of the
 * RDS recovery points, encrypted like the main vault (its own regional key with `customer-managed`, AWS Backup's
 * managed key otherwise). Deployed before the main stack, whose backup plan names the vault by its ARN.
 */
export class BackupCopyStack extends TierStack {
  readonly vault: backup.BackupVault;
  readonly key?: kms.Key;

  constructor(scope: Construct, id: string, props: BackupCopyStackProps) {
    const { environment, config } = props;
    super(scope, id, {
      tier: 'ops',
      environment,
      part: 'backup-copy',
      config,
      env: { region: config.backupCopy.region },
      description: `ShowCore ops tier (${environment}): vault of the cross-region copies of the RDS backups (${config.backupCopy.region})`,
    });
    const removalPolicy = removalPolicyOf(config.removal);
    // KMS keys are regional: the copies need a key in this region.
    this.key =
      config.encryptionKey === 'customer-managed'
        ? new kms.Key(this, 'BackupCopyKey', {
            alias: copyVaultKeyAlias(environment),
            description: `ShowCore ops tier (${environment}): cross-region copies of the RDS backups`,
            enableKeyRotation: true,
            pendingWindow: Duration.days(30),
            removalPolicy,
          })
        : undefined;
    this.vault = new backup.BackupVault(this, 'BackupCopyVault', {
      backupVaultName: copyVaultName(environment),
      encryptionKey: this.key,
      removalPolicy,
    });
  }
}

import { Aws, Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ENVIRONMENT_TAG_VALUES, resourceName, type EnvironmentName } from '@showcore/naming';
import { standardTags } from '@showcore/tags';
import type { BackupConfig } from '../config';

/** The vault's name is known at synth time: alarms name it literally rather than through the vault's attributes. */
export function backupVaultName(environment: EnvironmentName): string {
  return resourceName('backup', environment, 'vault');
}

export interface RdsBackupProps {
  readonly environment: EnvironmentName;
  readonly config: BackupConfig;
  /** @default - the vault uses AWS Backup's AWS managed key (aws/backup) */
  readonly encryptionKey?: kms.IKey;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * AWS Backup for the RDS instance (tasks.md 11.1–11.2): vault, a daily plan and a tag-based selection.
 * AWS Backup does not support ElastiCache (spec README): Redis relies on its own snapshots (data tier).
 */
export class RdsBackup extends Construct {
  readonly vault: backup.BackupVault;
  readonly plan: backup.BackupPlan;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: RdsBackupProps) {
    super(scope, id);
    const { environment, config } = props;
    this.vault = new backup.BackupVault(this, 'BackupVault', {
      backupVaultName: backupVaultName(environment),
      encryptionKey: props.encryptionKey,
      removalPolicy: props.removalPolicy,
    });
    const [hour, minute] = config.scheduleUtc.split(':');
    const tags = standardTags({ environment, tier: 'ops' });
    this.plan = new backup.BackupPlan(this, 'RdsBackupPlan', {
      backupPlanName: resourceName('rds', environment, 'backup-plan'),
      backupVault: this.vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'daily',
          // Outside the RDS automated-backup and maintenance windows (validated in config/validate.ts).
          scheduleExpression: events.Schedule.cron({ hour: String(Number(hour)), minute: String(Number(minute)) }),
          startWindow: Duration.minutes(config.startWindowMinutes),
          completionWindow: Duration.minutes(config.completionWindowMinutes),
          deleteAfter: Duration.days(config.retentionDays),
          recoveryPointTags: { Project: tags.Project, Phase: tags.Phase, Environment: tags.Environment, ManagedBy: tags.ManagedBy, CostCenter: tags.CostCenter },
        }),
      ],
    });
    this.role = new iam.Role(this, 'BackupRole', {
      roleName: resourceName('backup', environment, 'role'),
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForBackup')],
      description: 'AWS Backup creates RDS snapshots for the ShowCore backup plan',
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason: 'The issue asks for the AWS-managed backup policy: AWS keeps it in step with every service AWS Backup supports; a hand-written copy would go stale.',
    });
    // Conditions (not ListOfTags) are ANDed with the resource list: only RDS instances of this project and
    // environment, so two environments in one account do not back up each other's databases.
    new backup.CfnBackupSelection(this, 'RdsBackupSelection', {
      backupPlanId: this.plan.backupPlanId,
      backupSelection: {
        selectionName: resourceName('rds', environment, 'backup-selection'),
        iamRoleArn: this.role.roleArn,
        resources: [`arn:${Aws.PARTITION}:rds:${Aws.REGION}:${Aws.ACCOUNT_ID}:db:*`],
        conditions: {
          StringEquals: [
            { ConditionKey: 'aws:ResourceTag/Project', ConditionValue: 'ShowCore' },
            { ConditionKey: 'aws:ResourceTag/Environment', ConditionValue: ENVIRONMENT_TAG_VALUES[environment] },
          ],
        },
      },
    });
  }
}

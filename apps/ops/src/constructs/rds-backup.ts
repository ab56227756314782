import { Aws, Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ENVIRONMENT_TAG_VALUES, resourceName, type EnvironmentName } from '@showcore/naming';
import { standardTags } from '@showcore/tags';
import type { BackupConfig } from '../config';
import { copyVaultArn } from './backup-copy-names';

/** The vault's name is known at synth time: alarms name it literally rather than through the vault's attributes. */
export function backupVaultName(environment: EnvironmentName): string {
  return resourceName('backup', environment, 'vault');
}

/** Where the daily rule copies each recovery point (the vault of the ops tier's second-region stack). */
export interface BackupCopyTarget {
  readonly region: string;
  readonly retentionDays: number;
  /** The destination vault's customer-managed key alias; absent when it uses AWS Backup's managed key. */
  readonly keyAlias?: string;
}

export interface RdsBackupProps {
  readonly environment: EnvironmentName;
  readonly config: BackupConfig;
  /** @default - no cross-region copy */
  readonly copy?: BackupCopyTarget;
  /** @default - the vault uses AWS Backup's AWS managed key (aws/backup) */
  readonly encryptionKey?: kms.IKey;
  readonly removalPolicy: RemovalPolicy;
}

/** What rdsBackup builds. */
export interface RdsBackup {
  readonly vault: backup.BackupVault;
  readonly plan: backup.BackupPlan;
  readonly role: iam.Role;
}

/**
 * AWS Backup for the RDS instance (tasks.md 11.1–11.2): vault, a daily plan and a tag-based selection.
 * AWS Backup does not support ElastiCache (spec README): Redis relies on its own snapshots (data tier).
 */
export function rdsBackup(scope: Construct, id: string, props: RdsBackupProps): RdsBackup {
  const construct = new Construct(scope, id);
  const { environment, config } = props;
  const vault = new backup.BackupVault(construct, 'BackupVault', {
    backupVaultName: backupVaultName(environment),
    encryptionKey: props.encryptionKey,
    removalPolicy: props.removalPolicy,
  });
  const [hour, minute] = config.scheduleUtc.split(':');
  const tags = standardTags({ environment, tier: 'ops' });
  const plan = new backup.BackupPlan(construct, 'RdsBackupPlan', {
    backupPlanName: resourceName('rds', environment, 'backup-plan'),
    backupVault: vault,
    backupPlanRules: [
      new backup.BackupPlanRule({
        ruleName: 'daily',
        // Outside the RDS automated-backup and maintenance windows (validated in config/validate.ts).
        scheduleExpression: events.Schedule.cron({ hour: String(Number(hour)), minute: String(Number(minute)) }),
        startWindow: Duration.minutes(config.startWindowMinutes),
        completionWindow: Duration.minutes(config.completionWindowMinutes),
        deleteAfter: Duration.days(config.retentionDays),
        recoveryPointTags: { Project: tags.Project, Phase: tags.Phase, Environment: tags.Environment, ManagedBy: tags.ManagedBy, CostCenter: tags.CostCenter },
        // Named by its ARN, not imported from the other stack: values do not cross regions (ADR 0007).
        copyActions: props.copy
          ? [
              {
                destinationBackupVault: backup.BackupVault.fromBackupVaultArn(construct, 'BackupCopyVault', copyVaultArn(environment, props.copy.region)),
                deleteAfter: Duration.days(props.copy.retentionDays),
              },
            ]
          : undefined,
      }),
    ],
  });
  const role = new iam.Role(construct, 'BackupRole', {
    roleName: resourceName('backup', environment, 'role'),
    assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForBackup')],
    description: 'AWS Backup creates RDS snapshots for the ShowCore backup plan',
  });
  if (props.copy?.keyAlias) allowCopyKey(role, props.copy.region, props.copy.keyAlias);
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
    reason:
      'The issue asks for the AWS-managed backup policy: AWS keeps it in step with every service AWS Backup supports; a hand-written copy would go stale.',
  });
  // Conditions (not ListOfTags) are ANDed with the resource list: only RDS instances of this project and
  // environment, so two environments in one account do not back up each other's databases.
  new backup.CfnBackupSelection(construct, 'RdsBackupSelection', {
    backupPlanId: plan.backupPlanId,
    backupSelection: {
      selectionName: resourceName('rds', environment, 'backup-selection'),
      iamRoleArn: role.roleArn,
      resources: [`arn:${Aws.PARTITION}:rds:${Aws.REGION}:${Aws.ACCOUNT_ID}:db:*`],
      conditions: {
        StringEquals: [
          { ConditionKey: 'aws:ResourceTag/Project', ConditionValue: 'ShowCore' },
          { ConditionKey: 'aws:ResourceTag/Environment', ConditionValue: ENVIRONMENT_TAG_VALUES[environment] },
        ],
      },
    },
  });
  return { vault, plan, role };
}

/**
 * The copy is encrypted with the destination vault's key, in the other region. Its key ARN is not predictable
 * and the key's policy cannot name this role (the copy stack is deployed before the role exists), so the role's
 * own policy reaches the key by its alias, through AWS Backup only.
 */
function allowCopyKey(role: iam.Role, region: string, keyAlias: string): void {
  const keys = `arn:${Aws.PARTITION}:kms:${region}:${Aws.ACCOUNT_ID}:key/*`;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'UseTheCopyVaultKey',
      actions: ['kms:CreateGrant', 'kms:DescribeKey', 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
      resources: [keys],
      conditions: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': keyAlias } },
    }),
  );
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:${region}:<AWS::AccountId>:key/*]`,
    reason: `Only the key whose alias is ${keyAlias} (condition kms:ResourceAliases): the copy vault's key is in ${region}, created before this role by the backup-copy stack, and its ARN cannot be known here.`,
  });
}

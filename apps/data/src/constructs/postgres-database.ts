import { Duration, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import type { Construct } from 'constructs';
import { removalPolicyOf, resourceName, type EnvironmentName } from '@showcore/naming';
import type { DatabaseConfig } from '../config';
import { helperRemovalPolicyOf } from './removal';

export interface PostgresDatabaseProps {
  readonly environment: EnvironmentName;
  readonly config: DatabaseConfig;
  /** The imported VPC; its isolated subnets are the network tier's private subnets. */
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.ISecurityGroup;
  /** Where a single-AZ instance lives (ignored with Multi-AZ, where RDS places the standby). */
  readonly availabilityZone: string;
  /**
   * Customer-managed key for storage, Performance Insights, the managed secret and the log group.
   * @default - the AWS managed keys
   */
  readonly encryptionKey?: kms.IKey;
}

export interface PostgresDatabase {
  readonly instance: rds.DatabaseInstance;
  readonly logGroup: logs.LogGroup;
  /** The RDS-managed master secret (its ARN only; the value never passes through CloudFormation). */
  readonly masterSecretArn: string;
  /** `DbiResourceId` (`db-…`): the resource part of `rds-db:connect` policies for IAM database authentication. */
  readonly resourceId: string;
}

/** The DB instance identifier of an environment: `showcore-rds-<env>-db`. */
export function databaseIdentifier(environment: EnvironmentName): string {
  return resourceName('rds', environment, 'db');
}

/**
 * `RdsSubnetGroup`, `RdsParameterGroup` (rds.force_ssl=1) and the PostgreSQL 16 instance `id` (the spec's
 * `Database`, tasks.md 5.1–5.3), with its PostgreSQL and upgrade logs exported to the log groups `<id>LogGroup`
 * and `<id>UpgradeLogGroup` created here.
 *
 * The master password is managed by RDS (`ManageMasterUserPassword`): RDS generates it into a Secrets Manager
 * secret and rotates it every 7 days without a rotation Lambda, and no password, not even a dynamic reference,
 * appears in the template.
 */
export function createPostgresDatabase(scope: Construct, id: string, props: PostgresDatabaseProps): PostgresDatabase {
  const { config, environment, encryptionKey } = props;
  // Only the major version: RDS applies minor versions itself in the maintenance window (autoMinorVersionUpgrade).
  const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.of(config.engineVersion, config.engineVersion) });
  const helperRemoval = helperRemovalPolicyOf(config.removal);

  const subnetGroup = new rds.SubnetGroup(scope, 'RdsSubnetGroup', {
    vpc: props.vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    subnetGroupName: resourceName('rds', environment, 'subnet-group'),
    description: 'ShowCore RDS PostgreSQL: the private subnets (no route to the internet)',
    removalPolicy: helperRemoval,
  });
  const parameterGroup = new rds.ParameterGroup(scope, 'RdsParameterGroup', {
    engine,
    description: 'ShowCore PostgreSQL 16: TLS required for every connection',
    parameters: { 'rds.force_ssl': '1' },
    removalPolicy: helperRemoval,
  });
  // The group's resource is synthesized when an instance binds it; bind it anyway when it stays unattached.
  if (!config.attachParameterGroup) parameterGroup.bindToInstance({});

  const identifier = databaseIdentifier(environment);
  // Created here rather than through `cloudwatchLogsRetention`, which adds a Lambda-backed custom resource.
  // RDS writes to exactly these names; the instance depends on them so RDS never creates one first without
  // retention (or tags). `upgrade` records what each automatic minor upgrade did.
  const exportedLogGroup = (logGroupId: string, logType: string) =>
    new logs.LogGroup(scope, logGroupId, {
      logGroupName: `/aws/rds/instance/${identifier}/${logType}`,
      retention: config.logRetentionDays as logs.RetentionDays,
      removalPolicy: removalPolicyOf(config.logRemoval),
      encryptionKey,
    });
  const logGroup = exportedLogGroup(`${id}LogGroup`, 'postgresql');
  const upgradeLogGroup = exportedLogGroup(`${id}UpgradeLogGroup`, 'upgrade');

  const instance = new rds.DatabaseInstance(scope, id, {
    engine,
    instanceIdentifier: identifier,
    instanceType: new ec2.InstanceType(config.instanceClass.replace(/^db\./, '')),
    vpc: props.vpc,
    subnetGroup,
    securityGroups: [props.securityGroup],
    parameterGroup: config.attachParameterGroup ? parameterGroup : undefined,
    port: config.port,
    publiclyAccessible: false,
    multiAz: config.multiAz,
    availabilityZone: config.multiAz ? undefined : props.availabilityZone,
    allocatedStorage: config.allocatedStorageGb,
    // Storage autoscaling (an in-place change): RDS grows the volume itself; AllocatedStorage in the template
    // stays the floor, and CloudFormation leaves a grown volume alone as long as the template's value is below it.
    maxAllocatedStorage: config.maxAllocatedStorageGb > 0 ? config.maxAllocatedStorageGb : undefined,
    storageType: rds.StorageType.GP3,
    storageEncrypted: true,
    storageEncryptionKey: encryptionKey,
    databaseName: config.databaseName,
    credentials: rds.Credentials.fromUsername(config.masterUsername, { encryptionKey }),
    manageMasterUserPassword: true,
    // IAM database authentication: clients inside the VPC (the verification probe function) log in as their own
    // database user with a 15-minute token they sign with their role, so they need neither the master secret nor
    // a Secrets Manager endpoint. Password logins keep working for the master user.
    iamAuthentication: true,
    caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
    // Minor versions arrive automatically, inside the maintenance window; the template pins only the major
    // version, so it never names an older minor than the one running. Major upgrades stay a reviewed change.
    autoMinorVersionUpgrade: true,
    allowMajorVersionUpgrade: false,
    backupRetention: Duration.days(config.backupRetentionDays),
    preferredBackupWindow: config.backupWindow,
    preferredMaintenanceWindow: config.maintenanceWindow,
    copyTagsToSnapshot: true,
    // Deleting the stack keeps the automated backups (point-in-time recovery) for their retention period.
    deleteAutomatedBackups: !config.keepAutomatedBackups,
    cloudwatchLogsExports: ['postgresql', 'upgrade'],
    monitoringInterval: config.enhancedMonitoringIntervalSeconds > 0 ? Duration.seconds(config.enhancedMonitoringIntervalSeconds) : undefined,
    enablePerformanceInsights: config.performanceInsights,
    performanceInsightEncryptionKey: config.performanceInsights ? encryptionKey : undefined,
    deletionProtection: config.deletionProtection,
    removalPolicy: removalPolicyOf(config.removal),
  });
  instance.node.addDependency(logGroup, upgradeLogGroup);
  acknowledgeDatabaseChoices(instance, config);
  const cfnInstance = instance.node.defaultChild as rds.CfnDBInstance;
  return { instance, logGroup, masterSecretArn: cfnInstance.attrMasterUserSecretSecretArn, resourceId: cfnInstance.attrDbiResourceId };
}

/** cdk-nag findings that follow from a configured choice, acknowledged only when the configuration makes it. */
function acknowledgeDatabaseChoices(instance: rds.DatabaseInstance, config: DatabaseConfig): void {
  const nag = Validations.of(instance);
  const monitoringRole = instance.node.tryFindChild('MonitoringRole');
  if (monitoringRole) {
    Validations.of(monitoringRole).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]',
      reason:
        'AmazonRDSEnhancedMonitoringRole is the policy AWS maintains for Enhanced Monitoring: it lets RDS write only to the RDSOSMetrics log group; a hand-written copy would go stale.',
    });
  }
  if (!config.multiAz) {
    nag.acknowledge({
      id: 'AwsSolutions-RDS3',
      reason:
        'Single-AZ by cost choice (tasks.md 5.2: Multi-AZ doubles the db.t3.micro price, $13.14 -> $26.28/month); ' +
        'automated backups with point-in-time recovery cover a zone failure. database.multiAz turns it on (hardened profile).',
    });
  }
  if (!config.deletionProtection) {
    nag.acknowledge({
      id: 'AwsSolutions-RDS10',
      reason:
        'Deletion protection is on in prod only (database.deletionProtection) so dev and staging can be torn down; ' +
        'their removal policy still takes a final snapshot before the instance is deleted.',
    });
  }
  if (config.port === 5432) {
    nag.acknowledge({
      id: 'AwsSolutions-RDS11',
      reason:
        'The default PostgreSQL port is kept: the security group admits only the application tier and TLS is forced, ' +
        'so a non-standard port would add client configuration without adding protection.',
    });
  }
}

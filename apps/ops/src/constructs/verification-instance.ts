import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { resourceName, type EnvironmentName } from '@showcore/naming';

/** Key prefix, in the backups bucket, of what a verification run stages and writes (removed by the run). */
export const VERIFICATION_PREFIX = '_verify/';

export interface VerificationInstanceProps {
  readonly environment: EnvironmentName;
  /** The RDS instance whose RDS-managed master secret the PostgreSQL probe reads. */
  readonly dbInstanceId: string;
  /** The bucket where `ops:verify` stages the probes and the S3 probe writes its test object. */
  readonly backupsBucketName: string;
}

/**
 * The role of the short-lived instance `nx run ops:verify` launches in a private subnet (tasks.md 14.1–14.5): the
 * SSM core policy so Run Command can drive it, the RDS-managed secret of this environment's database (to log in
 * for the PostgreSQL probe), and the `_verify/` prefix of the backups bucket (the staged probes and the S3 probe's
 * object). Kept apart from the Session Manager role so that role stays minimal for future workloads.
 */
export class VerificationInstance extends Construct {
  readonly role: iam.Role;
  readonly instanceProfile: iam.InstanceProfile;

  constructor(scope: Construct, id: string, props: VerificationInstanceProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      roleName: resourceName('verify', props.environment, 'instance-role'),
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
      description: 'ShowCore post-deploy verification instance: Run Command, the database secret, the _verify/ prefix of the backups bucket',
    });
    this.role.addToPolicy(
      // RDS names its managed secrets rds!db-<uuid> and tags them with the instance's ARN; the tag pins the one
      // database of this environment (its ARN is only known to the data tier, which publishes a placeholder locally).
      new iam.PolicyStatement({
        sid: 'ReadDatabaseSecret',
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [stack.formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: 'rds!db-*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
        conditions: {
          StringEquals: {
            'secretsmanager:ResourceTag/aws:rds:primaryDBInstanceArn': stack.formatArn({ service: 'rds', resource: 'db', resourceName: props.dbInstanceId, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
          },
        },
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'VerificationObjects',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [stack.formatArn({ service: 's3', region: '', account: '', resource: props.backupsBucketName, resourceName: `${VERIFICATION_PREFIX}*`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME })],
      }),
    );
    this.role.addToPolicy(
      // Customer-managed keys (hardened profile) encrypt the secret and the bucket; only through those services.
      new iam.PolicyStatement({
        sid: 'DecryptThroughSecretsManagerAndS3',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': [`secretsmanager.${stack.region}.amazonaws.com`, `s3.${stack.region}.amazonaws.com`] } },
      }),
    );
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
      reason: 'Run Command drives the verification instance: AmazonSSMManagedInstanceCore is the minimal policy AWS maintains for the SSM agent.',
    });
    const bucketRef = (stack.resolve(props.backupsBucketName) as { Ref?: string }).Ref;
    const bucketInFinding = bucketRef ? `<${bucketRef}>` : props.backupsBucketName;
    const wildcards: Record<string, string> = {
      [`arn:<AWS::Partition>:secretsmanager:${stack.region}:<AWS::AccountId>:secret:rds!db-*`]:
        'RDS-managed secret names carry a generated suffix; the statement is pinned to this environment\'s database by the secret\'s aws:rds:primaryDBInstanceArn tag.',
      [`arn:<AWS::Partition>:s3:::${bucketInFinding}/${VERIFICATION_PREFIX}*`]:
        'The verification run stages its probes and the S3 probe writes uniquely named objects under _verify/ of the backups bucket only, and removes them.',
      '*': 'KMS decrypt/data keys only for calls made through Secrets Manager and S3 of this region (kms:ViaService): the customer-managed keys of the hardened profile.',
    };
    for (const [resource, reason] of Object.entries(wildcards)) {
      Validations.of(this.role).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
    }
    this.instanceProfile = new iam.InstanceProfile(this, 'InstanceProfile', {
      instanceProfileName: resourceName('verify', props.environment, 'instance-profile'),
      role: this.role,
    });
  }
}

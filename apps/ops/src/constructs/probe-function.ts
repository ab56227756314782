import * as path from 'node:path';
import { ArnFormat, Duration, Stack, Token, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { functionLogAndRole } from './function-log-and-role';
import { probeFunctionCode } from './probe-bundle';
import { DATABASE_PROBE_USER, resourceName, type EnvironmentName } from '@showcore/naming';

/** Key prefix, in the backups bucket, of what a verification run writes (removed by the run). */
export const VERIFICATION_PREFIX = '_verify/';

/** `showcore-drill-<env>-`: what ops:restore-drill names its restored copies (tools/verify/drill/runner.ts). */
export function drillCopyPrefix(environment: EnvironmentName): string {
  return `showcore-drill-${environment}-`;
}

/** The handler's entry file: the verify tool's in-VPC half (docs/decisions/0006), bundled here by path, not imported. */
export const PROBE_FUNCTION_ENTRY = path.resolve(__dirname, '..', '..', '..', '..', 'tools', 'verify', 'function', 'handler.ts');

/** `showcore-verify-<env>-probe`. */
export function probeFunctionName(environment: EnvironmentName): string {
  return resourceName('verify', environment, 'probe');
}

export interface ProbeFunctionProps {
  readonly environment: EnvironmentName;
  /** The network tier's private subnets (no route out). */
  readonly privateSubnetIds: string[];
  /** The application security group: the function proves what the application can reach, nothing more. */
  readonly applicationSecurityGroupId: string;
  /** `DbiResourceId` of the database, the resource of `rds-db:connect`. */
  readonly dbResourceId: string;
  readonly redisReplicationGroupId: string;
  readonly redisProbeUserId: string;
  /** The bucket whose `_verify/` prefix the S3 probe writes to. */
  readonly backupsBucketName: string;
  readonly logRetentionDays: number;
  readonly removalPolicy: RemovalPolicy;
}

/** What probeFunction builds. */
export interface ProbeFunction {
  readonly function: lambda.Function;
  readonly role: iam.Role;
}

/**
 * `ProbeFunction`: the in-VPC probe function `ops:verify` invokes synchronously (docs/decisions/0006), Node.js 22
 * bundled by esbuild on this machine (no Docker), in the private subnets with the application security group,
 * no environment variables, and a role that can do only what the probes need.
 */
export function probeFunction(scope: Construct, id: string, props: ProbeFunctionProps): ProbeFunction {
  const construct = new Construct(scope, id);
  const stack = Stack.of(construct);
  const functionName = probeFunctionName(props.environment);
  const { logGroup, role, ownLogs } = functionLogAndRole(construct, {
    functionName,
    roleName: resourceName('verify', props.environment, 'probe-role'),
    roleDescription:
      'ShowCore verification probe function: its log group, its network interfaces, the probe users of the database and the cache, _verify/ of the backups bucket',
    logRetentionDays: props.logRetentionDays,
    removalPolicy: props.removalPolicy,
  });
  const statements: iam.PolicyStatement[] = [
    ownLogs,
    // What AWSLambdaVPCAccessExecutionRole grants, written out: Lambda manages the function's interfaces itself.
    new iam.PolicyStatement({
      sid: 'NetworkInterfaces',
      actions: [
        'ec2:CreateNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeSubnets',
        'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses',
        'ec2:UnassignPrivateIpAddresses',
      ],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'DatabaseProbeUser',
      actions: ['rds-db:connect'],
      resources: [
        stack.formatArn({
          service: 'rds-db',
          resource: 'dbuser',
          resourceName: `${props.dbResourceId}/${DATABASE_PROBE_USER}`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
    }),
    new iam.PolicyStatement({
      sid: 'CacheProbeUser',
      actions: ['elasticache:Connect'],
      resources: [
        stack.formatArn({
          service: 'elasticache',
          resource: 'replicationgroup',
          resourceName: props.redisReplicationGroupId,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
        stack.formatArn({ service: 'elasticache', resource: 'user', resourceName: props.redisProbeUserId, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      ],
    }),
    // The restore drill probes its copies through this function: a restored instance gets a new DbiResourceId
    // (unknown before the restore), a restored group the drill's name. The snapshot carries the probe users.
    new iam.PolicyStatement({
      sid: 'RestoreDrillDatabaseCopy',
      actions: ['rds-db:connect'],
      resources: [
        stack.formatArn({ service: 'rds-db', resource: 'dbuser', resourceName: `*/${DATABASE_PROBE_USER}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      ],
    }),
    new iam.PolicyStatement({
      sid: 'RestoreDrillCacheCopy',
      actions: ['elasticache:Connect'],
      resources: [
        stack.formatArn({
          service: 'elasticache',
          resource: 'replicationgroup',
          resourceName: `${drillCopyPrefix(props.environment)}*`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
        stack.formatArn({ service: 'elasticache', resource: 'user', resourceName: props.redisProbeUserId, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      ],
    }),
    new iam.PolicyStatement({
      sid: 'VerificationObjects',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
      resources: [
        stack.formatArn({
          service: 's3',
          region: '',
          account: '',
          resource: props.backupsBucketName,
          resourceName: `${VERIFICATION_PREFIX}*`,
          arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
        }),
      ],
    }),
  ];
  for (const statement of statements) role.addToPolicy(statement);

  const lambdaFunction = new lambda.Function(construct, 'Function', {
    functionName,
    description: 'ShowCore post-deploy verification from inside the VPC (ops:verify invokes it; docs/verify.md)',
    // Everything bundled (the runtime's own SDK copy has no rds-signer and may lag); pg's optional native
    // binding is never used. One esbuild bundle per process (probe-bundle.ts).
    code: probeFunctionCode(PROBE_FUNCTION_ENTRY),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: 256,
    // Five probes, each under its own timeout (ops:verify's --probe-timeout), in one synchronous invoke.
    timeout: Duration.minutes(5),
    role,
    logGroup,
  });
  // The VPC configuration from deploy-time SSM values: an imported IVpc would need the subnets' count and
  // zones at synth time, which the network tier owns.
  (lambdaFunction.node.defaultChild as lambda.CfnFunction).vpcConfig = {
    subnetIds: props.privateSubnetIds,
    securityGroupIds: [props.applicationSecurityGroupId],
  };
  // Lambda checks on creation that the role may manage network interfaces, so CDK makes the function wait for
  // the role *and its policy*; the role part repeats what the GetAtt already orders (cfn-lint W3005).
  (lambdaFunction.node.defaultChild as lambda.CfnFunction).addMetadata('cfn-lint', { config: { ignore_checks: ['W3005'] } });
  Validations.of(lambdaFunction).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      'Node.js 22 on purpose: the handler and its clients are tested on the Node.js this repository runs (20/22, README prerequisites); ' +
      'Lambda supports nodejs22.x until 2027, and moving to a newer runtime is this one setting once the tests run on it.',
  });
  acknowledgeProbeRole(role, logGroup, stack, props);
  return { function: lambdaFunction, role };
}

/** The IAM5 findings of the probe role, each wildcard with the reason it is as narrow as it can be. */
function acknowledgeProbeRole(role: iam.Role, logGroup: logs.LogGroup, stack: Stack, props: ProbeFunctionProps): void {
  const tokenOf = (value: string) => {
    const resolved = stack.resolve(value) as { Ref?: string };
    return resolved.Ref ? `<${resolved.Ref}>` : value;
  };
  // How cdk-nag spells the ARNs' region and account: the literal when the stack has one, else the pseudo parameter.
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const reasons: Record<string, string> = {
    '*': "Lambda creates, describes and deletes the function's network interfaces itself; these EC2 actions take no resource-level scope (what AWSLambdaVPCAccessExecutionRole grants, written out).",
    [`<${stack.resolve((logGroup.node.defaultChild as logs.CfnLogGroup).logicalId)}.Arn>:*`]:
      "Log streams of the function's own log group only (Lambda names them per execution environment).",
    [`arn:<AWS::Partition>:rds-db:${region}:${account}:dbuser:*/${DATABASE_PROBE_USER}`]: `Only the probe user ${DATABASE_PROBE_USER}, on whichever instance a restore drill creates: a restored copy's DbiResourceId exists only after the restore, and the user carries nothing but rds_iam and its own schema.`,
    [`arn:<AWS::Partition>:elasticache:${region}:${account}:replicationgroup:${drillCopyPrefix(props.environment)}*`]:
      'Only the replication groups ops:restore-drill creates from a snapshot (named showcore-drill-<env>-<run id>), and only as the probe user (the user resource in the same statement).',
    [`arn:<AWS::Partition>:s3:::${tokenOf(props.backupsBucketName)}/${VERIFICATION_PREFIX}*`]:
      'The S3 probe writes one uniquely named object under _verify/ of the backups bucket and deletes it with its version.',
  };
  for (const [resource, reason] of Object.entries(reasons)) {
    Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
  }
}

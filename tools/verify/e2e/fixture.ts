import {
  AssociateRouteTableCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutBucketVersioningCommand, type S3Client } from '@aws-sdk/client-s3';
import { PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { parameterPath, resourceName, type EnvironmentName, type ParameterName } from '@showcore/naming';

export interface FixtureOptions {
  readonly environment: EnvironmentName;
  readonly region: string;
  /** Interface endpoint services to create (the real network tier's are configurable). */
  readonly endpointServices: readonly string[];
  readonly db: { host: string; port: number; secretArn?: string };
  readonly redis: { host: string; port: number };
  /** Create the probe function (not its code: moto runs functions only in Docker; the tests invoke the handler in-process). @default true */
  readonly deployFunction?: boolean;
  /** The function's security group. @default the application security group */
  readonly functionSecurityGroupId?: string;
}

export interface Fixture {
  readonly vpcId: string;
  readonly subnetId: string;
  readonly securityGroupId: string;
  readonly backupsBucket: string;
  readonly functionName: string;
}

/** A valid, empty zip archive (the end-of-central-directory record alone): code moto stores and never runs. */
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

/**
 * What the four tiers leave behind that verify reads, created directly in the emulator: a VPC with a private
 * subnet and its route table, the S3 gateway and interface endpoints, the app security group, the probe function in
 * that subnet and group, the buckets, and every SSM parameter of the contract verify consumes.
 */
export async function createFixture(
  clients: { ec2: EC2Client; iam: IAMClient; s3: S3Client; ssm: SSMClient; lambda: LambdaClient },
  options: FixtureOptions,
): Promise<Fixture> {
  const { ec2 } = clients;
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc?.VpcId as string;
  const subnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.20.1.0/24', AvailabilityZone: `${options.region}a` }))).Subnet
    ?.SubnetId as string;
  const routeTableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable?.RouteTableId as string;
  await ec2.send(new AssociateRouteTableCommand({ RouteTableId: routeTableId, SubnetId: subnetId }));
  const securityGroupId = (
    await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: `showcore-app-${options.environment}`, Description: 'application tier' }))
  ).GroupId as string;
  await ec2.send(
    new CreateVpcEndpointCommand({
      VpcId: vpcId,
      ServiceName: `com.amazonaws.${options.region}.s3`,
      VpcEndpointType: 'Gateway',
      RouteTableIds: [routeTableId],
    }),
  );
  for (const service of options.endpointServices) {
    await ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: vpcId,
        ServiceName: `com.amazonaws.${options.region}.${service}`,
        VpcEndpointType: 'Interface',
        SubnetIds: [subnetId],
        SecurityGroupIds: [securityGroupId],
        PrivateDnsEnabled: true,
      }),
    );
  }

  const functionName = resourceName('verify', options.environment, 'probe');
  if (options.deployFunction ?? true) {
    const roleName = resourceName('verify', options.environment, 'probe-role');
    const role = await clients.iam.send(
      new CreateRoleCommand({
        RoleName: roleName,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    await clients.lambda.send(
      new CreateFunctionCommand({
        FunctionName: functionName,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: role.Role?.Arn as string,
        Code: { ZipFile: EMPTY_ZIP },
        VpcConfig: { SubnetIds: [subnetId], SecurityGroupIds: [options.functionSecurityGroupId ?? securityGroupId] },
      }),
    );
  }

  const backupsBucket = `showcore-backups-${options.environment}-verify-e2e`;
  const staticBucket = `showcore-static-${options.environment}-verify-e2e`;
  for (const bucket of [backupsBucket, staticBucket]) {
    await clients.s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(options.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: options.region as never } }),
      }),
    );
    await clients.s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  }

  const values: Partial<Record<ParameterName, string>> = {
    vpcId,
    vpcCidr: '10.20.0.0/16',
    privateSubnetIds: subnetId,
    appSecurityGroupId: securityGroupId,
    verifyFunctionName: functionName,
    dbEndpointAddress: options.db.host,
    dbEndpointPort: String(options.db.port),
    dbSecretArn: options.db.secretArn ?? `arn:aws:secretsmanager:${options.region}:123456789012:secret:rds!db-e2e`,
    redisPrimaryEndpointAddress: options.redis.host,
    redisPrimaryEndpointPort: String(options.redis.port),
    redisReplicationGroupId: 'showcore-redis-local-cache',
    redisProbeUserId: 'showcore-redis-local-probe',
    backupsBucketName: backupsBucket,
    staticAssetsBucketName: staticBucket,
    distributionId: 'not-deployed-cdn-disabled',
    distributionDomainName: 'not-deployed-cdn-disabled',
  };
  for (const [name, value] of Object.entries(values)) {
    await clients.ssm.send(
      new PutParameterCommand({ Name: parameterPath(options.environment, name as ParameterName), Value: value, Type: 'String', Overwrite: true }),
    );
  }
  return { vpcId, subnetId, securityGroupId, backupsBucket, functionName };
}

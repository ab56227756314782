import * as fs from 'node:fs';
import { CloudWatchLogsClient, DescribeLogGroupsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { PARAMETER_NAMES, PARAMETERS, parameterPath, stackName, type EnvironmentName, type Tier } from '@showcore/naming';
import { assemblyResourceTypes, assemblyStacks } from '#tools/lib/assembly';
import { assemblyDir } from '#tools/lib/paths';
import { readParameters } from '#tools/lib/ssm-preflight';
import { awsClients, clientConfig } from '#tools/lib/aws-clients';
import { CheckList, missingTags, type CheckResult } from './checks';

const SENSITIVE_PORTS = [22, 5432, 6379];
const WORLD = ['0.0.0.0/0', '::/0'];

interface Context {
  readonly environment: EnvironmentName;
  readonly env: NodeJS.ProcessEnv;
  readonly params: Map<string, string>;
  readonly supportedTypes: Set<string>;
}

function client<T>(Ctor: new (config: object) => T, env: NodeJS.ProcessEnv): T {
  return new Ctor({ ...clientConfig(env), forcePathStyle: true });
}

function param(ctx: Context, name: (typeof PARAMETER_NAMES)[number]): string | undefined {
  return ctx.params.get(parameterPath(ctx.environment, name));
}

/** A published list parameter as an array ([] when missing, never ['']). */
function listParam(ctx: Context, name: (typeof PARAMETER_NAMES)[number]): string[] {
  return (param(ctx, name) ?? '').split(',').filter(Boolean);
}

function templateResources(tier: Tier, environment: EnvironmentName, type: string): any[] {
  const dir = assemblyDir(tier, environment);
  if (!fs.existsSync(`${dir}/manifest.json`)) return [];
  return assemblyStacks(dir).flatMap((stack) =>
    Object.values<any>(JSON.parse(fs.readFileSync(stack.templateFile, 'utf8')).Resources ?? {}).filter((r) => r.Type === type),
  );
}

async function verifyNetwork(ctx: Context, checks: CheckList): Promise<void> {
  const ec2 = client(EC2Client, ctx.env);
  const vpcId = param(ctx, 'vpcId');
  await checks.guard('VPC', async () => {
    const vpc = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId as string] }))).Vpcs?.[0];
    checks.expect('VPC CIDR matches the published one', vpc?.CidrBlock === param(ctx, 'vpcCidr'), `${vpcId}: ${vpc?.CidrBlock}`);
    const missing = missingTags(vpc?.Tags);
    checks.expect('VPC carries the standard tags', missing.length === 0, missing.length ? `missing ${missing.join(', ')}` : 'all six tags');
  });
  await checks.guard('subnets', async () => {
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId as string] }] }))).Subnets ?? [];
    const publicIds = listParam(ctx, 'publicSubnetIds');
    const privateIds = listParam(ctx, 'privateSubnetIds');
    const describe = (ids: string[]) =>
      subnets
        .filter((s) => ids.includes(s.SubnetId as string))
        .map((s) => `${s.CidrBlock}@${s.AvailabilityZone}`)
        .join(', ');
    checks.expect('public subnets exist', publicIds.length > 0 && publicIds.every((id) => subnets.some((s) => s.SubnetId === id)), describe(publicIds));
    checks.expect('private subnets exist', privateIds.length > 0 && privateIds.every((id) => subnets.some((s) => s.SubnetId === id)), describe(privateIds));
    const autoIp = subnets.filter((s) => s.MapPublicIpOnLaunch).map((s) => s.SubnetId);
    checks.expect('no subnet auto-assigns public IPs', autoIp.length === 0, autoIp.length ? autoIp.join(', ') : `${subnets.length} subnets checked`);
  });
  await checks.guard('routes', async () => {
    const tables = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId as string] }] }))).RouteTables ?? [];
    const privateTableIds = listParam(ctx, 'privateRouteTableIds');
    const withDefault = tables.filter(
      (t) =>
        privateTableIds.includes(t.RouteTableId as string) && t.Routes?.some((r) => WORLD.includes(r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? '')),
    );
    checks.expect(
      'private route tables have no default route',
      privateTableIds.length > 0 && withDefault.length === 0,
      `${privateTableIds.length} private tables; with a default route: ${withDefault.map((t) => t.RouteTableId).join(', ') || 'none'}`,
    );
    const igwDefault = tables.some((t) => t.Routes?.some((r) => r.DestinationCidrBlock === '0.0.0.0/0' && r.GatewayId?.startsWith('igw-')));
    checks.expect('public route table routes 0.0.0.0/0 to the internet gateway', igwDefault, igwDefault ? 'found' : 'no 0.0.0.0/0 -> igw route');
  });
  await checks.guard('NAT gateways', async () => {
    const nats = (await ec2.send(new DescribeNatGatewaysCommand({ Filter: [{ Name: 'vpc-id', Values: [vpcId as string] }] }))).NatGateways ?? [];
    checks.expect('no NAT gateway', nats.length === 0, `${nats.length} found`);
  });
  await checks.guard('VPC endpoints', async () => {
    const endpoints = (await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId as string] }] }))).VpcEndpoints ?? [];
    const expected = templateResources('network', ctx.environment, 'AWS::EC2::VPCEndpoint');
    const gateways = endpoints.filter((e) => e.VpcEndpointType === 'Gateway').map((e) => e.ServiceName?.split('.').pop());
    const interfaces = endpoints.filter((e) => e.VpcEndpointType === 'Interface');
    checks.expect(
      'every endpoint of the template exists',
      endpoints.length === expected.length,
      `${endpoints.length} in the emulator, ${expected.length} in the template`,
    );
    checks.expect(
      'gateway endpoints for S3 and DynamoDB',
      ['s3', 'dynamodb'].every((s) => gateways.includes(s)),
      `gateway: ${gateways.join(', ')}`,
    );
    const expectedInterfaces = expected.filter((e) => e.Properties?.VpcEndpointType === 'Interface').length;
    checks.expect(
      'interface endpoints have private DNS',
      interfaces.length === expectedInterfaces && interfaces.every((e) => e.PrivateDnsEnabled),
      interfaces.map((e) => `${e.ServiceName?.split('.').slice(3).join('.')}: ${e.PrivateDnsEnabled}`).join(', ') || 'none',
    );
  });
}

async function verifySecurityGroups(ctx: Context, checks: CheckList): Promise<void> {
  await checks.guard('security groups', async () => {
    const groups = (await client(EC2Client, ctx.env).send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
    const open = groups.flatMap((g) =>
      (g.IpPermissions ?? [])
        .filter((p) => SENSITIVE_PORTS.some((port) => p.IpProtocol === '-1' || ((p.FromPort ?? 0) <= port && port <= (p.ToPort ?? 65535))))
        .filter((p) => p.IpRanges?.some((r) => WORLD.includes(r.CidrIp ?? '')) || p.Ipv6Ranges?.some((r) => WORLD.includes(r.CidrIpv6 ?? '')))
        .map((p) => `${g.GroupId}:${p.FromPort}-${p.ToPort}`),
    );
    checks.expect('no security group open to the world on 22/5432/6379', open.length === 0, open.join(', ') || `${groups.length} groups checked`);
  });
}

async function verifyData(ctx: Context, checks: CheckList): Promise<void> {
  const id = param(ctx, 'dbInstanceId');
  await checks.guard('RDS instance', async () => {
    const db = (await client(RDSClient, ctx.env).send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances?.[0];
    const expected = templateResources('data', ctx.environment, 'AWS::RDS::DBInstance')[0]?.Properties ?? {};
    checks.expect('RDS engine is PostgreSQL 16', db?.Engine === 'postgres' && String(db?.EngineVersion).startsWith('16'), `${db?.Engine} ${db?.EngineVersion}`);
    checks.expect('RDS instance class as configured', db?.DBInstanceClass === expected.DBInstanceClass, `${db?.DBInstanceClass}`);
    checks.expect(
      'RDS storage encrypted, not public',
      db?.StorageEncrypted === true && db?.PubliclyAccessible === false,
      `encrypted=${db?.StorageEncrypted} public=${db?.PubliclyAccessible}`,
    );
    checks.expect(
      'RDS backup retention as configured',
      db?.BackupRetentionPeriod === Number(expected.BackupRetentionPeriod),
      `${db?.BackupRetentionPeriod} days`,
    );
    checks.expect('RDS Multi-AZ as configured', db?.MultiAZ === Boolean(expected.MultiAZ), `MultiAZ=${db?.MultiAZ}`);
    checks.expect('RDS endpoint published', param(ctx, 'dbEndpointAddress') === db?.Endpoint?.Address, `${db?.Endpoint?.Address}`);
  });
}

/** The template's properties of the bucket whose name is `bucket` (names are literal outside tokens). */
function templateBucket(environment: EnvironmentName, bucket: string): Record<string, any> | undefined {
  return templateResources('edge', environment, 'AWS::S3::Bucket').find((r) => {
    const name = r.Properties?.BucketName;
    return typeof name === 'string' ? name === bucket : JSON.stringify(name ?? '').includes(bucket.split('-').slice(0, -1).join('-'));
  })?.Properties;
}

async function verifyEdge(ctx: Context, checks: CheckList): Promise<void> {
  const s3 = client(S3Client, ctx.env);
  for (const name of ['staticAssetsBucketName', 'backupsBucketName'] as const) {
    const bucket = param(ctx, name) as string;
    const expected = templateBucket(ctx.environment, bucket) ?? {};
    await checks.guard(`bucket ${bucket}`, async () => {
      const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
      const wantVersioning = expected.VersioningConfiguration?.Status;
      checks.expectUnlessDropped(
        `${bucket}: versioning ${wantVersioning ?? 'as in the template'}`,
        !versioning.Status ? 'absent' : versioning.Status === wantVersioning ? 'as-expected' : 'different',
        `template ${wantVersioning}, emulator ${versioning.Status ?? 'none'}`,
      );
      const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
      const algorithm = encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
      const wantAlgorithm = expected.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault?.SSEAlgorithm;
      checks.expect(`${bucket}: encrypted at rest (${wantAlgorithm})`, algorithm !== undefined && algorithm === wantAlgorithm, `${algorithm}`);
      const block = await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })).then(
        (r) => r.PublicAccessBlockConfiguration,
        () => undefined,
      );
      const allBlocked =
        !!block && ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'].every((k) => (block as any)[k] === true);
      checks.expectUnlessDropped(
        `${bucket}: all public access blocked`,
        !block ? 'absent' : allBlocked ? 'as-expected' : 'different',
        JSON.stringify(block ?? 'no configuration'),
      );
      const lifecycle = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket })).catch(() => undefined);
      const wantRules = expected.LifecycleConfiguration?.Rules?.length ?? 0;
      const rules = lifecycle?.Rules?.length ?? 0;
      checks.expectUnlessDropped(
        `${bucket}: ${wantRules} lifecycle rule(s)`,
        rules === 0 && wantRules > 0 ? 'absent' : rules === wantRules ? 'as-expected' : 'different',
        `template ${wantRules}, emulator ${rules}`,
      );
      const tags = await s3.send(new GetBucketTaggingCommand({ Bucket: bucket })).catch(() => undefined);
      const missing = missingTags(tags?.TagSet);
      checks.expect(`${bucket}: standard tags`, missing.length === 0, missing.length ? `missing ${missing.join(', ')}` : 'all six tags');
    });
  }
}

async function verifyOps(ctx: Context, checks: CheckList): Promise<void> {
  const sns = client(SNSClient, ctx.env);
  for (const name of ['criticalTopicArn', 'warningTopicArn'] as const) {
    const arn = param(ctx, name) as string;
    await checks.guard(`topic ${arn}`, async () => {
      const attributes = (await sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes;
      checks.expect(`SNS topic ${arn.split(':').pop()} exists`, !!attributes, arn);
    });
  }
}

async function verifyLogGroups(ctx: Context, tier: Tier, checks: CheckList): Promise<void> {
  const expected = templateResources(tier, ctx.environment, 'AWS::Logs::LogGroup').filter((r) => typeof r.Properties?.LogGroupName === 'string');
  if (expected.length === 0) return;
  const logs = client(CloudWatchLogsClient, ctx.env);
  for (const group of expected) {
    const name = group.Properties.LogGroupName as string;
    await checks.guard(`log group ${name}`, async () => {
      const found = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups?.find((g) => g.logGroupName === name);
      checks.expect(
        `log group ${name} with ${group.Properties.RetentionInDays}-day retention`,
        found?.retentionInDays === group.Properties.RetentionInDays,
        found ? `${found.retentionInDays} days` : 'missing',
      );
      if (found?.arn) {
        const tags = (await logs.send(new ListTagsForResourceCommand({ resourceArn: found.arn.replace(/:\*$/, '') }))).tags;
        const missing = missingTags(tags);
        checks.expect(`log group ${name}: standard tags`, missing.length === 0, missing.length ? `missing ${missing.join(', ')}` : 'all six tags');
      }
    });
  }
}

const TIER_VERIFIERS: Record<Tier, (ctx: Context, checks: CheckList) => Promise<void>> = {
  network: verifyNetwork,
  data: verifyData,
  edge: verifyEdge,
  ops: verifyOps,
};

/**
 * What the hardened profile builds in a second region, in a stack of its own (docs/decisions/0007). The local
 * environment follows the cost-optimized profile, where both are off: the report says so instead of staying silent.
 */
export const SECOND_REGION_STACKS: Partial<Record<Tier, { readonly feature: string; readonly part: string; readonly setting: string }>> = {
  edge: { feature: 'S3 cross-region replication', part: 'replica', setting: 'replication.enabled' },
  ops: { feature: 'cross-region backup copies', part: 'backup-copy', setting: 'backupCopy.enabled' },
};

/** A not-emulated line for a tier's second-region stack: off in this environment, or built but not verified here. */
export function secondRegionNote(tier: Tier, environment: EnvironmentName): { check: string; detail: string } | undefined {
  const second = SECOND_REGION_STACKS[tier];
  if (!second) return undefined;
  const name = stackName(tier, environment, second.part);
  const dir = assemblyDir(tier, environment);
  const built = fs.existsSync(`${dir}/manifest.json`) && assemblyStacks(dir).some((s) => s.stackName === name);
  const detail = built
    ? `${name} is in the assembly (second region); not verified against the emulator — covered by template tests`
    : `off in ${environment} (cost-optimized profile: ${second.setting} is false), so ${name} is not built; covered by template tests over the hardened profile`;
  return { check: `${second.feature} (${name})`, detail };
}

/** Resource types of a tier's local templates that moto's CloudFormation skips, with their counts. */
export function skippedTypes(tier: Tier, environment: EnvironmentName, supported: Set<string>): [string, number][] {
  const dir = assemblyDir(tier, environment);
  if (!fs.existsSync(`${dir}/manifest.json`)) return [];
  return [...assemblyResourceTypes(dir)].filter(([type]) => !supported.has(type) && !type.startsWith('AWS::CDK::')).sort();
}

/** Verifies, through the AWS SDK against the emulator, what the local deploy of each tier created. */
export async function checkDeployment(
  tiers: readonly Tier[],
  environment: EnvironmentName,
  env: NodeJS.ProcessEnv,
  supportedTypes: Set<string>,
): Promise<CheckResult[]> {
  const clients = awsClients(env);
  const params = await readParameters(
    clients.ssm,
    PARAMETER_NAMES.map((n) => parameterPath(environment, n)),
  );
  const ctx: Context = { environment, env, params, supportedTypes };
  const results: CheckResult[] = [];
  for (const tier of tiers) {
    const checks = new CheckList(tier);
    for (const name of PARAMETER_NAMES.filter((n) => PARAMETERS[n].producer === tier)) {
      const path = parameterPath(environment, name);
      const value = params.get(path);
      // Tiers publish a clear placeholder for what the emulator cannot create (e.g. CloudFront, ElastiCache).
      if (value && /^not-(emulated|deployed)/.test(value))
        checks.notEmulated(`SSM ${path}`, `placeholder "${value}": the resource it names is not emulated locally`);
      else checks.expect(`SSM ${path}`, !!value, value ? `= ${value}` : 'missing or empty');
    }
    await TIER_VERIFIERS[tier](ctx, checks);
    await verifyLogGroups(ctx, tier, checks);
    for (const [type, count] of skippedTypes(tier, environment, supportedTypes)) {
      checks.notEmulated(`${type} ×${count}`);
    }
    const second = secondRegionNote(tier, environment);
    if (second) checks.notEmulated(second.check, second.detail);
    results.push(...checks.results);
  }
  const shared = new CheckList('all');
  await verifySecurityGroups(ctx, shared);
  results.push(...shared.results);
  return results;
}

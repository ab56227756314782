import { DescribeSecurityGroupsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { HeadBucketCommand, PutBucketVersioningCommand, PutObjectCommand, DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { parameterPath, stackName, type Tier } from '@showcore/naming';
import { readParameters } from '#tools/lib/ssm-preflight';
import { awsClients, clientConfig } from '#tools/lib/aws-clients';
import { status } from '#tools/status/main';
import { probeEmulator } from '#tools/lib/liveness';
import { bootstrapEmulator, cfn, e2eEnv, liveStacks, resetEmulator, tool } from '#tools/emulator/harness';

// The faults of a local teardown, on every tier really deployed into the suite's emulator: a producer destroyed
// under its consumers, a bucket with objects, the status of a local deployment.
const ec2 = () => new EC2Client(clientConfig(e2eEnv()));
const s3 = () => new S3Client({ ...clientConfig(e2eEnv()), forcePathStyle: true });

function deploy(tier: Tier): void {
  const result = tool('tools/cdk/tier.ts', ['deploy', `--tier=${tier}`, '--environment=local']);
  if (result.status !== 0) throw new Error(`deploy of ${tier} exited ${result.status}:\n${result.output.slice(-3000)}`);
}

/** Security groups of the data tier (by moto's stack-name tag), with the VPC they are in. */
async function dataSecurityGroups(): Promise<{ id: string; vpc: string }[]> {
  const groups = (await ec2().send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
  return groups
    .filter((g) => g.Tags?.some((t) => t.Key === 'aws:cloudformation:stack-name' && t.Value === stackName('data', 'local')))
    .map((g) => ({ id: g.GroupId as string, vpc: g.VpcId as string }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

async function edgeBuckets(): Promise<string[]> {
  const paths = [parameterPath('local', 'staticAssetsBucketName'), parameterPath('local', 'backupsBucketName')];
  const values = await readParameters(awsClients(e2eEnv()).ssm, paths);
  return paths.map((p) => values.get(p) as string);
}

async function bucketExists(bucket: string): Promise<boolean> {
  try {
    await s3().send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch {
    return false;
  }
}

describe('tearing down a local deployment', () => {
  beforeAll(async () => {
    await resetEmulator();
    await bootstrapEmulator();
    for (const tier of ['network', 'data', 'edge', 'ops'] as const) deploy(tier);
  });

  it('reports the emulated parts of a healthy local deployment and marks the placeholders as not emulated (exit 0)', async () => {
    const result = await status('local', { json: true, env: e2eEnv() });
    const json = JSON.parse(result.output);
    expect(json.reasons).toEqual([expect.stringMatching(/^every emulated part healthy; \d+ part\(s\) not emulated locally/)]);
    expect(result.code).toBe(0);
    expect(json.rds.id).toBe('showcore-rds-local-db');
    expect(json.notEmulated).toContainEqual({
      name: parameterPath('local', 'redisReplicationGroupId'),
      reason: 'published "not-emulated-locally": there is no such resource in the emulator to ask about',
    });
    expect(json.notEmulated.map((n: { name: string }) => n.name)).toContain('showcore-backup-local-vault');
  });

  it('refuses to destroy the network tier under the deployed data and ops tiers, naming them, and changes nothing', async () => {
    const stacksBefore = await liveStacks();
    const groupsBefore = await dataSecurityGroups();
    expect(groupsBefore.length).toBeGreaterThan(0);
    const result = tool('tools/cdk/tier.ts', ['destroy', '--tier=network', '--environment=local']);
    expect(result.status).toBe(1);
    expect(result.output).toContain('Refusing to destroy the network tier in "local": the data, ops tier(s) that read its SSM parameters are deployed:');
    expect(result.output).toContain(`- data (${stackName('data', 'local')}) reads /showcore/local/network/vpc-id`);
    expect(result.output).toContain('or pass --force-with-consumers to destroy the network tier anyway. Nothing was changed.');
    // A failure against a live emulator holding the data tier is reported as itself, not as a dead emulator.
    expect(result.output).not.toContain('stopped answering');
    expect(await probeEmulator(e2eEnv().AWS_ENDPOINT_URL as string)).toMatchObject({ answers: true });
    expect(await liveStacks()).toEqual(stacksBefore);
    expect(await dataSecurityGroups()).toEqual(groupsBefore);
  });

  it('destroys the edge tier with objects (versions and delete markers) in its buckets, and deploys it again', async () => {
    const buckets = await edgeBuckets();
    const client = s3();
    for (const bucket of buckets) {
      await client.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
      for (const body of ['one', 'two']) await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'site/index.html', Body: body }));
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'site/index.html' }));
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'kept.txt', Body: 'kept' }));
    }
    // The ops tier reads the edge tier's parameters: asked explicitly.
    const destroyed = tool('tools/cdk/tier.ts', ['destroy', '--tier=edge', '--environment=local', '--force-with-consumers']);
    expect(destroyed.output).toContain(`[edge] emptied bucket ${buckets[0]} (4 object version(s) and delete marker(s))`);
    expect(destroyed.status).toBe(0);
    for (const bucket of buckets) expect(await bucketExists(bucket)).toBe(false);
    expect(await liveStacks()).not.toContain(stackName('edge', 'local'));

    const redeployed = tool('tools/cdk/tier.ts', ['deploy', '--tier=edge', '--environment=local']);
    expect(redeployed.status).toBe(0);
    const stack = (await cfn().send(new DescribeStacksCommand({ StackName: stackName('edge', 'local') }))).Stacks?.[0];
    expect(stack?.StackStatus).toBe('CREATE_COMPLETE');
    for (const bucket of buckets) expect(await bucketExists(bucket)).toBe(true);
  });

  it('destroys the network tier when asked explicitly, removing only what its own stack created', async () => {
    const groupsBefore = await dataSecurityGroups();
    const result = tool('tools/cdk/tier.ts', ['destroy', '--tier=network', '--environment=local', '--force-with-consumers']);
    expect(result.status).toBe(0);
    expect(result.output).toContain('[network] --force-with-consumers: destroying it although data, ops read(s) its parameters');
    expect(result.output).toContain(`[network] kept ${groupsBefore.length} resource(s) other stacks created in its VPC (and so the VPC)`);
    expect(await liveStacks()).not.toContain(stackName('network', 'local'));
    // The data tier's security groups, and the VPC they are in, are still there.
    expect(await dataSecurityGroups()).toEqual(groupsBefore);
    const vpcs = ((await ec2().send(new DescribeVpcsCommand({}))).Vpcs ?? []).map((v) => v.VpcId);
    expect(vpcs).toContain(groupsBefore[0].vpc);
  });
});

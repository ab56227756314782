import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeVpcEndpointsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PARAMETER_NAMES, PARAMETERS, parameterPath, stackName, TIERS, type Tier } from '@showcore/naming';
import { clientConfig } from '#tools/lib/aws-clients';
import { bootstrapEmulator, cfn, e2eEnv, liveStacks, resetEmulator, stackTouchedAt } from '#tools/emulator/harness';
import { ScratchClone } from './scratch';

// The whole SSM contract between the tiers, really deployed: the tiers of this checkout, deployed through their
// own Nx deploy targets into the suite's moto, in a scratch clone where the test commits changes.
let tiers: Tier[] = [];
const stacks = Object.fromEntries(TIERS.map((t) => [t, stackName(t, 'local')])) as Record<Tier, string>;

async function touchedAt(): Promise<Record<Tier, number>> {
  const entries = await Promise.all(tiers.map(async (t) => [t, await stackTouchedAt(stacks[t])] as const));
  return Object.fromEntries(entries) as Record<Tier, number>;
}

async function stackOutput(stack: string, key: string): Promise<string | undefined> {
  const described = await cfn().send(new DescribeStacksCommand({ StackName: stack }));
  return described.Stacks?.[0].Outputs?.find((o) => o.OutputKey === key)?.OutputValue;
}

async function ssmValues(): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  let NextToken: string | undefined;
  do {
    const page = await new SSMClient(clientConfig(e2eEnv())).send(new GetParametersByPathCommand({ Path: '/showcore/local', Recursive: true, NextToken }));
    for (const p of page.Parameters ?? []) values.set(p.Name as string, p.Value as string);
    NextToken = page.NextToken;
  } while (NextToken);
  return values;
}

describe('deploying the tiers together through the SSM contract', () => {
  let clone: ScratchClone;

  beforeAll(async () => {
    await resetEmulator();
    clone = new ScratchClone();
    tiers = TIERS.filter((t) => fs.existsSync(path.join(clone.dir, 'apps', t, 'cdk.json')));
    await bootstrapEmulator();
  });

  afterAll(() => clone?.remove());

  it('deploys every tier, producers first, and publishes every parameter of the registry', async () => {
    const output = clone.nxOk(['run-many', '-t', 'deploy', '-c', 'local', '--parallel=1'], e2eEnv());
    expect(output).toMatch(/Successfully ran target deploy for \d+ projects/);
    const values = await ssmValues();
    const expected = PARAMETER_NAMES.filter((n) => tiers.includes(PARAMETERS[n].producer as Tier)).map((n) => parameterPath('local', n));
    expect(expected.filter((p) => !values.get(p))).toEqual([]);
    const times = await touchedAt();
    if (tiers.includes('data')) expect(times.network).toBeLessThan(times.data);
    if (tiers.includes('ops')) expect(Math.max(times.network, times.data, times.edge)).toBeLessThan(times.ops);
  });

  it('changes no stack when deployed again without a change (idempotent)', async () => {
    const before = await touchedAt();
    const output = clone.nxOk(['run-many', '-t', 'deploy', '-c', 'local', '--parallel=1'], e2eEnv());
    expect(await touchedAt()).toEqual(before);
    for (const tier of tiers) expect(output).toContain(`[${tier}] no changes: every stack already runs this template with current inputs; nothing deployed`);
  });

  it('deploys exactly the affected tier when one tier changes, and leaves its consumers alone when nothing it publishes changed', async () => {
    const before = await touchedAt();
    clone.commitEdit(
      'apps/edge/src/main.ts',
      'synthesizeCdkApp(buildEdgeApp);',
      "synthesizeCdkApp((app) => {\n  buildEdgeApp(app);\n  Tags.of(app).add('E2eChange', 'edge');\n});",
      'edge: e2e change',
    );
    clone.commitEdit(
      'apps/edge/src/main.ts',
      "import { synthesizeCdkApp } from '@showcore/naming';",
      "import { Tags } from 'aws-cdk-lib';\nimport { synthesizeCdkApp } from '@showcore/naming';",
      'edge: e2e import',
    );
    clone.nxOk(['affected', '-t', 'deploy', '-c', 'local', '--base=HEAD~2', '--parallel=1'], e2eEnv());
    const after = await touchedAt();
    const changed = tiers.filter((t) => after[t] !== before[t]);
    expect(changed).toEqual(['edge']);
  });

  it('deploys every tier in producer-to-consumer order when the shared naming lib changes', async () => {
    const before = await touchedAt();
    // A change every producer's template carries (the description of its published outputs). Not a tag value:
    // moto loses the VPC from a stack whose VPC properties are updated, a limitation of the emulator only.
    clone.commitEdit(
      'libs/naming/src/ssm.ts',
      '{ value: stringValue, description: definition.description }',
      '{ value: stringValue, description: `${definition.description} (e2e)` }',
      'naming: e2e change',
    );
    clone.nxOk(['affected', '-t', 'deploy', '-c', 'local', '--base=HEAD~1', '--parallel=1'], e2eEnv());
    const after = await touchedAt();
    expect(tiers.filter((t) => after[t] === before[t])).toEqual([]);
    if (tiers.includes('data')) expect(after.network).toBeLessThan(after.data);
    if (tiers.includes('ops')) expect(Math.max(after.network, after.data, after.edge)).toBeLessThan(after.ops);
  });

  it('redeploys a consumer when its producer changes a value it reads, so it never runs on a stale one', async () => {
    if (!tiers.includes('ops')) return;
    const path = parameterPath('local', 'distributionId');
    const oldValue = (await ssmValues()).get(path);
    // Locally the edge tier publishes a placeholder distribution id (moto has no CloudFront), a literal the emulator
    // does update; changing it is a producer changing a value the ops tier reads. (moto does not propagate new
    // ids of replaced resources into parameters, nor update RDS in place, so a literal is the honest lever here.)
    clone.commitEdit(
      'apps/edge/src/config/types.ts',
      "CDN_NOT_DEPLOYED = 'not-deployed-cdn-disabled'",
      "CDN_NOT_DEPLOYED = 'not-deployed-cdn-disabled-e2e'",
      'edge: e2e published value',
    );
    const before = await touchedAt();
    const output = clone.nxOk(['affected', '-t', 'deploy', '-c', 'local', '--base=HEAD~1', '--parallel=1', '--exclude-task-dependencies'], e2eEnv());
    const newValue = (await ssmValues()).get(path);
    expect(oldValue).toBe('not-deployed-cdn-disabled');
    expect(newValue).toBe('not-deployed-cdn-disabled-e2e');
    expect(output).toContain('published values changed (distributionId, distributionDomainName): refreshing the ops tier');
    const after = await touchedAt();
    expect(after.ops).toBeGreaterThan(before.ops);
    expect(after.network).toBe(before.network);
    expect(after.data).toBe(before.data);
    expect(await stackOutput(stacks.ops, 'ConsumedDistributionId')).toBe(newValue);
  });

  it('destroys every stack, consumers first, and leaves no ShowCore stack or parameter behind', async () => {
    clone.nxOk(['run-many', '-t', 'destroy', '-c', 'local', '--parallel=1'], e2eEnv());
    expect((await liveStacks()).filter((s) => s.startsWith('showcore-'))).toEqual([]);
    expect([...(await ssmValues()).keys()]).toEqual([]);
    const ec2 = new EC2Client(clientConfig(e2eEnv()));
    expect(((await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []).filter((v) => !v.IsDefault).map((v) => v.VpcId)).toEqual([]);
    expect(
      ((await ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints ?? [])
        .filter((e) => String(e.State).toLowerCase() !== 'deleted')
        .map((e) => e.VpcEndpointId),
    ).toEqual([]);
  });
});

import { awsClients, byRegion } from '../aws-clients';

const env = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:5000',
} as NodeJS.ProcessEnv;

describe("a tier's stacks by region (the edge replica and ops copy-vault stacks live in a second region)", () => {
  const clients = awsClients(env);
  const stacks = [
    { stackName: 'showcore-edge-prod-stack', region: 'us-east-1' },
    { stackName: 'showcore-edge-prod-replica-stack', region: 'us-west-2' },
    { stackName: 'showcore-edge-prod-other-stack' },
  ];
  const groups = byRegion(env, clients, stacks);

  it("puts a stack without a region in the environment's region, each other region in its own group", () => {
    expect(groups.map((g) => [g.region, g.stacks.map((s) => s.stackName)])).toEqual([
      ['us-east-1', ['showcore-edge-prod-stack', 'showcore-edge-prod-other-stack']],
      ['us-west-2', ['showcore-edge-prod-replica-stack']],
    ]);
  });

  it("asks CloudFormation in the stacks' region, and keeps SSM (the contract) in the environment's region", async () => {
    expect(groups[0].clients).toBe(clients);
    expect(await groups[1].clients.cloudFormation.config.region()).toBe('us-west-2');
    expect(groups[1].clients.ssm).toBe(clients.ssm);
    // Same endpoint (the local emulator answers every region) and credentials.
    expect((await groups[1].clients.cloudFormation.config.endpoint?.())?.hostname).toBe('127.0.0.1');
  });
});

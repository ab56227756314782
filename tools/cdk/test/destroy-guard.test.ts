import { CloudFormationClient, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { checkConsumers, isStackOf } from '../destroy-guard';

// A client that is never sent anywhere: every command it gets is answered by the mock.
const cfn = () => new CloudFormationClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });

function withStacks(client: CloudFormationClient, stacks: [string, string][]): void {
  mockClient(client)
    .on(ListStacksCommand)
    .resolves({ StackSummaries: stacks.map(([StackName, StackStatus]) => ({ StackName, StackStatus: StackStatus as never, CreationTime: new Date(0) })) });
}

describe('destroying a producer under its consumers', () => {
  it('refuses while a consumer is deployed, naming it, what it reads, and both ways out', async () => {
    const client = cfn();
    withStacks(client, [
      ['showcore-data-local-stack', 'CREATE_COMPLETE'],
      ['showcore-network-local-stack', 'CREATE_COMPLETE'],
      ['showcore-ops-local-stack', 'DELETE_COMPLETE'],
    ]);
    const refused = checkConsumers(client, 'network', 'local', false);
    await expect(refused).rejects.toThrow('Refusing to destroy the network tier in "local": the data tier(s) that read its SSM parameters are deployed:');
    await expect(checkConsumers(client, 'network', 'local', false)).rejects.toThrow('- data (showcore-data-local-stack) reads /showcore/local/network/vpc-id');
    await expect(checkConsumers(client, 'network', 'local', false)).rejects.toThrow(
      'or pass --force-with-consumers to destroy the network tier anyway. Nothing was changed.',
    );
  });

  it('goes ahead when asked explicitly, and returns who is left reading it', async () => {
    const client = cfn();
    withStacks(client, [['showcore-ops-dev-stack', 'UPDATE_COMPLETE']]);
    const consumers = await checkConsumers(client, 'edge', 'dev', true);
    expect(consumers.map((c) => c.tier)).toEqual(['ops']);
  });

  it('lets a producer go when its consumers are gone or in another environment', async () => {
    const client = cfn();
    withStacks(client, [
      ['showcore-data-dev-stack', 'CREATE_COMPLETE'],
      ['showcore-data-local-stack', 'DELETE_COMPLETE'],
    ]);
    await expect(checkConsumers(client, 'network', 'local', false)).resolves.toEqual([]);
  });

  it.each([
    ['showcore-data-local-stack', 'data', true],
    ['showcore-data-local-extra-stack', 'data', true],
    ['showcore-data-dev-stack', 'data', false],
    ['showcore-database-local-stack', 'data', false],
    ['CDKToolkit', 'data', false],
  ] as const)('%s is a stack of the %s tier in local: %s', (name, tier, expected) => {
    expect(isStackOf(name, tier, 'local')).toBe(expected);
  });
});

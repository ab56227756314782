import { CloudFormationClient, DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { requireStableStacks } from '../deploy-gate';
import { recoveryFor, stackHealth } from '../stack-health';

const cfnMock = mockClient(CloudFormationClient);
const cfn = new CloudFormationClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const stacks = [{ id: 'Data', stackName: 'showcore-data-dev-stack', templateFile: '/nowhere', region: 'us-east-1' }];
const described = (StackStatus: string, StackStatusReason?: string) =>
  ({ Stacks: [{ StackName: 'showcore-data-dev-stack', StackStatus, StackStatusReason, CreationTime: new Date(0) }] }) as never;

beforeEach(() => cfnMock.reset());

describe('stackHealth', () => {
  it.each([
    ['CREATE_COMPLETE', 'stable'],
    ['UPDATE_COMPLETE', 'stable'],
    ['UPDATE_ROLLBACK_COMPLETE', 'stable'],
    ['ROLLBACK_COMPLETE', 'rolled-back-create'],
    ['CREATE_IN_PROGRESS', 'unhealthy'],
    ['UPDATE_ROLLBACK_FAILED', 'unhealthy'],
    ['REVIEW_IN_PROGRESS', 'unhealthy'],
    ['DELETE_FAILED', 'unhealthy'],
    ['DELETE_COMPLETE', 'absent'],
  ])('%s is %s', async (status, kind) => {
    cfnMock.on(DescribeStacksCommand).resolves(described(status));
    expect((await stackHealth(cfn, 'showcore-data-dev-stack')).kind).toBe(kind);
  });

  it('a stack that does not exist is absent', async () => {
    cfnMock.on(DescribeStacksCommand).rejects(new Error('Stack with id showcore-data-dev-stack does not exist'));
    expect(await stackHealth(cfn, 'showcore-data-dev-stack')).toEqual({ kind: 'absent' });
  });
});

describe('requireStableStacks', () => {
  const noSleep = async () => undefined;

  it.each([
    ['UPDATE_ROLLBACK_FAILED', 'aws cloudformation continue-update-rollback --stack-name showcore-data-dev-stack --region us-east-1'],
    ['UPDATE_IN_PROGRESS', 'Another operation is still running on it'],
    ['ROLLBACK_COMPLETE', 'aws cloudformation delete-stack --stack-name showcore-data-dev-stack --region us-east-1'],
  ])('stops a dev deploy over %s, naming the state and the recovery, and deletes nothing', async (status, recovery) => {
    cfnMock.on(DescribeStacksCommand).resolves(described(status, 'Resource creation cancelled'));
    const attempt = requireStableStacks('data', 'dev', cfn, stacks, () => undefined, noSleep);
    await expect(attempt).rejects.toThrow(`the stack showcore-data-dev-stack is in ${status} (Resource creation cancelled), not a stable *_COMPLETE state`);
    await expect(requireStableStacks('data', 'dev', cfn, stacks, () => undefined, noSleep)).rejects.toThrow(recovery);
    expect(cfnMock.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  it('deletes a local stack that rolled back its creation, and waits until it is gone', async () => {
    cfnMock
      .on(DescribeStacksCommand)
      .resolvesOnce(described('ROLLBACK_COMPLETE'))
      .resolvesOnce(described('DELETE_IN_PROGRESS'))
      .resolves(described('DELETE_COMPLETE'));
    const said: string[] = [];
    await requireStableStacks('data', 'local', cfn, stacks, (m) => said.push(m), noSleep);
    expect(cfnMock.commandCalls(DeleteStackCommand).map((c) => c.args[0].input)).toEqual([{ StackName: 'showcore-data-dev-stack' }]);
    expect(said).toEqual(['showcore-data-dev-stack is in ROLLBACK_COMPLETE (its creation failed): deleting it before deploying again']);
  });

  it('lets stable and absent stacks through without a call that changes anything', async () => {
    cfnMock.on(DescribeStacksCommand).resolves(described('UPDATE_COMPLETE'));
    await expect(requireStableStacks('data', 'prod', cfn, stacks, () => undefined, noSleep)).resolves.toBeUndefined();
    expect(cfnMock.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  it('names the region in every recovery command', () => {
    expect(recoveryFor('s', 'DELETE_FAILED', 'eu-west-1')).toContain('--region eu-west-1');
  });
});

import {
  CancelCommandCommand,
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  SendCommandCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { AbortedError, LocalShellChannel, RunCommandChannel, sleep, UnreachableError } from '../channel';

const ssm = mockClient(SSMClient);
beforeEach(() => ssm.reset());

function invocationNotYet(): Error {
  return Object.assign(new Error('not yet'), { name: 'InvocationDoesNotExist' });
}

describe('RunCommandChannel (Run Command through the SSM agent)', () => {
  it('waits until the instance pings Online', async () => {
    ssm
      .on(DescribeInstanceInformationCommand)
      .resolvesOnce({ InstanceInformationList: [] })
      .resolvesOnce({ InstanceInformationList: [{ InstanceId: 'i-1', PingStatus: 'ConnectionLost' }] })
      .resolves({ InstanceInformationList: [{ InstanceId: 'i-1', PingStatus: 'Online' }] });
    await new RunCommandChannel(new SSMClient({}), 1).waitUntilReachable('i-1', 5000);
    expect(ssm.commandCalls(DescribeInstanceInformationCommand)).toHaveLength(3);
    expect(ssm.commandCalls(DescribeInstanceInformationCommand)[0].args[0].input).toEqual({ Filters: [{ Key: 'InstanceIds', Values: ['i-1'] }] });
  });

  it('gives up with what to check when the instance never registers', async () => {
    ssm.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [] });
    const wait = new RunCommandChannel(new SSMClient({}), 5).waitUntilReachable('i-1', 20);
    await expect(wait).rejects.toBeInstanceOf(UnreachableError);
    await expect(wait).rejects.toThrow(/ssm, ssmmessages and ec2messages .* security group admits HTTPS \(443\) .* AmazonSSMManagedInstanceCore/);
  });

  it('sends one AWS-RunShellScript with the execution timeout and returns the invocation once it is final', async () => {
    ssm.on(SendCommandCommand).resolves({ Command: { CommandId: 'c-1' } });
    ssm
      .on(GetCommandInvocationCommand)
      .rejectsOnce(invocationNotYet())
      .resolvesOnce({ Status: 'InProgress' })
      .resolves({ Status: 'Failed', ResponseCode: 1, StandardOutputContent: 'FAIL redis.tls x\nSUMMARY passed=0 failed=1\n', StandardErrorContent: 'err' });
    const run = await new RunCommandChannel(new SSMClient({}), 1).run('i-1', 'echo probes', { timeoutSeconds: 120 });
    expect(run).toEqual({ status: 'Failed', exitCode: 1, stdout: 'FAIL redis.tls x\nSUMMARY passed=0 failed=1\n', stderr: 'err' });
    expect(ssm.commandCalls(SendCommandCommand)[0].args[0].input).toEqual(
      expect.objectContaining({ InstanceIds: ['i-1'], DocumentName: 'AWS-RunShellScript', Parameters: { commands: ['echo probes'], executionTimeout: ['120'] } }),
    );
    expect(ssm.commandCalls(GetCommandInvocationCommand)).toHaveLength(3);
  });

  it('an agent-side timeout has no exit code', async () => {
    ssm.on(SendCommandCommand).resolves({ Command: { CommandId: 'c-1' } });
    ssm.on(GetCommandInvocationCommand).resolves({ Status: 'TimedOut', ResponseCode: -1, StandardOutputContent: 'PASS s3.put ok\n' });
    const run = await new RunCommandChannel(new SSMClient({}), 1).run('i-1', 'x', { timeoutSeconds: 10 });
    expect(run.exitCode).toBeNull();
    expect(run.status).toBe('TimedOut');
  });

  it('Ctrl-C cancels the command and rejects', async () => {
    ssm.on(SendCommandCommand).resolves({ Command: { CommandId: 'c-9' } });
    ssm.on(GetCommandInvocationCommand).resolves({ Status: 'InProgress' });
    ssm.on(CancelCommandCommand).resolves({});
    const controller = new AbortController();
    const run = new RunCommandChannel(new SSMClient({}), 20).run('i-1', 'x', { timeoutSeconds: 10, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(run).rejects.toBeInstanceOf(AbortedError);
    expect(ssm.commandCalls(CancelCommandCommand)[0].args[0].input).toEqual({ CommandId: 'c-9', InstanceIds: ['i-1'] });
  });
});

describe('LocalShellChannel', () => {
  it('runs the script with Bash and returns its output and exit code', async () => {
    const run = await new LocalShellChannel({ PATH: process.env.PATH, WHO: 'probe' }).run('i-1', 'echo "PASS x.y $WHO"; echo oops >&2; exit 3', { timeoutSeconds: 10 });
    expect(run).toEqual({ status: 'Failed', exitCode: 3, stdout: 'PASS x.y probe\n', stderr: 'oops\n' });
  });

  it('kills the whole process group when the run outlives its timeout', async () => {
    const run = await new LocalShellChannel({ PATH: process.env.PATH }).run('i-1', 'echo started; sleep 30 & wait', { timeoutSeconds: 1 });
    expect(run).toEqual({ status: 'TimedOut', exitCode: null, stdout: 'started\n', stderr: '' });
  });

  it('models an instance that never registers', async () => {
    await expect(new LocalShellChannel({}, Number.POSITIVE_INFINITY).waitUntilReachable('i-1', 10)).rejects.toBeInstanceOf(UnreachableError);
  });
});

describe('sleep', () => {
  it('rejects at once when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(sleep(10_000, controller.signal)).rejects.toBeInstanceOf(AbortedError);
  });
});

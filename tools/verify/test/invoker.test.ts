/**
 * The invoke's faults, each a clear message naming the fix: a function that does not exist, one that fails or
 * answers something else, an invoke past its limit, Ctrl-C — and never the request (which may carry a password)
 * in a message.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { UsageError } from '#tools/lib/process';
import { AbortedError } from '../abort';
import type { ProbeEnvironment } from '../function/handler';
import type { CreateProbeUserRequest, ProbeRequest } from '../function/protocol';
import { InProcessInvoker, InvokeTimeoutError, LambdaInvoker } from '../invoker';

const lambda = mockClient(LambdaClient);
beforeEach(() => lambda.reset());

const PROBE: ProbeRequest = { action: 'probe', runId: 'run-1', probes: ['s3'], probeTimeoutMs: 1000, s3: { bucket: 'b', prefix: '_verify/run-1/' } };
const SECRET = 'master-password-never-shown';
const CREATE: CreateProbeUserRequest = {
  action: 'create-probe-user',
  postgres: { host: 'db', port: 5432, user: 'showcore_probe', caBundle: 'pem' },
  master: { user: 'postgres', password: SECRET },
};
const invoker = () => new LambdaInvoker(new LambdaClient({ region: 'eu-west-1' }), 'showcore-verify-dev-probe', 'dev');
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('LambdaInvoker', () => {
  it('invokes synchronously with the request as JSON and returns the checks of the response', async () => {
    lambda
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, Payload: encode({ results: [{ probe: 's3', check: 'put', passed: true, detail: '' }], problems: [] }) as never });
    const response = await invoker().invoke(PROBE, { timeoutMs: 5000 });
    expect(response.results).toHaveLength(1);
    const input = lambda.commandCalls(InvokeCommand)[0].args[0].input;
    expect(input).toMatchObject({ FunctionName: 'showcore-verify-dev-probe', InvocationType: 'RequestResponse' });
    expect(JSON.parse(new TextDecoder().decode(input.Payload as Uint8Array))).toEqual(PROBE);
  });

  it('a function that does not exist: a usage error naming the ops deploy', async () => {
    lambda.on(InvokeCommand).rejects(Object.assign(new Error('Function not found: arn:…'), { name: 'ResourceNotFoundException' }));
    const call = invoker().invoke(PROBE, { timeoutMs: 5000 });
    await expect(call).rejects.toThrow(UsageError);
    await expect(invoker().invoke(PROBE, { timeoutMs: 5000 })).rejects.toThrow(/does not exist: deploy the ops tier \(npx nx run ops:deploy -c dev\)/);
  });

  it('an invoke past its limit: InvokeTimeoutError naming the limit, the option and the log group', async () => {
    lambda.on(InvokeCommand).callsFake(() => new Promise(() => undefined));
    const started = Date.now();
    const call = invoker().invoke(PROBE, { timeoutMs: 300 });
    await expect(call).rejects.toThrow(InvokeTimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
    await expect(invoker().invoke(PROBE, { timeoutMs: 300 })).rejects.toThrow(
      /did not answer within 0.3 s.*--invoke-timeout.*\/aws\/lambda\/showcore-verify-dev-probe/,
    );
  });

  it('Ctrl-C during the invoke: AbortedError at once', async () => {
    lambda.on(InvokeCommand).callsFake(() => new Promise(() => undefined));
    const controller = new AbortController();
    const call = invoker().invoke(PROBE, { timeoutMs: 60_000, signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toThrow(AbortedError);
  });

  it('a function error (its own timeout, a crash): its message and where its log is', async () => {
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: encode({ errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 300.00 seconds' }) as never,
    });
    await expect(invoker().invoke(PROBE, { timeoutMs: 5000 })).rejects.toThrow(
      /failed \(Unhandled\): Task timed out after 300\.00 seconds\. Its log group \/aws\/lambda\/showcore-verify-dev-probe/,
    );
  });

  it('an answer that is not a probe response names the redeploy', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: encode({ hello: 'world' }) as never });
    await expect(invoker().invoke(PROBE, { timeoutMs: 5000 })).rejects.toThrow(/not a probe response .* Redeploy the ops tier/);
  });

  it('never puts the request (a master password) in an error', async () => {
    lambda.on(InvokeCommand).rejects(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));
    const error = (await invoker()
      .invoke(CREATE, { timeoutMs: 5000 })
      .catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/Invoking the probe function showcore-verify-dev-probe failed: .*socket hang up/);
    expect(error.message).not.toContain(SECRET);
  });
});

describe('InProcessInvoker (the seam)', () => {
  const environment = (s3: ProbeEnvironment['s3']): ProbeEnvironment => ({
    region: 'us-east-1',
    postgresPassword: async () => '',
    redisPassword: async () => '',
    s3,
  });

  it('hands the handler the request as JSON and reports bad input as the handler does', async () => {
    const response = await new InProcessInvoker(environment(() => undefined as never)).invoke({ ...PROBE, probes: ['nope' as never] }, { timeoutMs: 5000 });
    expect(response.problems).toEqual([expect.stringContaining('probes is ["nope"]')]);
  });

  it('a probe that hangs is cut at its own timeout and reported; the invoke itself still answers', async () => {
    const hanging = { send: () => new Promise(() => undefined) } as never;
    const response = await new InProcessInvoker(environment(() => hanging)).invoke({ ...PROBE, probeTimeoutMs: 200 }, { timeoutMs: 5000 });
    expect(response.results).toEqual([
      expect.objectContaining({ probe: 's3', check: 'timeout', passed: false, detail: expect.stringContaining('did not finish within 200 ms') }),
    ]);
  });

  it('an invoke past its limit times out like the Lambda one', async () => {
    const hanging = { send: () => new Promise(() => undefined) } as never;
    await expect(
      new InProcessInvoker(
        environment(() => hanging),
        'local-probe',
      ).invoke({ ...PROBE, probeTimeoutMs: 5000 }, { timeoutMs: 200 }),
    ).rejects.toThrow(InvokeTimeoutError);
  });
});

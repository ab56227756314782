/**
 * How `ops:verify` and the restore drill reach the in-VPC probe function: a synchronous Lambda invoke
 * (`RequestResponse`) from the operator's machine, or — the seam of the tests and of `-c local`, since the emulator
 * runs functions only in Docker — the same handler called in this process. Either way the request crosses as JSON
 * and the invoke has its own limit on top of the probes' own timeouts.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { UsageError } from '#tools/lib/process';
import { AbortedError } from './abort';
import { describeError } from './function/checks';
import { serve, type ProbeEnvironment } from './function/handler';
import type { FunctionRequest, FunctionResponse } from './function/protocol';

export interface InvokeOptions {
  /** The whole invoke: every probe's own timeout plus a margin. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface ProbeInvoker {
  /** `lambda` or `in-process`, for the report. */
  readonly kind: string;
  invoke(request: FunctionRequest, options: InvokeOptions): Promise<FunctionResponse>;
}

export class InvokeTimeoutError extends Error {
  constructor(functionName: string, timeoutMs: number) {
    super(
      `The probe function ${functionName} did not answer within ${Number((timeoutMs / 1000).toFixed(1))} s. ` +
        'Its own limit (5 minutes) ends whatever it still runs; raise --invoke-timeout if the probes need longer, ' +
        `or read its log group /aws/lambda/${functionName} for where it stopped.`,
    );
    this.name = 'InvokeTimeoutError';
  }
}

/** Runs `work` until it settles, the limit passes (InvokeTimeoutError) or the signal fires (AbortedError). */
async function bounded<T>(functionName: string, options: InvokeOptions, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (options.signal?.aborted) throw new AbortedError();
  const controller = new AbortController();
  let cause: Error | undefined;
  const stop = (error: Error) => {
    cause ??= error;
    controller.abort();
  };
  const timer = setTimeout(() => stop(new InvokeTimeoutError(functionName, options.timeoutMs)), options.timeoutMs);
  timer.unref();
  const onAbort = () => stop(new AbortedError());
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const stopped = new Promise<never>((_resolve, reject) => controller.signal.addEventListener('abort', () => reject(cause), { once: true }));
  try {
    return await Promise.race([work(controller.signal), stopped]);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** A response as the handler shapes it, or an error naming what came back instead. */
export function parseResponse(functionName: string, payload: string): FunctionResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    throw new Error(`The probe function ${functionName} answered something other than JSON: ${payload.slice(0, 200)}`);
  }
  const response = parsed as Partial<FunctionResponse>;
  if (!Array.isArray(response?.results) || !Array.isArray(response?.problems)) {
    throw new Error(
      `The probe function ${functionName} answered ${payload.slice(0, 200)}: not a probe response (is ${functionName} the probe function of this revision? Redeploy the ops tier).`,
    );
  }
  return response as FunctionResponse;
}

/** The deployed function, invoked synchronously; the checks come back in the invoke response. */
export class LambdaInvoker implements ProbeInvoker {
  readonly kind = 'lambda';

  constructor(
    private readonly lambda: LambdaClient,
    private readonly functionName: string,
    private readonly environment: string,
  ) {}

  invoke(request: FunctionRequest, options: InvokeOptions): Promise<FunctionResponse> {
    const { functionName } = this;
    return bounded(functionName, options, async (signal) => {
      let answer;
      try {
        answer = await this.lambda.send(
          new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify(request)) }),
          { abortSignal: signal },
        );
      } catch (error) {
        if ((error as { name?: string }).name === 'ResourceNotFoundException') {
          throw new UsageError(
            `The probe function ${functionName} does not exist: deploy the ops tier (npx nx run ops:deploy -c ${this.environment}) and run verify again.`,
          );
        }
        // Never the request (the create-probe-user request carries a password): only what the SDK said.
        throw new Error(`Invoking the probe function ${functionName} failed: ${describeError(error)}`, { cause: error });
      }
      const payload = answer.Payload ? new TextDecoder().decode(answer.Payload) : '';
      if (answer.FunctionError) {
        const message = (() => {
          try {
            return String((JSON.parse(payload) as { errorMessage?: string }).errorMessage ?? payload);
          } catch {
            return payload;
          }
        })();
        throw new Error(
          `The probe function ${functionName} failed (${answer.FunctionError}): ${message.slice(0, 300)}. Its log group /aws/lambda/${functionName} has the details.`,
        );
      }
      return parseResponse(functionName, payload);
    });
  }
}

/**
 * The handler called in this process, as if invoked: the request and the response cross as JSON. The seam of the
 * e2e suite and of `-c local` (moto runs Lambda functions only in Docker, which this project does not use).
 */
export class InProcessInvoker implements ProbeInvoker {
  readonly kind = 'in-process';

  constructor(
    private readonly environment: ProbeEnvironment,
    private readonly functionName = 'the in-process probe handler',
  ) {}

  invoke(request: FunctionRequest, options: InvokeOptions): Promise<FunctionResponse> {
    return bounded(this.functionName, options, async () => {
      const response = await serve(JSON.parse(JSON.stringify(request)) as unknown, this.environment);
      return parseResponse(this.functionName, JSON.stringify(response));
    });
  }
}

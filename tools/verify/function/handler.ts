/**
 * The in-VPC probe function's entry point (`handler`), bundled by esbuild into the ops tier's Lambda asset.
 * `ops:verify` invokes it synchronously; the answer carries every check, so the private subnets need no NAT, no
 * agent and no interface endpoint beyond the spec's three. Each probe runs under its own timeout; a probe past
 * it is reported as `FAIL <probe>.timeout` and the next one runs (its connections are closed when the
 * invocation ends, which the Lambda timeout bounds).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { CheckResult } from '../model';
import { describeError, withTimeout } from './checks';
import { elastiCacheAuthToken, rdsAuthToken, type Credentials } from './iam-tokens';
import { probeEndpoints, probeInternet, probeS3, type NetworkProbeOptions } from './network-probes';
import { probePostgres } from './postgres-probe';
import { requestProblems, type FunctionProbeName, type FunctionRequest, type FunctionResponse, type ProbeRequest } from './protocol';
import { probeRedis, redisStepWaitMs } from './redis-probe';
import { createProbeUser } from './probe-user';

/** What differs between the function in AWS and the tests on 127.0.0.1: where tokens come from, which CA. */
export interface ProbeEnvironment {
  readonly region: string;
  /** @default the request's `postgres.caBundle` (tests pin their own CA here) */
  readonly postgresCa?: string;
  /** @default Node's own CA list (ElastiCache's certificate is publicly trusted) */
  readonly redisCa?: string;
  readonly postgresPassword: (request: ProbeRequest) => Promise<string>;
  readonly redisPassword: (request: ProbeRequest) => Promise<string>;
  /** The S3 client of the probe (the function's region; tests point it at the emulator). */
  readonly s3: () => S3Client;
  /** Port, CA and waits of the endpoint and internet probes (tests use loopback servers). */
  readonly network?: NetworkProbeOptions;
}

/** The function's own environment: IAM tokens signed with its role. */
export function lambdaEnvironment(credentials: Credentials = fromNodeProviderChain()): ProbeEnvironment {
  const region = process.env.AWS_REGION ?? '';
  return {
    region,
    postgresPassword: (request) => {
      const { host, port, user } = targetOf(request, 'postgres');
      return rdsAuthToken({ host, port, user, region, credentials });
    },
    s3: () => new S3Client({ region, credentials }),
    redisPassword: (request) => {
      const { replicationGroupId, user } = targetOf(request, 'redis');
      return elastiCacheAuthToken({ replicationGroupId, user, region, credentials });
    },
  };
}

type Runner = (request: ProbeRequest, environment: ProbeEnvironment) => Promise<readonly CheckResult[]>;

/** A probe's target, which `requestProblems` has already required for that probe. */
function targetOf<K extends 'postgres' | 'redis' | 's3' | 'network'>(request: ProbeRequest, key: K): NonNullable<ProbeRequest[K]> {
  const target = request[key];
  if (target === undefined || target === null) throw new Error(`the request has no ${key} target`);
  return target as NonNullable<ProbeRequest[K]>;
}

const RUNNERS: Record<FunctionProbeName, Runner> = {
  postgres: async (request, environment) =>
    (
      await probePostgres({
        target: targetOf(request, 'postgres'),
        ca: environment.postgresCa ?? targetOf(request, 'postgres').caBundle,
        password: () => environment.postgresPassword(request),
      })
    ).results,
  redis: async (request, environment) =>
    (
      await probeRedis({
        target: targetOf(request, 'redis'),
        ca: environment.redisCa,
        password: () => environment.redisPassword(request),
        waitMs: redisStepWaitMs(request.probeTimeoutMs),
      })
    ).results,
  s3: async (request, environment) => (await probeS3(environment.s3(), targetOf(request, 's3'))).results,
  endpoints: async (request, environment) => (await probeEndpoints(targetOf(request, 'network'), environment.network)).results,
  internet: async (request, environment) => (await probeInternet(targetOf(request, 'network'), environment.network)).results,
};

/** Serves one request in a given environment: the seam the tests (and the e2e suite, in-process) call. */
export async function serve(event: unknown, environment: ProbeEnvironment): Promise<FunctionResponse> {
  const problems = requestProblems(event);
  if (problems.length > 0) return { results: [], problems };
  const request = event as FunctionRequest;
  if (request.action === 'create-probe-user') return createProbeUser(request, environment.postgresCa ?? request.postgres.caBundle);
  const results: CheckResult[] = [];
  for (const probe of request.probes) {
    const runner = RUNNERS[probe];
    try {
      results.push(...(await withTimeout(runner(request, environment), request.probeTimeoutMs, `the ${probe} probe`)));
    } catch (error) {
      results.push({ probe, check: 'timeout', passed: false, detail: describeError(error) });
    }
  }
  return { results, problems: [] };
}

/** The Lambda entry point. It never logs the event (the create-probe-user request carries a password). */
export async function handler(event: unknown): Promise<FunctionResponse> {
  return serve(event, lambdaEnvironment());
}

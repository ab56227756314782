/** What the verify e2e suites share: clients of the suite's emulator, the fixture, the invoker seam and options. */
import * as net from 'node:net';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { clientConfig } from '#tools/lib/aws-clients';
import { e2eEnv, resetEmulator } from '#tools/emulator/harness';
import { emulatorProbeEnvironment, verifyClients } from '../cli';
import type { ProbeEnvironment } from '../function/handler';
import { InProcessInvoker, type ProbeInvoker } from '../invoker';
import { main } from '../main';
import type { VerifyOptions } from '../verify';
import { createFixture, type Fixture } from './fixture';

/** The spec's three interface endpoints: the default configuration of every environment. */
export const SPEC_ENDPOINTS = ['ssm', 'logs', 'monitoring'];

export function clients() {
  const env = e2eEnv();
  const config = clientConfig(env);
  return {
    env,
    ...verifyClients(env),
    iam: new IAMClient(config),
    ec2: new EC2Client(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    ssm: new SSMClient(config),
    lambda: new LambdaClient(config),
  };
}

export interface FixtureSettings {
  dbHost?: string;
  redisHost?: string;
  ports?: { db: number; redis: number };
  deployFunction?: boolean;
  functionSecurityGroupId?: string;
}

export async function fixture(settings: FixtureSettings = {}): Promise<Fixture> {
  await resetEmulator();
  const ports = settings.ports ?? { db: 5432, redis: 6379 };
  return createFixture(clients(), {
    environment: 'local',
    region: 'us-east-1',
    endpointServices: SPEC_ENDPOINTS,
    db: { host: settings.dbHost ?? 'not-emulated-locally', port: ports.db },
    redis: { host: settings.redisHost ?? 'not-emulated-locally', port: ports.redis },
    deployFunction: settings.deployFunction,
    functionSecurityGroupId: settings.functionSecurityGroupId,
  });
}

export async function leftUnderVerify(bucket: string): Promise<number> {
  const answer = await clients().s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: '_verify/' }));
  return (answer.Versions ?? []).length + (answer.DeleteMarkers ?? []).length;
}

/** The seam: the handler in this process, with the emulator's S3 (or what a test puts in its place). */
export function seam(overrides: Partial<ProbeEnvironment> = {}, seen: string[] = []): (name: string) => ProbeInvoker {
  return (name) => {
    seen.push(name);
    return new InProcessInvoker({ ...emulatorProbeEnvironment(e2eEnv(), 'us-east-1'), ...overrides }, name);
  };
}

/** An invoker that must never be reached: the refusals come before it. */
export const unusedInvoker = (): ProbeInvoker => {
  throw new Error('the function was invoked before the preflight refused');
};

export function options(overrides: Partial<VerifyOptions> = {}): VerifyOptions {
  return {
    environment: 'local',
    region: 'us-east-1',
    env: e2eEnv(),
    runId: `e2e-${Date.now().toString(36)}`,
    probes: ['s3'],
    edge: true,
    timeouts: { probeMs: 20_000, invokeMs: 50_000, edgeSeconds: 30 },
    invoker: seam(),
    log: () => undefined,
    ...overrides,
  };
}

/** main() reads AWS_ENDPOINT_URL and friends from the process environment, like the CLI. */
export async function runMain(argv: string[], onLog: (line: string) => void = () => undefined): Promise<{ code: number; log: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, e2eEnv());
  const lines: string[] = [];
  // The report's Markdown goes to standard output: kept with the log lines.
  const log = jest.spyOn(console, 'log').mockImplementation((text: string) => void lines.push(text));
  try {
    const code = await main(argv, (line) => {
      lines.push(line);
      onLog(line);
    });
    return { code, log: lines.join('\n') };
  } finally {
    log.mockRestore();
    process.env = saved;
  }
}

/** Accepts connections and never answers: what a security group that drops packets looks like to a client. */
export async function silentServer(): Promise<{ port: number; close: () => void }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => (sockets.forEach((s) => s.destroy()), server.close()) };
}

/**
 * Bad input to `ops:verify`: each refused with exit 2 and a message naming what was wrong and the fix, before any
 * request (these tests have no emulator and no account: a request would fail them).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from '#tools/lib/args';
import { EXIT } from '../cli';
import { main, selectedProbes, timeoutsFrom } from '../main';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-verify-main-'));
const saved = { ...process.env };
beforeEach(() => {
  // No credentials anywhere: no variables, an empty home, no shared files.
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, {
    HOME: home,
    AWS_REGION: 'eu-west-1',
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none'),
    AWS_CONFIG_FILE: path.join(home, 'none'),
  });
});
afterAll(() => {
  process.env = saved;
  fs.rmSync(home, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; log: string }> {
  const lines: string[] = [];
  const code = await main(argv, (line) => lines.push(line));
  return { code, log: lines.join('\n') };
}

describe('ops:verify refuses bad input before any request (exit 2)', () => {
  it('no credentials for a real environment: names where they may come from', async () => {
    const { code, log } = await run(['--environment=dev', '--probes=s3']);
    expect(code).toBe(EXIT.usage);
    expect(log).toMatch(/No AWS credentials for the dev environment, so ops:verify cannot run\..*AWS_PROFILE.*Nothing was sent\./s);
  });

  it('--create-probe-user without credentials is refused the same way (the master secret is never read)', async () => {
    const { code, log } = await run(['--environment=prod', '--create-probe-user']);
    expect(code).toBe(EXIT.usage);
    expect(log).toMatch(/No AWS credentials for the prod environment/);
  });

  it('--create-probe-user against the emulator: there is no database to create it in', async () => {
    // A loopback endpoint nothing listens on: the refusal comes before any request.
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
    const { code, log } = await run(['--environment=local', '--create-probe-user']);
    expect(code).toBe(EXIT.usage);
    expect(log).toMatch(/--create-probe-user needs a real database/);
  });

  it('an unknown environment', async () => {
    const { code, log } = await run(['--environment=qa']);
    expect(code).toBe(EXIT.usage);
    expect(log).toMatch(/"qa"/);
  });
});

describe('probe selection and limits', () => {
  it('names unknown probes and the choices', () => {
    expect(() => selectedProbes('postgres,ftp', 'dev')).toThrow(
      /--probes=postgres,ftp: unknown probe\(s\) ftp\. Choose from: postgres, redis, s3, endpoints, internet\./,
    );
    expect(selectedProbes(undefined, 'dev')).toEqual(['postgres', 'redis', 's3', 'endpoints', 'internet']);
    expect(selectedProbes(undefined, 'local')).toEqual(['postgres', 'redis', 's3']);
  });

  it("the invoke gets the probes' timeouts plus 30 s unless told otherwise", () => {
    expect(timeoutsFrom(parseArgs([]), 5)).toEqual({ probeMs: 45_000, invokeMs: 255_000, edgeSeconds: 120 });
    expect(timeoutsFrom(parseArgs(['--probe-timeout=10', '--invoke-timeout=20']), 2)).toEqual({ probeMs: 10_000, invokeMs: 20_000, edgeSeconds: 120 });
  });

  it("refuses per-probe timeouts the function's own 300 s would cut short, and timeouts that are not whole seconds", () => {
    expect(() => timeoutsFrom(parseArgs(['--probe-timeout=60']), 5)).toThrow(
      /--probe-timeout=60 for 5 probe\(s\) is 300 s, more than the probe function's own limit allows \(300 s less 10\): lower it, or run fewer probes/,
    );
    expect(() => timeoutsFrom(parseArgs(['--invoke-timeout=1.5']), 1)).toThrow(/--invoke-timeout=1\.5 is not a whole number of seconds above 0\./);
  });
});

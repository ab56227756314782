/** Bad input to the plan: a clear message, a non-zero exit, and nothing synthesized or asked of AWS. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { typeScriptNodeArgs, WORKSPACE_ROOT } from '#tools/lib/paths';
import { main } from '../main';
import { parsePlanOptions } from '../options';

const emptyHome = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-plan-home-'));
afterAll(() => fs.rmSync(emptyHome, { recursive: true, force: true }));

function plan(...args: string[]) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: emptyHome, FORCE_COLOR: '0' };
  const result = spawnSync(process.execPath, [...typeScriptNodeArgs(), 'tools/plan/main.ts', ...args], {
    cwd: WORKSPACE_ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Runs the plan in this process with a bare environment; resolves with the error message (or undefined). */
async function planError(args: readonly string[]): Promise<string | undefined> {
  const saved = process.env;
  process.env = { PATH: saved.PATH, HOME: emptyHome };
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await main(args);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    process.env = saved;
    expect(logged.mock.calls.flat().join('\n')).not.toContain('Synthesizing');
    logged.mockRestore();
  }
}

describe('npm run plan: bad input', () => {
  it('exits 1 with the message, through the command line', () => {
    const result = plan('--environment=qa');
    expect(result.status).toBe(1);
    expect(result.output).toContain('Unknown environment "qa" (from --environment). Expected one of: local, dev, staging, prod.');
  });

  it.each([
    [['--environment=qa'], 'Unknown environment "qa" (from --environment). Expected one of: local, dev, staging, prod.'],
    [[], 'A plan names its environment: --environment=<local|dev|staging|prod> (there is no default).'],
    [['--environment=dev', '--profile=hardend'], 'Unknown configuration profile "hardend" (from --profile). Expected one of: hardened.'],
    [['--environment=dev', '--tier=cache'], 'Unknown tier "cache" (--tier). Expected one of: network, data, edge, ops.'],
    [
      ['--environment=dev', '--enviroment=prod'],
      'Unknown option --enviroment. This command takes: --base, --env, --environment, --help, --json, --markdown, --profile, --tier.',
    ],
    [['--environment=dev', '-c', 'region=eu-west-1'], 'Unknown context "-c region=eu-west-1".'],
    [['--environment=dev', '--json', '--markdown'], 'Choose one of --json and --markdown.'],
    [['--environment=dev', '--base=no-such-ref-anywhere'], 'Unknown git ref "no-such-ref-anywhere" (--base) in'],
    [['--environment=dev'], 'No AWS credentials for the dev environment, so its deployed stacks cannot be read.'],
    [['--environment=local'], 'The local environment deploys to moto, but AWS_ENDPOINT_URL is not set.'],
  ])('%j', async (args, message) => {
    // Checked before anything is synthesized (and so before any request): planError asserts nothing was.
    expect(await planError(args)).toContain(message);
  });

  it('parses a complete command line', () => {
    expect(parsePlanOptions(['--environment=staging', '--base', 'origin/main', '--profile=hardened', '--tier=ops,data', '--markdown'])).toEqual({
      environment: 'staging',
      base: 'origin/main',
      profile: 'hardened',
      tiers: ['data', 'ops'],
      format: 'markdown',
    });
  });
});

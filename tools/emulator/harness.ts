import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStackEventsCommand, DescribeStacksCommand, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { awsEnvironmentFor } from '#tools/lib/aws-target';
import { typeScriptNodeArgs, WORKSPACE_ROOT } from '#tools/lib/paths';
import { clientConfig } from '#tools/lib/aws-clients';
import { emulatorEnv } from './moto';

/**
 * How long one command of an e2e test (an Nx run, a tool) may take before it is killed: a guard against a hang,
 * never a performance check. Generous, because a deploy that takes 45 s on an idle machine took over 280 s on one
 * shared with other jobs, and a timeout that fires from load would fail the suite by luck.
 */
export const E2E_COMMAND_TIMEOUT_MS = 15 * 60 * 1000;

/** Environment of the suite's emulator (started once in global-setup). */
export function e2eEnv(): NodeJS.ProcessEnv {
  const endpoint = process.env.SHOWCORE_E2E_ENDPOINT;
  if (!endpoint) throw new Error('SHOWCORE_E2E_ENDPOINT is not set: run the suite through jest.e2e.config.js.');
  return awsEnvironmentFor('local', emulatorEnv(endpoint));
}

/** Resets the emulator to empty (moto's reset API) so each test starts from a known state. */
export async function resetEmulator(): Promise<void> {
  const response = await fetch(`${process.env.SHOWCORE_E2E_ENDPOINT}/moto-api/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
}

/** The stack `cdk bootstrap` deploys, and its template as the installed CDK CLI ships it. */
const BOOTSTRAP_STACK = 'CDKToolkit';
const BOOTSTRAP_TEMPLATE = path.join(WORKSPACE_ROOT, 'node_modules', 'aws-cdk', 'lib', 'api', 'bootstrap', 'bootstrap-template.yaml');

/**
 * The suites' set-up bootstrap: the CDKToolkit stack `cdk bootstrap` makes (the CLI's own template, its default
 * parameters, as a bare `cdk bootstrap` leaves them), created through CloudFormation directly, without a CDK CLI
 * process (~2.7 s of CPU each). For set-up only: `npm start` bootstraps through the CLI, as a tier owner does, and
 * the faults suite runs that path.
 */
export async function bootstrapEmulator(): Promise<void> {
  const client = cfn();
  await client.send(
    new CreateStackCommand({
      StackName: BOOTSTRAP_STACK,
      TemplateBody: fs.readFileSync(BOOTSTRAP_TEMPLATE, 'utf8'),
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
    }),
  );
  const status = (await client.send(new DescribeStacksCommand({ StackName: BOOTSTRAP_STACK }))).Stacks?.[0].StackStatus;
  if (status !== 'CREATE_COMPLETE') throw new Error(`The emulator's bootstrap stack is ${status}, not CREATE_COMPLETE.`);
}

export interface CommandResult {
  readonly status: number;
  readonly output: string;
}

/** Runs a workspace script as the Nx targets do (tools/lib/typescript.cjs) against the emulator; never throws on a non-zero exit. */
export function tool(script: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CommandResult {
  const cwd = options.cwd ?? WORKSPACE_ROOT;
  const result = spawnSync('node', [...typeScriptNodeArgs(cwd), path.join(cwd, script), ...args], {
    cwd,
    env: { ...(options.env ?? e2eEnv()), FORCE_COLOR: '0', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    encoding: 'utf8',
    timeout: E2E_COMMAND_TIMEOUT_MS,
  });
  return { status: result.status ?? 1, output: `${result.stdout}\n${result.stderr}` };
}

export function cfn(): CloudFormationClient {
  return new CloudFormationClient(clientConfig(e2eEnv()));
}

/** Names of the stacks that exist (not deleted) in the emulator. */
export async function liveStacks(): Promise<string[]> {
  const out = await cfn().send(new ListStacksCommand({}));
  return (out.StackSummaries ?? [])
    .filter((s) => s.StackStatus !== 'DELETE_COMPLETE')
    .map((s) => s.StackName as string)
    .sort();
}

/**
 * When a stack was last created or updated, in ms, from its own stack events (moto never sets
 * LastUpdatedTime, while it does record UPDATE_COMPLETE events, as AWS does).
 */
export async function stackTouchedAt(stackName: string): Promise<number> {
  let latest = 0;
  let NextToken: string | undefined;
  do {
    const page = await cfn().send(new DescribeStackEventsCommand({ StackName: stackName, NextToken }));
    for (const event of page.StackEvents ?? []) {
      if (event.LogicalResourceId === stackName && /^(CREATE|UPDATE)_COMPLETE$/.test(event.ResourceStatus ?? '')) {
        latest = Math.max(latest, event.Timestamp?.getTime() ?? 0);
      }
    }
    NextToken = page.NextToken;
  } while (NextToken);
  if (latest === 0) throw new Error(`Stack ${stackName} has no CREATE_COMPLETE or UPDATE_COMPLETE event.`);
  return latest;
}

/**
 * "Is this environment healthy, and are its backups fresh?" from the live APIs:
 *
 *   nx run ops:status -c <env>            (or: node --import tsx tools/status/main.ts --environment=<env>)
 *   ... --json                             machine-readable
 *
 * Exit codes: 0 healthy, 1 degraded, 2 failing, 3 could not check.
 */
import * as fs from 'node:fs';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { parameterPath, parseEnvironment, type EnvironmentName } from '@showcore/naming';
import { optionString, parseArgs } from '#tools/lib/args';
import { awsEnvironmentFor } from '#tools/lib/aws-target';
import { explainAwsError as explain } from '#tools/lib/aws-errors';
import { quietSdkNodeWarnings } from '#tools/lib/process';
import { readParameters } from '#tools/lib/ssm-preflight';
import { clientConfig } from '#tools/lib/aws-clients';
import { synth } from '#tools/cdk/tier-assembly';
import { collectStatus, statusClients, type Expected, type StatusClients } from './collect';
import { deployedLogicalIds, isPlaceholder, splitExpected, type NotEmulated } from './emulated';
import { expectedFromAssembly, opsAssemblyDir } from './expected';
import { EXIT_CODES } from './model';
import { renderJson, renderTable } from './render';
import { judge } from './verdict';

class CannotCheck extends Error {}

export interface StatusOptions {
  readonly json: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly color?: boolean;
  readonly now?: Date;
  /** What the code defines; by default read from the synthesized ops templates (synthesized when missing). */
  readonly expected?: Expected;
  /** Client overrides (tests cover APIs moto lacks with aws-sdk-client-mock). */
  readonly clients?: StatusClients;
}

export async function status(environment: EnvironmentName, options: StatusOptions): Promise<{ code: number; output: string }> {
  let env: NodeJS.ProcessEnv;
  try {
    env = options.env ?? awsEnvironmentFor(environment);
  } catch (error) {
    return { code: EXIT_CODES.unknown, output: `Could not check ${environment}: ${(error as Error).message}` };
  }
  try {
    await new STSClient(clientConfig(env)).send(new GetCallerIdentityCommand({})).catch((error) => {
      throw new CannotCheck(explain(error, env));
    });
    const clients = options.clients ?? statusClients(env);
    const paths = {
      db: parameterPath(environment, 'dbInstanceId'),
      redis: parameterPath(environment, 'redisReplicationGroupId'),
      vpc: parameterPath(environment, 'vpcId'),
    };
    const values = await readParameters(clients.ssm, Object.values(paths));
    if (values.size === 0) {
      throw new CannotCheck(
        `Environment "${environment}" has no ShowCore parameters in region ${env.AWS_REGION ?? env.AWS_DEFAULT_REGION}: it was never deployed there, ` +
          'or this is the wrong region/account. Deploy it (npx nx run-many -t deploy -c ' +
          environment +
          ') or set AWS_REGION.',
      );
    }
    let expected = options.expected;
    if (!expected) {
      const assembly = opsAssemblyDir(environment);
      if (!fs.existsSync(`${assembly}/manifest.json`)) await synth('ops', environment);
      expected = expectedFromAssembly(assembly);
    }
    // Locally: placeholders name no resource, and what the emulator's CloudFormation skipped is not there to ask.
    const notEmulated: NotEmulated[] = [paths.db, paths.redis]
      .filter((path) => isPlaceholder(values.get(path)))
      .map((path) => ({ name: path, reason: `published "${values.get(path)}": there is no such resource in the emulator to ask about` }));
    const deployed =
      environment === 'local' && expected.stackNames ? await deployedLogicalIds(new CloudFormationClient(clientConfig(env)), expected.stackNames) : undefined;
    const split = splitExpected(environment, expected, deployed);
    const id = (path: string) => (isPlaceholder(values.get(path)) ? undefined : values.get(path));
    const result = await collectStatus(clients, environment, split.expected, { dbInstanceId: id(paths.db), replicationGroupId: id(paths.redis) }, options.now, {
      notEmulated: [...notEmulated, ...split.notEmulated],
      backupEmulated: split.backupEmulated,
      // moto has no ListCostAllocationTags (nor any Cost Explorer tag API): reported as not checked locally.
      costExplorerEmulated: environment !== 'local',
    });
    const verdict = judge(result);
    return {
      code: EXIT_CODES[verdict.verdict],
      output: options.json ? renderJson(result, verdict) : renderTable(result, verdict, options.color ?? false),
    };
  } catch (error) {
    const message = error instanceof CannotCheck ? error.message : explain(error, env);
    return {
      code: EXIT_CODES.unknown,
      output: options.json ? JSON.stringify({ environment, verdict: 'unknown', reasons: [message] }, null, 2) : `Could not check ${environment}: ${message}`,
    };
  }
}

async function main(): Promise<void> {
  quietSdkNodeWarnings();
  const args = parseArgs(process.argv.slice(2));
  let environment: EnvironmentName;
  try {
    environment = parseEnvironment(optionString(args, 'environment', 'env'), '--environment');
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = EXIT_CODES.unknown;
    return;
  }
  const result = await status(environment, { json: args.options.json === true, color: process.stdout.isTTY && !process.env.NO_COLOR });
  (result.code === EXIT_CODES.unknown && args.options.json !== true ? console.error : console.log)(result.output);
  process.exitCode = result.code;
}

if (require.main === module) void main();

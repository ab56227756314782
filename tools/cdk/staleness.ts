import { CloudFormationClient, DescribeStacksCommand, GetTemplateCommand, type Output } from '@aws-sdk/client-cloudformation';
import { SSMClient } from '@aws-sdk/client-ssm';
import {
  CONSUMED_OUTPUT_PREFIX,
  consumedOutputId,
  parameterPath,
  parametersConsumedBy,
  parametersProducedBy,
  type EnvironmentName,
  type ParameterName,
  type Tier,
} from '@showcore/naming';
import { readParameters } from '../lib/ssm-preflight';

export interface StaleInput {
  readonly path: string;
  readonly resolved: string;
  readonly current: string;
}

export interface AwsClients {
  readonly cloudFormation: CloudFormationClient;
  readonly ssm: SSMClient;
}

/**
 * SDK client settings for a process environment built by awsEnvironmentFor(): this process's own environment
 * may not be the one the clients must use (the local run points them at the emulator).
 */
export function clientConfig(env: NodeJS.ProcessEnv): { region?: string; endpoint?: string; credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } } {
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN }
      : undefined;
  return { region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION, endpoint: env.AWS_ENDPOINT_URL, credentials };
}

export function awsClients(env: NodeJS.ProcessEnv): AwsClients {
  const config = clientConfig(env);
  return { cloudFormation: new CloudFormationClient(config), ssm: new SSMClient(config) };
}

/** Stacks of one region, with a CloudFormation client for that region (SSM stays the tier's own region). */
export interface RegionalStacks<S> {
  readonly region: string | undefined;
  /** `cloudFormation` for the stacks' region; `ssm` for the environment's region, where the contract lives. */
  readonly clients: AwsClients;
  readonly stacks: readonly S[];
}

/**
 * A tier's stacks grouped by the region each deploys to (its assembly environment, or the process's region when
 * the stack has none). A tier may own a stack in a second region (the edge replicas, the ops copy vault); asking
 * the main region's CloudFormation about it would find nothing and take it for not deployed.
 */
export function byRegion<S extends { readonly region?: string }>(env: NodeJS.ProcessEnv, clients: AwsClients, stacks: readonly S[]): RegionalStacks<S>[] {
  const home = clientConfig(env).region;
  const groups = new Map<string | undefined, S[]>();
  for (const stack of stacks) {
    const region = stack.region ?? home;
    groups.set(region, [...(groups.get(region) ?? []), stack]);
  }
  return [...groups].map(([region, group]) => ({
    region,
    clients: region === home ? clients : { ...clients, cloudFormation: new CloudFormationClient({ ...clientConfig(env), region }) },
    stacks: group,
  }));
}

/** Outputs of a stack, or undefined when the stack does not exist. */
export async function stackOutputs(cfn: CloudFormationClient, stackName: string): Promise<Output[] | undefined> {
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = out.Stacks?.[0];
    if (!stack || stack.StackStatus === 'DELETE_COMPLETE') return undefined;
    return stack.Outputs ?? [];
  } catch (error) {
    if (/does not exist/.test((error as Error).message)) return undefined;
    throw error;
  }
}

/** The template a deployed stack runs (parsed), or undefined when the stack does not exist. */
export async function deployedTemplate(cfn: CloudFormationClient, stackName: string): Promise<unknown> {
  if (!(await stackOutputs(cfn, stackName))) return undefined;
  const body = (await cfn.send(new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }))).TemplateBody;
  if (!body) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined; // a YAML or otherwise different body: not ours, deploy
  }
}

/**
 * Producer values a deployed consumer stack resolved at its last deploy (its `Consumed*` outputs) that differ
 * from the producers' current values: the stack must be redeployed (CloudFormation re-resolves SSM parameters
 * only on an update, and `cdk deploy` skips an unchanged template).
 */
export async function staleInputs(clients: AwsClients, tier: Tier, environment: EnvironmentName, stackNames: readonly string[]): Promise<StaleInput[]> {
  const consumed = parametersConsumedBy(tier);
  if (consumed.length === 0) return [];
  const current = await readParameters(clients.ssm, consumed.map((name) => parameterPath(environment, name)));
  const stale: StaleInput[] = [];
  for (const stackName of stackNames) {
    const outputs = await stackOutputs(clients.cloudFormation, stackName);
    if (!outputs) continue;
    for (const name of consumed) {
      const output = outputs.find((o) => o.OutputKey === consumedOutputId(name));
      const path = parameterPath(environment, name);
      const now = current.get(path);
      if (output?.OutputValue !== undefined && now !== undefined && output.OutputValue !== now) {
        stale.push({ path, resolved: output.OutputValue, current: now });
      }
    }
  }
  return stale;
}

/** Current values of everything a tier publishes (missing ones omitted). */
export async function publishedValues(clients: AwsClients, tier: Tier, environment: EnvironmentName): Promise<Map<ParameterName, string>> {
  const names = parametersProducedBy(tier);
  const values = await readParameters(clients.ssm, names.map((n) => parameterPath(environment, n)));
  const result = new Map<ParameterName, string>();
  for (const name of names) {
    const value = values.get(parameterPath(environment, name));
    if (value !== undefined) result.set(name, value);
  }
  return result;
}

/** Parameters whose value differs between two snapshots (added, changed or removed). */
export function changedParameters(before: Map<ParameterName, string>, after: Map<ParameterName, string>): ParameterName[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name));
}

export { CONSUMED_OUTPUT_PREFIX };

/**
 * AWS SDK client settings for a process environment, shared by every tool that talks to AWS (the tier runner,
 * the change plan, status, verification, the local run): one place decides region, endpoint and credentials.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { SSMClient } from '@aws-sdk/client-ssm';

export interface AwsClients {
  readonly cloudFormation: CloudFormationClient;
  readonly ssm: SSMClient;
}

/**
 * SDK client settings for a process environment built by awsEnvironmentFor(): this process's own environment
 * may not be the one the clients must use (the local run points them at the emulator).
 */
export function clientConfig(env: NodeJS.ProcessEnv): {
  region?: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
} {
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

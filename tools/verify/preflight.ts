import { DescribeRouteTablesCommand, DescribeVpcEndpointsCommand, type EC2Client, type VpcEndpoint } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { EnvironmentName } from '@showcore/naming';
import { explainAwsError } from '../lib/aws-errors';
import { UsageError } from '../lib/process';
import type { VerifyTargets } from './inputs';

/** Interface endpoints a probe instance in a subnet without a route out needs, and why. */
export const REQUIRED_ENDPOINTS: Readonly<Record<string, string>> = {
  ssm: 'the SSM agent registers and Run Command is delivered',
  ssmmessages: 'Session Manager / Run Command data channel',
  ec2messages: 'the SSM agent receives Run Command messages',
  logs: 'the CloudWatch Logs probe',
};

/** Needed only when the PostgreSQL probe runs: the instance reads the RDS-managed password from Secrets Manager. */
export const DATABASE_PROBE_ENDPOINT = 'secretsmanager';

export interface Identity {
  readonly account: string;
  readonly arn: string;
}

/** Who the credentials are; a clear error (and nothing created) when there are none, or for the wrong account. */
export async function checkIdentity(sts: STSClient, env: NodeJS.ProcessEnv, expectedAccount?: string): Promise<Identity> {
  let identity: Identity;
  try {
    const answer = await sts.send(new GetCallerIdentityCommand({}));
    identity = { account: answer.Account ?? '', arn: answer.Arn ?? '' };
  } catch (error) {
    throw new UsageError(`Cannot verify: ${explainAwsError(error, env)}`);
  }
  if (expectedAccount && identity.account !== expectedAccount) {
    throw new UsageError(
      `The credentials belong to account ${identity.account} (${identity.arn}), but --account says ${expectedAccount}. ` +
        'Switch to the environment\'s account (AWS_PROFILE or SSO) before verifying; nothing was created.',
    );
  }
  return identity;
}

/** Service short names (`ssm`, `logs`, …) of the VPC's available interface endpoints with private DNS on. */
export function interfaceServices(endpoints: readonly VpcEndpoint[], region: string): Set<string> {
  const prefix = `com.amazonaws.${region}.`;
  return new Set(
    endpoints
      .filter((e) => e.VpcEndpointType === 'Interface' && (e.PrivateDnsEnabled ?? false) && !['deleted', 'deleting', 'failed', 'rejected'].includes(String(e.State ?? '').toLowerCase()))
      .map((e) => (e.ServiceName ?? '').startsWith(prefix) ? (e.ServiceName as string).slice(prefix.length) : '')
      .filter(Boolean),
  );
}

/**
 * The VPC must have the interface endpoints the probe instance needs (it has no other way to reach AWS) and an S3
 * gateway route in the private route tables. Fails before anything is created, naming the configuration change.
 * `viaSessionManager` false (the local environment, whose probes run on this machine's shell) lists the interface
 * endpoints without requiring them: nothing then goes through them.
 */
export async function checkNetwork(
  ec2: EC2Client,
  environment: EnvironmentName,
  region: string,
  targets: VerifyTargets,
  probes: readonly string[],
  viaSessionManager = true,
): Promise<string[]> {
  const endpoints: VpcEndpoint[] = [];
  let token: string | undefined;
  do {
    const page = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [targets.vpcId] }], NextToken: token }));
    endpoints.push(...(page.VpcEndpoints ?? []));
    token = page.NextToken;
  } while (token);
  const present = interfaceServices(endpoints, region);
  const required = [...Object.keys(REQUIRED_ENDPOINTS), ...(probes.includes('postgres') ? [DATABASE_PROBE_ENDPOINT] : [])];
  const missing = required.filter((service) => !present.has(service));
  if (missing.length > 0 && viaSessionManager) {
    throw new UsageError(
      `The VPC ${targets.vpcId} of "${environment}" lacks interface endpoint(s) the probe instance needs: ${missing.join(', ')}.\n` +
        missing.map((s) => `  ${s}: ${REQUIRED_ENDPOINTS[s] ?? 'the PostgreSQL probe reads the RDS-managed password'}`).join('\n') +
        `\nAdd them to interfaceEndpoints of "${environment}" in apps/network/src/config/environments.ts ` +
        `(for example: interfaceEndpoints: [${[...new Set([...present, ...missing])].map((s) => `'${s}'`).join(', ')}]; each costs about $7.30 per AZ per month), ` +
        `deploy the network tier (npx nx run network:deploy -c ${environment}) and run verify again. Nothing was created.`,
    );
  }
  const s3Gateway = endpoints.find((e) => e.VpcEndpointType === 'Gateway' && e.ServiceName === `com.amazonaws.${region}.s3`);
  if (!s3Gateway) {
    throw new UsageError(`The VPC ${targets.vpcId} of "${environment}" has no S3 gateway endpoint: redeploy the network tier (it always creates one). Nothing was created.`);
  }
  const tables = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [targets.privateSubnetIds[0]] }] }));
  const associated = (tables.RouteTables ?? []).map((t) => t.RouteTableId as string);
  const routed = (s3Gateway.RouteTableIds ?? []).some((id) => associated.includes(id));
  if (associated.length > 0 && !routed) {
    throw new UsageError(
      `The S3 gateway endpoint ${s3Gateway.VpcEndpointId} is not attached to the route table of the private subnet ${targets.privateSubnetIds[0]} (${associated.join(', ')}): ` +
        'redeploy the network tier. Nothing was created.',
    );
  }
  return [...present].sort();
}

import type { SSMClient } from '@aws-sdk/client-ssm';
import { deployOrder, PARAMETERS, parameterPath, type EnvironmentName, type ParameterName, type Tier } from '@showcore/naming';
import { UsageError } from '#tools/lib/process';
import { readParameters } from '#tools/lib/ssm-preflight';

/** What a verification run needs to know about the deployed tiers: all of it from the SSM contract. */
export interface VerifyTargets {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly privateSubnetIds: readonly string[];
  readonly appSecurityGroupId: string;
  /** The in-VPC probe function the run invokes (ops tier). */
  readonly functionName: string;
  readonly dbHost: string;
  readonly dbPort: number;
  readonly redisHost: string;
  readonly redisPort: number;
  readonly redisReplicationGroupId: string;
  /** The IAM-authenticated Redis user of the probe (id = user name). */
  readonly redisProbeUser: string;
  readonly backupsBucket: string;
  readonly staticAssetsBucket: string;
  readonly distributionId: string;
  readonly distributionDomainName: string;
}

const SOURCES = {
  vpcId: 'vpcId',
  vpcCidr: 'vpcCidr',
  privateSubnetIds: 'privateSubnetIds',
  appSecurityGroupId: 'appSecurityGroupId',
  functionName: 'verifyFunctionName',
  dbHost: 'dbEndpointAddress',
  dbPort: 'dbEndpointPort',
  redisHost: 'redisPrimaryEndpointAddress',
  redisPort: 'redisPrimaryEndpointPort',
  redisReplicationGroupId: 'redisReplicationGroupId',
  redisProbeUser: 'redisProbeUserId',
  backupsBucket: 'backupsBucketName',
  staticAssetsBucket: 'staticAssetsBucketName',
  distributionId: 'distributionId',
  distributionDomainName: 'distributionDomainName',
} as const satisfies Record<keyof VerifyTargets, ParameterName>;

/** A value a tier publishes where the resource does not exist (the emulator, or the CDN switched off). */
export function isPlaceholder(value: string): boolean {
  return /^not-[a-z-]+$/.test(value);
}

/**
 * Reads the verification targets of an environment. Missing parameters are named with the tier to deploy:
 * nothing is created before every input is known.
 */
export async function readTargets(ssm: SSMClient, environment: EnvironmentName): Promise<VerifyTargets> {
  const paths = Object.fromEntries(Object.entries(SOURCES).map(([field, name]) => [field, parameterPath(environment, name)])) as Record<
    keyof VerifyTargets,
    string
  >;
  const values = await readParameters(ssm, Object.values(paths));
  const missing = (Object.keys(SOURCES) as (keyof VerifyTargets)[]).filter((field) => !values.has(paths[field]));
  if (missing.length > 0) {
    const producers = new Set<Tier>(missing.map((field) => PARAMETERS[SOURCES[field]].producer));
    const tiers = deployOrder().filter((tier) => producers.has(tier));
    throw new UsageError(
      `Cannot verify "${environment}": ${missing.length} parameter(s) are missing:\n` +
        missing.map((field) => `  ${paths[field]} (published by the ${PARAMETERS[SOURCES[field]].producer} tier)`).join('\n') +
        `\nDeploy ${tiers.map((t) => `the ${t} tier (npx nx run ${t}:deploy -c ${environment})`).join(', ')} first, ` +
        'or check that the credentials and AWS_REGION point at the account and region of this environment.',
    );
  }
  const get = (field: keyof VerifyTargets): string => values.get(paths[field]) as string;
  const port = (field: 'dbPort' | 'redisPort'): number => {
    const raw = get(field);
    const value = Number(raw);
    return Number.isInteger(value) && value > 0 && value < 65536 ? value : Number.NaN;
  };
  return {
    vpcId: get('vpcId'),
    vpcCidr: get('vpcCidr'),
    privateSubnetIds: get('privateSubnetIds').split(',').filter(Boolean),
    appSecurityGroupId: get('appSecurityGroupId'),
    functionName: get('functionName'),
    dbHost: get('dbHost'),
    dbPort: port('dbPort'),
    redisHost: get('redisHost'),
    redisPort: port('redisPort'),
    redisReplicationGroupId: get('redisReplicationGroupId'),
    redisProbeUser: get('redisProbeUser'),
    backupsBucket: get('backupsBucket'),
    staticAssetsBucket: get('staticAssetsBucket'),
    distributionId: get('distributionId'),
    distributionDomainName: get('distributionDomainName'),
  };
}

/**
 * What verification and the restore drill both need before anything is created: the clients they talk through,
 * and a probe function that exists in the application security group. Both commands import it from here, so
 * neither entry point imports the other.
 */
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { GetFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import type { EnvironmentName } from '@showcore/naming';
import { explainAwsError } from '#tools/lib/aws-errors';
import { UsageError } from '#tools/lib/process';
import type { VerifyTargets } from './inputs';

export interface VerifyClients {
  readonly sts: STSClient;
  readonly ssm: SSMClient;
  readonly lambda: LambdaClient;
  readonly s3: S3Client;
  readonly cloudfront: CloudFrontClient;
}

/**
 * The function must exist and sit in the application security group: a function elsewhere would prove nothing
 * about what the application can reach. Refuses (nothing created) naming the deploy to run.
 */
export async function checkProbeFunction(
  lambda: LambdaClient,
  functionName: string,
  targets: VerifyTargets,
  environment: EnvironmentName,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const deploy = `deploy the ops tier (npx nx run ops:deploy -c ${environment}) and run verify again; nothing was created`;
  let configuration;
  try {
    configuration = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException')
      throw new UsageError(`The probe function ${functionName} is not deployed in ${env.AWS_REGION ?? 'this region'}: ${deploy}.`);
    throw new UsageError(`Cannot read the probe function ${functionName}: ${explainAwsError(error, env)}`);
  }
  const groups = configuration.VpcConfig?.SecurityGroupIds ?? [];
  if (!groups.includes(targets.appSecurityGroupId)) {
    throw new UsageError(
      `The probe function ${functionName} is not in the application security group ${targets.appSecurityGroupId} (it has ${groups.join(', ') || 'no VPC configuration'}): ${deploy}.`,
    );
  }
  return `${functionName} (${configuration.Runtime ?? 'runtime unknown'}, subnets ${(configuration.VpcConfig?.SubnetIds ?? []).join(', ')})`;
}

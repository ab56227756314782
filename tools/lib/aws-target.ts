import type { EnvironmentName } from '@showcore/naming';
import { credentialSource } from './credentials';
import { UsageError } from './process';

/** Account id moto reports for the local environment (its default). */
export const LOCAL_ACCOUNT_ID = '123456789012';
export const LOCAL_REGION = 'us-east-1';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/**
 * The process environment for AWS calls (the CDK CLI and the SDK) of one ShowCore environment.
 * `local` must point at an emulator on the loopback interface: it is never sent anywhere else.
 */
export function awsEnvironmentFor(environment: EnvironmentName, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const endpoint = base.AWS_ENDPOINT_URL;
  if (environment === 'local') {
    if (!endpoint) {
      throw new UsageError(
        'The local environment deploys to moto, but AWS_ENDPOINT_URL is not set. Run `npm start` (it starts moto ' +
          'and deploys every tier), or start `moto_server -H 127.0.0.1 -p 5000` and set AWS_ENDPOINT_URL=http://localhost:5000.',
      );
    }
    if (!isLoopbackUrl(endpoint)) {
      throw new UsageError(`AWS_ENDPOINT_URL="${endpoint}" is not a loopback address; the local environment only talks to moto on 127.0.0.1/localhost.`);
    }
    return {
      ...base,
      AWS_ACCESS_KEY_ID: base.AWS_ACCESS_KEY_ID ?? 'testing',
      AWS_SECRET_ACCESS_KEY: base.AWS_SECRET_ACCESS_KEY ?? 'testing',
      AWS_REGION: LOCAL_REGION,
      AWS_DEFAULT_REGION: LOCAL_REGION,
      CDK_DEFAULT_ACCOUNT: LOCAL_ACCOUNT_ID,
      CDK_DEFAULT_REGION: LOCAL_REGION,
    };
  }
  if (endpoint && isLoopbackUrl(endpoint)) {
    throw new UsageError(
      `AWS_ENDPOINT_URL="${endpoint}" points at a local emulator, but the environment is "${environment}". ` +
        'Unset AWS_ENDPOINT_URL to deploy to AWS, or use -c env=local for the emulator.',
    );
  }
  // The SDK's last resort for credentials is the instance metadata service, which is not on the loopback
  // interface: it is never asked.
  return { ...base, AWS_EC2_METADATA_DISABLED: 'true' };
}

/**
 * The process environment for a real environment's AWS calls, refusing before any request when no credentials
 * can be found (the SDK would otherwise try every provider, the network ones included).
 */
export function awsEnvironmentWithCredentials(environment: EnvironmentName, what: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = awsEnvironmentFor(environment, base);
  if (environment !== 'local' && !credentialSource(env)) {
    throw new UsageError(
      `No AWS credentials for the ${environment} environment, so ${what} cannot run. Configure them for the environment's account ` +
        '(AWS_PROFILE with a profile in ~/.aws, an SSO login, or the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY variables). Nothing was sent.',
    );
  }
  return env;
}

/**
 * How `cdk deploy` submits templates. Real environments use change sets (reviewable, the CDK default). moto
 * executes change sets without computing stack outputs, and the deploy tool reads consumers' `Consumed*`
 * outputs to detect stale inputs, so the local environment deploys directly (CreateStack/UpdateStack).
 */
export function deployMethodFor(environment: EnvironmentName): 'change-set' | 'direct' {
  return environment === 'local' ? 'direct' : 'change-set';
}

/**
 * One sentence for an AWS SDK error a person can act on: missing or rejected credentials, throttling, else the
 * error's own name and message with the region it was sent to.
 */
export function explainAwsError(error: unknown, env: NodeJS.ProcessEnv): string {
  const err = error as { name?: string; message?: string };
  if (err.name === 'CredentialsProviderError' || /credentials/i.test(err.message ?? '')) {
    return "No AWS credentials: configure them (AWS_PROFILE, SSO login, or the environment variables) for the environment's account.";
  }
  if (/Throttl|Rate exceeded|TooManyRequests/i.test(`${err.name} ${err.message}`)) {
    return `AWS throttled the requests even after retries with backoff (${err.message}). Try again in a minute.`;
  }
  if (/UnrecognizedClient|InvalidClientTokenId|ExpiredToken/i.test(`${err.name} ${err.message}`)) {
    return `The AWS credentials were rejected (${err.name}): refresh them.`;
  }
  return `${err.name ?? 'Error'}: ${err.message} (region ${env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'not set'})`;
}

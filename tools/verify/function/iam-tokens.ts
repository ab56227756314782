/**
 * IAM authentication tokens, signed locally with the function's role credentials (SigV4 presigned URLs, valid
 * 15 minutes): no network call, so the private subnets need no STS or Secrets Manager endpoint.
 */
import { Signer } from '@aws-sdk/rds-signer';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

const TOKEN_LIFETIME_S = 900;

/** The password of an IAM-authenticated PostgreSQL login (`rds-db:connect` on the user). */
export function rdsAuthToken(input: { host: string; port: number; user: string; region: string; credentials: Credentials }): Promise<string> {
  return new Signer({ hostname: input.host, port: input.port, username: input.user, region: input.region, credentials: input.credentials }).getAuthToken();
}

/**
 * The password of an IAM-authenticated Redis user (`AUTH <user> <token>`): a presigned `connect` request for the
 * replication group, as ElastiCache documents it ("Authenticating with IAM"), without the scheme.
 */
export async function elastiCacheAuthToken(input: {
  replicationGroupId: string;
  user: string;
  region: string;
  credentials: Credentials;
  /** @default now */
  signingDate?: Date;
}): Promise<string> {
  const signer = new SignatureV4({ service: 'elasticache', region: input.region, credentials: input.credentials, sha256: Hash.bind(null, 'sha256') });
  const presigned = await signer.presign(
    {
      method: 'GET',
      protocol: 'http:',
      hostname: input.replicationGroupId,
      path: '/',
      query: { Action: 'connect', User: input.user },
      headers: { host: input.replicationGroupId },
    },
    { expiresIn: TOKEN_LIFETIME_S, signingDate: input.signingDate },
  );
  const query = Object.entries(presigned.query ?? {})
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `${input.replicationGroupId}/?${query}`;
}

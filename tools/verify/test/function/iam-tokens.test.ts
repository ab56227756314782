/**
 * IAM authentication tokens against a fixed clock and known keys (AWS's documented example key pair), checked
 * against an independent SigV4 presign written here with node:crypto: the RDS token from @aws-sdk/rds-signer and
 * the ElastiCache token the function signs itself. No network call is involved in either.
 */
import { createHash, createHmac } from 'node:crypto';
import { elastiCacheAuthToken, rdsAuthToken } from '../../function/iam-tokens';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const NOW = new Date('2026-12-06T04:15:00Z');

const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** SigV4 query-string signing (AWS General Reference, "Create a signed AWS API request"), GET, empty payload. */
function presign(host: string, service: string, params: Record<string, string>, date: Date): Record<string, string> {
  const amzDate = date.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/us-east-1/${service}/aws4_request`;
  const query: Record<string, string> = {
    ...params,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${credentials.accessKeyId}/${scope}`,
    'X-Amz-Date': amzDate,
    'X-Amz-Expires': '900',
    'X-Amz-SignedHeaders': 'host',
  };
  const canonicalQuery = Object.keys(query)
    .sort()
    .map((k) => `${encode(k)}=${encode(query[k])}`)
    .join('&');
  const emptyPayload = createHash('sha256').update('').digest('hex');
  const canonicalRequest = ['GET', '/', canonicalQuery, `host:${host}`, '', 'host', emptyPayload].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), 'us-east-1'), service), 'aws4_request');
  return { ...query, 'X-Amz-Signature': createHmac('sha256', key).update(toSign).digest('hex') };
}

function parseToken(token: string): { authority: string; query: Record<string, string> } {
  const [authority, rest] = token.split('/?');
  return { authority, query: Object.fromEntries(new URLSearchParams(rest)) };
}

describe('IAM authentication tokens', () => {
  afterEach(() => jest.useRealTimers());
  const fakeClock = (date: Date) =>
    jest.useFakeTimers({
      now: date,
      doNotFake: [
        'nextTick',
        'setImmediate',
        'setTimeout',
        'setInterval',
        'clearTimeout',
        'clearInterval',
        'clearImmediate',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });

  it('signs the RDS token locally: host:port, Action=connect, DBUser, 15 minutes, the expected signature', async () => {
    fakeClock(NOW);
    const host = 'showcore-rds-dev-db.abcdefghij.us-east-1.rds.amazonaws.com';
    const token = await rdsAuthToken({ host, port: 5432, user: 'showcore_probe', region: 'us-east-1', credentials });
    expect(token).not.toMatch(/^https?:/);
    const parsed = parseToken(token);
    expect(parsed.authority).toBe(`${host}:5432`);
    expect(parsed.query).toEqual(presign(`${host}:5432`, 'rds-db', { Action: 'connect', DBUser: 'showcore_probe' }, NOW));
  });

  it('signs the ElastiCache token for the replication group and user: Action=connect, User, 15 minutes, the expected signature', async () => {
    const token = await elastiCacheAuthToken({
      replicationGroupId: 'showcore-redis-dev-cache',
      user: 'showcore-redis-dev-probe',
      region: 'us-east-1',
      credentials,
      signingDate: NOW,
    });
    const parsed = parseToken(token);
    expect(parsed.authority).toBe('showcore-redis-dev-cache');
    expect(parsed.query).toEqual(presign('showcore-redis-dev-cache', 'elasticache', { Action: 'connect', User: 'showcore-redis-dev-probe' }, NOW));
  });

  it('a token depends on the clock, the user and the key (so the comparison above means something)', async () => {
    const base = { replicationGroupId: 'showcore-redis-dev-cache', user: 'showcore-redis-dev-probe', region: 'us-east-1', credentials, signingDate: NOW };
    const reference = await elastiCacheAuthToken(base);
    const later = await elastiCacheAuthToken({ ...base, signingDate: new Date(NOW.getTime() + 1000) });
    const otherUser = await elastiCacheAuthToken({ ...base, user: 'showcore-redis-dev-app' });
    const otherKey = await elastiCacheAuthToken({ ...base, credentials: { ...credentials, secretAccessKey: `${credentials.secretAccessKey}x` } });
    const signatures = [reference, later, otherUser, otherKey].map((t) => parseToken(t).query['X-Amz-Signature']);
    expect(new Set(signatures).size).toBe(4);
  });

  it('carries a session token when the credentials have one (the function runs on a role)', async () => {
    const token = await elastiCacheAuthToken({
      replicationGroupId: 'g',
      user: 'u',
      region: 'us-east-1',
      credentials: { ...credentials, sessionToken: 'session/token+value' },
      signingDate: NOW,
    });
    expect(parseToken(token).query['X-Amz-Security-Token']).toBe('session/token+value');
  });
});

/**
 * What `ops:verify` sends the in-VPC probe function and what it answers. The request names targets only (host
 * names, ports, user names, the bucket); no password or token ever travels in it — the function signs its own
 * IAM tokens with its role. The one exception is `create-probe-user` (see docs/decisions/0006).
 */
import type { CheckResult } from '../model';

export const FUNCTION_PROBES = ['postgres', 'redis', 's3', 'endpoints', 'internet'] as const;
export type FunctionProbeName = (typeof FUNCTION_PROBES)[number];

export interface PostgresTarget {
  readonly host: string;
  readonly port: number;
  /** The database user authenticating with an IAM token (granted `rds_iam`). */
  readonly user: string;
  /** @default 'postgres' (the maintenance database: a probe never touches the application's) */
  readonly database?: string;
  /**
   * The RDS CA bundle (PEM) the server certificate must chain to, which `ops:verify` downloads from the RDS trust
   * store (or takes from `--rds-ca-bundle`): public, a few kilobytes, and always the region's current one.
   */
  readonly caBundle: string;
}

export interface RedisTarget {
  readonly host: string;
  readonly port: number;
  /** The replication group the IAM token is signed for. */
  readonly replicationGroupId: string;
  /** The IAM-authenticated user (id = name). */
  readonly user: string;
}

export interface S3Target {
  readonly bucket: string;
  /** Every object the probe writes lies under it (`_verify/<run id>/`). */
  readonly prefix: string;
}

export interface NetworkTarget {
  /** The VPC's CIDR: interface endpoints' names must resolve inside it. */
  readonly vpcCidr: string;
  /** Host names that must resolve inside the VPC and answer HTTPS (ssm, logs, monitoring). */
  readonly endpointHosts: readonly string[];
  /** URLs that must be unreachable (no route out). */
  readonly internetUrls: readonly string[];
}

export interface ProbeRequest {
  readonly action: 'probe';
  readonly runId: string;
  readonly probes: readonly FunctionProbeName[];
  /** Per-probe limit; a probe past it is reported as `FAIL <probe>.timeout` and the next one runs. */
  readonly probeTimeoutMs: number;
  readonly postgres?: PostgresTarget;
  readonly redis?: RedisTarget;
  readonly s3?: S3Target;
  readonly network?: NetworkTarget;
}

/** Creates the IAM-authenticated database user once, with master credentials handed over for this one call. */
export interface CreateProbeUserRequest {
  readonly action: 'create-probe-user';
  readonly postgres: PostgresTarget;
  readonly master: { readonly user: string; readonly password: string };
}

export type FunctionRequest = ProbeRequest | CreateProbeUserRequest;

export interface FunctionResponse {
  readonly results: readonly CheckResult[];
  /** Why the request itself could not be served (bad input); empty otherwise. */
  readonly problems: readonly string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every problem of an event at once, each naming the field; an empty list when it is a valid request. */
export function requestProblems(event: unknown): string[] {
  if (!isObject(event)) return [`the event is ${JSON.stringify(event)}, not an object with an "action"`];
  const problems: string[] = [];
  // A password is never shown, whatever was sent in its place.
  const field = (path: string, value: unknown, ok: boolean, expected: string) => {
    if (!ok) problems.push(`${path} is ${path.endsWith('.password') ? '(hidden)' : JSON.stringify(value)}: expected ${expected}`);
  };
  const target = (name: string, value: unknown, keys: readonly string[]) => {
    if (!isObject(value)) return field(name, value, false, 'an object');
    for (const key of keys) {
      const v = value[key];
      field(
        `${name}.${key}`,
        v,
        key === 'port' ? Number.isInteger(v) && (v as number) > 0 && (v as number) < 65536 : typeof v === 'string' && v.length > 0,
        key === 'port' ? 'a TCP port' : 'a non-empty string',
      );
    }
  };
  if (event.action === 'create-probe-user') {
    target('postgres', event.postgres, ['host', 'port', 'user', 'caBundle']);
    target('master', event.master, ['user', 'password']);
    return problems;
  }
  if (event.action !== 'probe') return [`action is ${JSON.stringify(event.action)}: expected "probe" or "create-probe-user"`];
  field('runId', event.runId, typeof event.runId === 'string' && /^[a-z0-9-]{1,64}$/.test(event.runId), 'lowercase letters, digits and hyphens');
  field('probeTimeoutMs', event.probeTimeoutMs, Number.isInteger(event.probeTimeoutMs) && (event.probeTimeoutMs as number) > 0, 'a positive integer');
  const probes = event.probes;
  const known = Array.isArray(probes) && probes.length > 0 && probes.every((p) => (FUNCTION_PROBES as readonly unknown[]).includes(p));
  field('probes', probes, known, `a non-empty list of ${FUNCTION_PROBES.join(', ')}`);
  if (!known) return problems;
  const wanted = new Set(probes as FunctionProbeName[]);
  if (wanted.has('postgres')) target('postgres', event.postgres, ['host', 'port', 'user', 'caBundle']);
  if (wanted.has('redis')) target('redis', event.redis, ['host', 'port', 'replicationGroupId', 'user']);
  if (wanted.has('s3')) target('s3', event.s3, ['bucket', 'prefix']);
  if (wanted.has('endpoints') || wanted.has('internet')) {
    const network = event.network;
    if (!isObject(network)) field('network', network, false, 'an object');
    else {
      field('network.vpcCidr', network.vpcCidr, typeof network.vpcCidr === 'string' && /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(network.vpcCidr), 'an IPv4 CIDR');
      for (const key of ['endpointHosts', 'internetUrls'] as const) {
        field(
          `network.${key}`,
          network[key],
          Array.isArray(network[key]) && (network[key] as unknown[]).every((v) => typeof v === 'string'),
          'a list of strings',
        );
      }
    }
  }
  return problems;
}

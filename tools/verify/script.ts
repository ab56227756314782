import type { VerifyTargets } from './inputs';

/** Probes that run inside the VPC, in this order. */
export const INSTANCE_PROBES = ['postgres', 'redis', 's3', 'endpoints', 'internet'] as const;
export type InstanceProbe = (typeof INSTANCE_PROBES)[number];

/** The system CA store of Amazon Linux 2023 (ElastiCache's certificates chain to Amazon Trust Services). */
export const AL2023_CA_STORE = '/etc/pki/tls/certs/ca-bundle.crt';

/** Quotes a value for Bash (single quotes; an embedded quote becomes '\''). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface ProbeEnvOptions {
  readonly region: string;
  readonly runId: string;
  readonly probes: readonly InstanceProbe[];
  /** Interface endpoint services (`ssm`, `logs`, …) whose private DNS the endpoints probe checks. */
  readonly endpointServices: readonly string[];
  /** Where the CA bundle for `sslmode=verify-full` is on the machine that runs the probes. */
  readonly dbCaBundle: string;
  readonly redisCaBundle: string;
  readonly timeoutSeconds: number;
}

/**
 * The probe inputs (probes/README.md) for one environment. The database password is never among them: the
 * instance reads it from Secrets Manager itself, so it never passes through Run Command's history or logs.
 */
export function probeEnvironment(targets: VerifyTargets, options: ProbeEnvOptions): Record<string, string> {
  return {
    PROBES: options.probes.join(' '),
    PROBE_TIMEOUT_SECONDS: String(options.timeoutSeconds),
    AWS_REGION: options.region,
    AWS_DEFAULT_REGION: options.region,
    PGHOST: targets.dbHost,
    PGPORT: String(targets.dbPort),
    // The maintenance database every RDS PostgreSQL instance has: the CRUD table never touches the application's schema.
    PGDATABASE: 'postgres',
    PGCONNECT_TIMEOUT: '10',
    PROBE_DB_SECRET_ARN: targets.dbSecretArn,
    PROBE_DB_CA_BUNDLE: options.dbCaBundle,
    PROBE_REDIS_HOST: targets.redisHost,
    PROBE_REDIS_PORT: String(targets.redisPort),
    PROBE_REDIS_CA_BUNDLE: options.redisCaBundle,
    PROBE_S3_BUCKET: targets.backupsBucket,
    PROBE_S3_PREFIX: `_verify/${options.runId}/s3-probe/`,
    PROBE_ENDPOINT_HOSTS: options.endpointServices.map((s) => `${s}.${options.region}.amazonaws.com`).join(' '),
    PROBE_VPC_CIDR: targets.vpcCidr,
  };
}

export interface ScriptOptions {
  /** Directory the probes run from. */
  readonly workDir: string;
  /** The staged probes to copy from S3 (on the instance); absent when the probes are already in workDir. */
  readonly fetchFrom?: { readonly bucket: string; readonly prefix: string; readonly files: readonly string[] };
  /** Install psql and redis-cli with dnf when missing (Amazon Linux 2023; repositories reached through the S3 gateway). */
  readonly installClients: boolean;
  readonly env: Readonly<Record<string, string>>;
  /** Remove workDir afterwards (it is a copy). */
  readonly removeWorkDir: boolean;
}

/** The one Bash script Run Command executes: fetch, install clients, run the probes, clean up, keep the exit code. */
export function probeScript(options: ScriptOptions): string {
  const lines = ['set -uo pipefail', `workdir=${shellQuote(options.workDir)}`, 'mkdir -p "$workdir"'];
  // First: the fetch below needs AWS_REGION as much as the probes do.
  for (const [key, value] of Object.entries(options.env)) lines.push(`export ${key}=${shellQuote(value)}`);
  if (options.fetchFrom) {
    const { bucket, prefix, files } = options.fetchFrom;
    const source = `s3://${bucket}/${prefix}`;
    lines.push(
      `for file in ${files.map(shellQuote).join(' ')}; do`,
      `  aws s3 cp --only-show-errors ${shellQuote(source)}"$file" "$workdir/$file" || { echo "FAIL runner.fetch could not copy $file from ${source.replace(/[^\w:/.-]/g, '')} (S3 gateway endpoint, the instance role's VerificationObjects)"; exit 1; }`,
      'done',
    );
  }
  if (options.installClients) {
    lines.push(
      'if ! command -v psql >/dev/null; then dnf install -y -q postgresql15 >/dev/null 2>&1 || echo "FAIL runner.install could not install postgresql15 with dnf (S3 gateway endpoint to the Amazon Linux repositories)"; fi',
      'if ! command -v redis-cli >/dev/null && ! command -v redis6-cli >/dev/null; then dnf install -y -q redis6 >/dev/null 2>&1 || echo "FAIL runner.install could not install redis6 with dnf (S3 gateway endpoint to the Amazon Linux repositories)"; fi',
    );
  }
  lines.push('bash "$workdir/run-probes.sh"', 'status=$?');
  if (options.removeWorkDir) lines.push('rm -rf "$workdir"');
  lines.push('exit $status');
  return lines.join('\n');
}

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { VerifyTargets } from '../inputs';
import { probeEnvironment, probeScript, shellQuote } from '../script';

const targets: VerifyTargets = {
  vpcId: 'vpc-1',
  vpcCidr: '10.0.0.0/16',
  privateSubnetIds: ['subnet-a', 'subnet-b'],
  appSecurityGroupId: 'sg-app',
  instanceProfileName: 'showcore-verify-dev-instance-profile',
  dbHost: 'db.example.internal',
  dbPort: 5432,
  dbSecretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:rds!db-abc',
  redisHost: 'master.redis.example.internal',
  redisPort: 6379,
  backupsBucket: 'showcore-backups-dev',
  staticAssetsBucket: 'showcore-static-dev',
  distributionId: 'E123',
  distributionDomainName: 'd1.cloudfront.net',
};

describe('probe inputs and the Run Command script', () => {
  const env = probeEnvironment(targets, { region: 'eu-west-1', runId: 'r1', probes: ['postgres', 'endpoints'], endpointServices: ['ssm', 'logs'], dbCaBundle: '/w/ca.pem', redisCaBundle: '/etc/ca.crt', timeoutSeconds: 90 });

  it('hands the probes their targets from the SSM contract, and never a password', () => {
    expect(env).toMatchObject({
      PROBES: 'postgres endpoints',
      PGHOST: 'db.example.internal',
      PGPORT: '5432',
      PGDATABASE: 'postgres',
      PROBE_DB_SECRET_ARN: targets.dbSecretArn,
      PROBE_REDIS_PORT: '6379',
      PROBE_S3_BUCKET: 'showcore-backups-dev',
      PROBE_S3_PREFIX: '_verify/r1/s3-probe/',
      PROBE_ENDPOINT_HOSTS: 'ssm.eu-west-1.amazonaws.com logs.eu-west-1.amazonaws.com',
      PROBE_VPC_CIDR: '10.0.0.0/16',
      PROBE_TIMEOUT_SECONDS: '90',
    });
    expect(Object.keys(env)).not.toContain('PGPASSWORD');
  });

  it('quotes every value so no input can run as a command', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-script-'));
    fs.writeFileSync(path.join(dir, 'run-probes.sh'), 'echo "PASS runner.env [$PGHOST]"; exit 0\n');
    const hostile = "x'; touch " + path.join(dir, 'pwned') + "; echo '";
    const script = probeScript({ workDir: dir, installClients: false, env: { PGHOST: hostile }, removeWorkDir: false });
    const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(result.stdout).toBe(`PASS runner.env [${hostile}]\n`);
    expect(fs.existsSync(path.join(dir, 'pwned'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the runner\'s exit code and removes the copied probes', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-script-')), 'work');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'run-probes.sh'), 'echo "FAIL x.y no"; exit 1\n');
    const result = spawnSync('bash', ['-c', probeScript({ workDir: dir, installClients: false, env: {}, removeWorkDir: true })], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('on the instance: copies each staged file from S3 (no bucket listing), installs missing clients, then runs', () => {
    const script = probeScript({
      workDir: '/tmp/showcore-verify-r1',
      fetchFrom: { bucket: 'showcore-backups-dev', prefix: '_verify/r1/probes/', files: ['lib.sh', 'run-probes.sh', 'rds-ca-bundle.pem'] },
      installClients: true,
      env,
      removeWorkDir: true,
    });
    expect(script).toContain("for file in 'lib.sh' 'run-probes.sh' 'rds-ca-bundle.pem'; do");
    expect(script).not.toContain('--recursive');
    expect(script).toMatch(/dnf install -y -q postgresql15/);
    expect(script).toMatch(/dnf install -y -q redis6/);
    const lines = script.split('\n');
    expect(lines.indexOf('bash "$workdir/run-probes.sh"')).toBeGreaterThan(lines.findIndex((l) => l.startsWith('export PGHOST=')));
    expect(lines.at(-1)).toBe('exit $status');
  });

  it('the fetch really copies file by file, and a file it cannot copy fails the run naming it', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-fetch-'));
    const bin = path.join(root, 'bin');
    const store = path.join(root, 'store');
    fs.mkdirSync(bin);
    fs.mkdirSync(store);
    // A stand-in for `aws s3 cp s3://bucket/key dest`: serves keys from a local folder, logs each call.
    fs.writeFileSync(path.join(bin, 'aws'), `#!/bin/sh\necho "$@" >> ${root}/calls\nkey="\${4#s3://b/}"\n[ -f "${store}/$key" ] && cp "${store}/$key" "$5"\n`, { mode: 0o755 });
    fs.mkdirSync(path.join(store, 'p'));
    fs.writeFileSync(path.join(store, 'p', 'run-probes.sh'), 'echo "PASS runner.fetched $(ls "$(dirname "$0")" | tr "\\n" " ")"; echo "SUMMARY passed=1 failed=0"\n');
    fs.writeFileSync(path.join(store, 'p', 'lib.sh'), '# lib\n');
    const work = path.join(root, 'work');
    const run = (files: string[]) =>
      spawnSync('bash', ['-c', probeScript({ workDir: work, fetchFrom: { bucket: 'b', prefix: 'p/', files }, installClients: false, env: {}, removeWorkDir: true })], {
        encoding: 'utf8',
        env: { PATH: `${bin}:${process.env.PATH}` },
      });
    const ok = run(['lib.sh', 'run-probes.sh']);
    expect(ok.stdout).toBe('PASS runner.fetched lib.sh run-probes.sh \nSUMMARY passed=1 failed=0\n');
    expect(fs.readFileSync(path.join(root, 'calls'), 'utf8').trim().split('\n')).toEqual([
      `s3 cp --only-show-errors s3://b/p/lib.sh ${work}/lib.sh`,
      `s3 cp --only-show-errors s3://b/p/run-probes.sh ${work}/run-probes.sh`,
    ]);
    const missing = run(['lib.sh', 'missing.sh', 'run-probes.sh']);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(/^FAIL runner\.fetch could not copy missing\.sh from s3:\/\/b\/p\//);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it.each([
    ['plain', "'plain'"],
    ["it's", "'it'\\''s'"],
    ['$(id)', "'$(id)'"],
  ])('shellQuote(%s)', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
  });
});

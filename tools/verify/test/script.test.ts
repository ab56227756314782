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

  it('on the instance: copies the staged probes from S3 first and installs missing clients with dnf', () => {
    const script = probeScript({ workDir: '/tmp/showcore-verify-r1', fetchFrom: 's3://showcore-backups-dev/_verify/r1/probes/', installClients: true, env, removeWorkDir: true });
    const lines = script.split('\n');
    expect(lines[3]).toMatch(/^aws s3 cp --recursive --only-show-errors 's3:\/\/showcore-backups-dev\/_verify\/r1\/probes\/' "\$workdir\/"/);
    expect(script).toMatch(/dnf install -y -q postgresql15/);
    expect(script).toMatch(/dnf install -y -q redis6/);
    expect(lines.indexOf('bash "$workdir/run-probes.sh"')).toBeGreaterThan(lines.findIndex((l) => l.startsWith('export PGHOST=')));
    expect(lines.at(-1)).toBe('exit $status');
  });

  it.each([
    ['plain', "'plain'"],
    ["it's", "'it'\\''s'"],
    ['$(id)', "'$(id)'"],
  ])('shellQuote(%s)', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
  });
});

import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { UsageError } from '#tools/lib/process';
import { checkIdentity } from '../identity';
import { readTargets, type VerifyTargets } from '../inputs';
import { checkProbeFunction } from '../preflight';
import { probeUserHint } from '../verify';

const sts = mockClient(STSClient);
const ssm = mockClient(SSMClient);
const lambda = mockClient(LambdaClient);
beforeEach(() => {
  sts.reset();
  ssm.reset();
  lambda.reset();
});

describe('identity', () => {
  it('no credentials: a clear error', async () => {
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    await expect(checkIdentity(new STSClient({}), {})).rejects.toThrow(/^Cannot verify: No AWS credentials: configure them/);
  });

  it('rejected credentials', async () => {
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredToken' }));
    await expect(checkIdentity(new STSClient({}), {})).rejects.toThrow(/credentials were rejected \(ExpiredToken\)/);
  });

  it('the wrong account', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: 'arn:aws:sts::111122223333:assumed-role/dev/me' });
    await expect(checkIdentity(new STSClient({}), {}, '444455556666')).rejects.toThrow(/belong to account 111122223333 .* --account says 444455556666/);
    await expect(checkIdentity(new STSClient({}), {}, '111122223333')).resolves.toEqual({
      account: '111122223333',
      arn: 'arn:aws:sts::111122223333:assumed-role/dev/me',
    });
  });
});

describe('inputs', () => {
  it('reads every target from the SSM contract, the probe function among them', async () => {
    ssm.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
      Parameters: input.Names.map((name) => ({
        Name: name,
        Value: name.endsWith('port') ? '5432' : name.endsWith('subnet-ids') ? 'subnet-a,subnet-b' : `value-of-${name.split('/').pop()}`,
      })),
    }));
    const read = await readTargets(new SSMClient({}), 'prod');
    expect(read).toMatchObject({
      vpcId: 'value-of-vpc-id',
      privateSubnetIds: ['subnet-a', 'subnet-b'],
      dbPort: 5432,
      functionName: 'value-of-verify-function-name',
      redisProbeUser: 'value-of-redis-probe-user-id',
    });
    const asked = ssm.commandCalls(GetParametersCommand).flatMap((c) => c.args[0].input.Names ?? []);
    expect(asked).toContain('/showcore/prod/ops/verify-function-name');
    expect(asked.filter((n) => /instance-profile|db-secret-arn/.test(n))).toEqual([]);
  });

  it('missing parameters name the tier that publishes them', async () => {
    ssm.on(GetParametersCommand).resolves({ Parameters: [] });
    const read = readTargets(new SSMClient({}), 'prod');
    await expect(read).rejects.toThrow(/\/showcore\/prod\/data\/db-endpoint-address \(published by the data tier\)/);
    await expect(read).rejects.toThrow(/\/showcore\/prod\/ops\/verify-function-name \(published by the ops tier\)/);
    await expect(read).rejects.toThrow(/Deploy the network tier \(npx nx run network:deploy -c prod\), the data tier/);
  });
});

describe('the probe function', () => {
  const targets = { appSecurityGroupId: 'sg-app' } as VerifyTargets;
  const check = () => checkProbeFunction(new LambdaClient({}), 'showcore-verify-dev-probe', targets, 'dev', { AWS_REGION: 'eu-west-1' });

  it('not deployed: names the function and the ops deploy (exit 2, nothing created)', async () => {
    lambda.on(GetFunctionConfigurationCommand).rejects(Object.assign(new Error('Function not found'), { name: 'ResourceNotFoundException' }));
    await expect(check()).rejects.toThrow(UsageError);
    await expect(check()).rejects.toThrow(/showcore-verify-dev-probe is not deployed in eu-west-1: deploy the ops tier \(npx nx run ops:deploy -c dev\)/);
  });

  it('outside the application security group: refused, since it would prove nothing about the application', async () => {
    lambda.on(GetFunctionConfigurationCommand).resolves({ VpcConfig: { SecurityGroupIds: ['sg-other'], SubnetIds: ['subnet-a'] } });
    await expect(check()).rejects.toThrow(/is not in the application security group sg-app \(it has sg-other\)/);
    lambda.on(GetFunctionConfigurationCommand).resolves({});
    await expect(check()).rejects.toThrow(/\(it has no VPC configuration\)/);
  });

  it('in the application security group: described for the report', async () => {
    lambda
      .on(GetFunctionConfigurationCommand)
      .resolves({ Runtime: 'nodejs22.x', VpcConfig: { SecurityGroupIds: ['sg-app'], SubnetIds: ['subnet-a', 'subnet-b'] } });
    await expect(check()).resolves.toBe('showcore-verify-dev-probe (nodejs22.x, subnets subnet-a, subnet-b)');
  });
});

describe('a database that refuses the probe user', () => {
  it('names the one-time fix with the environment', () => {
    const refused = [
      {
        probe: 'postgres',
        check: 'tls',
        passed: false,
        detail: 'password authentication failed; … the IAM user showcore_probe may not exist yet (or lacks rds_iam) …',
      },
    ];
    expect(probeUserHint(refused, 'staging')).toMatch(/create it once with: npm run verify -- --environment=staging --create-probe-user/i);
    expect(probeUserHint([{ ...refused[0], detail: 'certificate has expired' }], 'staging')).toBeUndefined();
    expect(probeUserHint([{ ...refused[0], passed: true }], 'staging')).toBeUndefined();
  });
});

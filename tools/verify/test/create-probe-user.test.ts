/**
 * `ops:verify --create-probe-user` (docs/decisions/0006): the master secret is read on this machine and handed to
 * the function in that one request; it never appears in a log line, and bad input stops before the secret is read.
 */
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { createProbeUser, type CreateProbeUserDeps } from '../create-probe-user';
import type { FunctionRequest, FunctionResponse } from '../function/protocol';
import type { ProbeInvoker } from '../invoker';

const sts = mockClient(STSClient);
const ssm = mockClient(SSMClient);
const lambda = mockClient(LambdaClient);
const secrets = mockClient(SecretsManagerClient);
const PASSWORD = 'Sup3r-secret-master-password';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:rds!db-1234';

function contract(overrides: Record<string, string> = {}) {
  ssm.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
    Parameters: input.Names.map((name) => {
      const key = name.split('/').pop() as string;
      const value =
        overrides[key] ??
        (key.endsWith('port') ? '5432' : key === 'db-secret-arn' ? SECRET_ARN : key === 'app-security-group-id' ? 'sg-app' : `value-of-${key}`);
      return { Name: name, Value: value };
    }),
  }));
}

beforeEach(() => {
  for (const mock of [sts, ssm, lambda, secrets]) mock.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: 'arn:aws:sts::111122223333:assumed-role/admin/me' });
  lambda.on(GetFunctionConfigurationCommand).resolves({ VpcConfig: { SecurityGroupIds: ['sg-app'], SubnetIds: ['subnet-a'] } });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ username: 'postgres', password: PASSWORD }) });
  contract();
});

function deps(
  answer: FunctionResponse = {
    results: [{ probe: 'probe-user', check: 'created', passed: true, detail: 'showcore_probe logs in with IAM tokens' }],
    problems: [],
  },
) {
  const requests: FunctionRequest[] = [];
  const lines: string[] = [];
  const invoker: ProbeInvoker = { kind: 'fake', invoke: async (request) => (requests.push(request), answer) };
  const d: CreateProbeUserDeps = {
    clients: { sts: new STSClient({}), ssm: new SSMClient({}), lambda: new LambdaClient({}), s3: new S3Client({}), cloudfront: new CloudFrontClient({}) },
    secrets: new SecretsManagerClient({}),
    invoker: () => invoker,
    log: (line) => lines.push(line),
  };
  return { d, requests, lines };
}

describe('create-probe-user', () => {
  it("hands the master credentials to the function in one request, for the contract's database, and never logs them", async () => {
    const { d, requests, lines } = deps();
    await expect(createProbeUser(d, 'staging', {}, 'PEM')).resolves.toBe(true);
    expect(requests).toEqual([
      {
        action: 'create-probe-user',
        postgres: { host: 'value-of-db-endpoint-address', port: 5432, user: 'showcore_probe', caBundle: 'PEM' },
        master: { user: 'postgres', password: PASSWORD },
      },
    ]);
    expect(secrets.commandCalls(GetSecretValueCommand)[0].args[0].input).toEqual({ SecretId: SECRET_ARN });
    expect(lines.join('\n')).toMatch(/PASS probe-user\.created/);
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });

  it('a failure of the function is reported as not created (exit 1), still without the password', async () => {
    const { d, lines } = deps({
      results: [{ probe: 'probe-user', check: 'created', passed: false, detail: 'as postgres: password authentication failed' }],
      problems: [],
    });
    await expect(createProbeUser(d, 'staging', {}, 'PEM')).resolves.toBe(false);
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });

  it('the wrong account: refused before the secret is read', async () => {
    const { d, requests } = deps();
    await expect(createProbeUser(d, 'staging', {}, 'PEM', '999999999999')).rejects.toThrow(/belong to account 111122223333/);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    expect(requests).toEqual([]);
  });

  it('no database secret published (the data tier not deployed): names the deploy', async () => {
    contract({ 'db-secret-arn': 'not-emulated-locally' });
    const { d, requests } = deps();
    await expect(createProbeUser(d, 'staging', {}, 'PEM')).rejects.toThrow(
      /has no database master secret .* deploy the data tier \(npx nx run data:deploy -c staging\)/,
    );
    expect(requests).toEqual([]);
  });

  it('the function not deployed: refused before the secret is read', async () => {
    lambda.on(GetFunctionConfigurationCommand).rejects(Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' }));
    const { d } = deps();
    await expect(createProbeUser(d, 'staging', {}, 'PEM')).rejects.toThrow(/is not deployed .* deploy the ops tier/);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('a secret that is not the master secret: says so without quoting it', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: `not json ${PASSWORD}` });
    const { d } = deps();
    const error = (await createProbeUser(d, 'staging', {}, 'PEM').catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/holds no JSON with "username" and "password"/);
    expect(error.message).not.toContain(PASSWORD);
  });
});

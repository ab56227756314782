import { DescribeRouteTablesCommand, DescribeVpcEndpointsCommand, EC2Client, type VpcEndpoint } from '@aws-sdk/client-ec2';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { readTargets } from '../inputs';
import { checkIdentity, checkNetwork, interfaceServices } from '../preflight';
import type { VerifyTargets } from '../inputs';

const sts = mockClient(STSClient);
const ec2 = mockClient(EC2Client);
const ssm = mockClient(SSMClient);
beforeEach(() => {
  sts.reset();
  ec2.reset();
  ssm.reset();
});

const targets = { vpcId: 'vpc-1', privateSubnetIds: ['subnet-a'] } as unknown as VerifyTargets;
const endpoint = (service: string, extra: Partial<VpcEndpoint> = {}): VpcEndpoint => ({
  VpcEndpointType: 'Interface',
  ServiceName: `com.amazonaws.eu-west-1.${service}`,
  PrivateDnsEnabled: true,
  State: 'available' as never,
  ...extra,
});
const s3Gateway: VpcEndpoint = { VpcEndpointId: 'vpce-s3', VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.eu-west-1.s3', RouteTableIds: ['rtb-a'] };

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
    await expect(checkIdentity(new STSClient({}), {}, '111122223333')).resolves.toEqual({ account: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/dev/me' });
  });
});

describe('network preflight', () => {
  it('counts only available interface endpoints with private DNS', () => {
    const services = interfaceServices(
      [endpoint('ssm'), endpoint('logs', { PrivateDnsEnabled: false }), endpoint('ec2messages', { State: 'deleting' as never }), s3Gateway, endpoint('sts', { ServiceName: 'com.amazonaws.us-east-1.sts' })],
      'eu-west-1',
    );
    expect([...services]).toEqual(['ssm']);
  });

  it('passes with the Session Manager endpoints, logs, and secretsmanager for the database probe', async () => {
    ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [...['ssm', 'ssmmessages', 'ec2messages', 'logs', 'secretsmanager'].map((s) => endpoint(s)), s3Gateway] });
    ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [{ RouteTableId: 'rtb-a' }] });
    await expect(checkNetwork(new EC2Client({}), 'dev', 'eu-west-1', targets, ['postgres'])).resolves.toEqual(['ec2messages', 'logs', 'secretsmanager', 'ssm', 'ssmmessages']);
    expect(ec2.commandCalls(DescribeVpcEndpointsCommand)[0].args[0].input.Filters).toEqual([{ Name: 'vpc-id', Values: ['vpc-1'] }]);
  });

  it('reads every page of endpoints', async () => {
    ec2
      .on(DescribeVpcEndpointsCommand)
      .resolvesOnce({ VpcEndpoints: [endpoint('ssm'), endpoint('ssmmessages')], NextToken: 't' })
      .resolves({ VpcEndpoints: [endpoint('ec2messages'), endpoint('logs'), s3Gateway] });
    ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [{ RouteTableId: 'rtb-a' }] });
    await expect(checkNetwork(new EC2Client({}), 'dev', 'eu-west-1', targets, ['s3'])).resolves.toHaveLength(4);
  });

  it('names the missing endpoints, what each is for, the file to change and the deploy to run', async () => {
    ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [endpoint('ssm'), endpoint('logs'), endpoint('monitoring'), s3Gateway] });
    const check = checkNetwork(new EC2Client({}), 'staging', 'eu-west-1', targets, ['postgres']);
    await expect(check).rejects.toThrow(/lacks interface endpoint\(s\) the probe instance needs: ssmmessages, ec2messages, secretsmanager\./);
    await expect(check).rejects.toThrow(/interfaceEndpoints of "staging" in apps\/network\/src\/config\/environments\.ts \(for example: interfaceEndpoints: \['ssm', 'logs', 'monitoring', 'ssmmessages', 'ec2messages', 'secretsmanager'\]/);
    await expect(check).rejects.toThrow(/npx nx run network:deploy -c staging/);
  });

  it('an S3 gateway endpoint missing from the private subnet\'s route table', async () => {
    ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [...['ssm', 'ssmmessages', 'ec2messages', 'logs'].map((s) => endpoint(s)), s3Gateway] });
    ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [{ RouteTableId: 'rtb-other' }] });
    await expect(checkNetwork(new EC2Client({}), 'dev', 'eu-west-1', targets, ['s3'])).rejects.toThrow(/vpce-s3 is not attached to the route table of the private subnet subnet-a \(rtb-other\)/);
  });
});

describe('inputs', () => {
  it('reads every target from the SSM contract', async () => {
    ssm.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
      Parameters: input.Names.map((name) => ({ Name: name, Value: name.endsWith('port') ? '5432' : name.endsWith('subnet-ids') ? 'subnet-a,subnet-b' : `value-of-${name.split('/').pop()}` })),
    }));
    const read = await readTargets(new SSMClient({}), 'prod');
    expect(read).toMatchObject({ vpcId: 'value-of-vpc-id', privateSubnetIds: ['subnet-a', 'subnet-b'], dbPort: 5432, instanceProfileName: 'value-of-verify-instance-profile-name' });
    expect(ssm.commandCalls(GetParametersCommand).flatMap((c) => c.args[0].input.Names ?? [])).toContain('/showcore/prod/ops/verify-instance-profile-name');
  });

  it('missing parameters name the tier that publishes them', async () => {
    ssm.on(GetParametersCommand).resolves({ Parameters: [] });
    const read = readTargets(new SSMClient({}), 'prod');
    await expect(read).rejects.toThrow(/\/showcore\/prod\/data\/db-endpoint-address \(published by the data tier\)/);
    await expect(read).rejects.toThrow(/Deploy the network tier \(npx nx run network:deploy -c prod\), the data tier/);
  });
});

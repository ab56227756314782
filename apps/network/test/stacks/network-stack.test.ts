import { Match } from 'aws-cdk-lib/assertions';
import { ENVIRONMENTS, parameterPath, parametersProducedBy, PARAMETERS } from '@showcore/naming';
import {
  expectNoNagFindings,
  ingressRulesOf,
  nagReasons,
  onlyResource,
  referencedId,
  resourceByConstructId,
  resourcesOfType,
  synthesize,
} from '@showcore/testing';
import { buildNetworkApp } from '../../src/app';
import { costOptimized } from '../../src/config';
import { interfaceEndpoints, isDefaultRoute, routesOf, routeTablesOf, securityGroupsOf, subnetIdsByCidr } from '../support/template-queries';

const build = (env: (typeof ENVIRONMENTS)[number], context: Record<string, unknown> = {}) => synthesize(env, (app) => void buildNetworkApp(app), { context });

const PUBLIC = [
  ['10.0.0.0/24', 'us-east-1a'],
  ['10.0.1.0/24', 'us-east-1b'],
] as const;
const PRIVATE = [
  ['10.0.2.0/24', 'us-east-1a'],
  ['10.0.3.0/24', 'us-east-1b'],
] as const;
const SPEC_ENDPOINTS = [
  ['CloudWatchLogsEndpoint', 'logs'],
  ['CloudWatchMonitoringEndpoint', 'monitoring'],
  ['SystemsManagerEndpoint', 'ssm'],
] as const;

describe('network stack, dev (the cost-optimized profile)', () => {
  const result = build('dev');
  const template = result.template('Network');
  const publicSubnets = subnetIdsByCidr(
    template,
    PUBLIC.map(([cidr]) => cidr),
  );
  const privateSubnets = subnetIdsByCidr(
    template,
    PRIVATE.map(([cidr]) => cidr),
  );
  const publicTables = routeTablesOf(template, publicSubnets);
  const privateTables = routeTablesOf(template, privateSubnets);
  const endpointGroup = resourceByConstructId(template, 'AWS::EC2::SecurityGroup', 'VpcEndpointSecurityGroup').logicalId;
  const appGroup = resourceByConstructId(template, 'AWS::EC2::SecurityGroup', 'ApplicationSecurityGroup').logicalId;
  const vpcId = onlyResource(template, 'AWS::EC2::VPC').logicalId;

  it('creates the VPC 10.0.0.0/16 with the DNS settings private DNS of the endpoints needs', () => {
    expect(vpcId).toMatch(/^VPC[0-9A-F]{8}$/);
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16', EnableDnsSupport: true, EnableDnsHostnames: true });
  });

  it('creates exactly the four subnets of tasks.md 3.1', () => {
    template.resourceCountIs('AWS::EC2::Subnet', 4);
  });

  it.each([...PUBLIC.map((s) => ['public', ...s]), ...PRIVATE.map((s) => ['private', ...s])])(
    '%s subnet %s is in %s and assigns no public IPs',
    (_kind, cidr, az) => {
      template.hasResourceProperties('AWS::EC2::Subnet', { CidrBlock: cidr, AvailabilityZone: az, MapPublicIpOnLaunch: false });
    },
  );

  it('has an internet gateway attached to the VPC and no NAT gateway (nor its Elastic IP)', () => {
    const igw = onlyResource(template, 'AWS::EC2::InternetGateway').logicalId;
    template.hasResourceProperties('AWS::EC2::VPCGatewayAttachment', { VpcId: { Ref: vpcId }, InternetGatewayId: { Ref: igw } });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::EIP', 0);
  });

  it('routes 0.0.0.0/0 of each public route table, and nothing else, to the internet gateway', () => {
    const igw = onlyResource(template, 'AWS::EC2::InternetGateway').logicalId;
    expect(new Set(publicTables).size).toBe(2);
    for (const table of publicTables) {
      expect(routesOf(template, table).map((r) => [r.properties.DestinationCidrBlock, referencedId(r.properties.GatewayId)])).toEqual([['0.0.0.0/0', igw]]);
    }
  });

  it('gives the private route tables no route at all: no default route, no NAT, only gateway endpoint prefix lists', () => {
    expect(new Set(privateTables).size).toBe(2);
    for (const table of privateTables) expect(routesOf(template, table)).toEqual([]);
    expect(resourcesOfType([template], 'AWS::EC2::Route').filter(isDefaultRoute)).toHaveLength(2);
  });

  it.each([
    ['S3GatewayEndpoint', 's3'],
    ['DynamoDBGatewayEndpoint', 'dynamodb'],
  ])('%s is a gateway endpoint for %s on exactly the private route tables', (id, service) => {
    const endpoint = resourceByConstructId(template, 'AWS::EC2::VPCEndpoint', id);
    expect(endpoint.properties).toMatchObject({
      VpcEndpointType: 'Gateway',
      VpcId: { Ref: vpcId },
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${service}`]] },
    });
    expect(endpoint.properties.RouteTableIds.map(referencedId).sort()).toEqual([...privateTables].sort());
  });

  it('creates exactly the spec’s three interface endpoints', () => {
    expect(interfaceEndpoints(template)).toHaveLength(3);
  });

  it.each(SPEC_ENDPOINTS)(
    '%s reaches %s with private DNS, in the first private subnet only (one endpoint AZ), behind VpcEndpointSecurityGroup',
    (id, service) => {
      const endpoint = resourceByConstructId(template, 'AWS::EC2::VPCEndpoint', id);
      expect(endpoint.properties).toMatchObject({ VpcEndpointType: 'Interface', ServiceName: `com.amazonaws.us-east-1.${service}`, PrivateDnsEnabled: true });
      expect(endpoint.properties.SubnetIds.map(referencedId)).toEqual([privateSubnets[0]]);
      expect(securityGroupsOf(endpoint)).toEqual([endpointGroup]);
    },
  );

  it('lets VpcEndpointSecurityGroup admit only HTTPS 443 from the VPC CIDR, described, and send nothing', () => {
    expect(ingressRulesOf(template, endpointGroup)).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16', Description: 'HTTPS from inside the VPC to the AWS service endpoints' },
    ]);
    // CDK's placeholder for "no outbound rule": an ICMP type no host sends, to 255.255.255.255/32.
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('interface VPC endpoints'),
      SecurityGroupEgress: [{ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic', FromPort: 252, IpProtocol: 'icmp', ToPort: 86 }],
    });
    template.resourceCountIs('AWS::EC2::SecurityGroupEgress', 0);
  });

  it('creates the application security group with no ingress rule', () => {
    expect(ingressRulesOf(template, appGroup)).toEqual([]);
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });

  it('empties the default security group (CDK custom resource) in real environments', () => {
    template.hasResourceProperties('Custom::VpcRestrictDefaultSG', { DefaultSecurityGroupId: { 'Fn::GetAtt': [vpcId, 'DefaultSecurityGroup'] } });
    // cfn-lint W3005 accepted on CDK's generated provider only (its DependsOn duplicates a GetAtt).
    const handlers = resourcesOfType([template], 'AWS::Lambda::Function');
    expect(handlers.map((h) => h.resource.Metadata?.['cfn-lint'])).toEqual([{ config: { ignore_checks: ['W3005'] } }]);
  });

  it('has no flow log and acknowledges AwsSolutions-VPC7 with the cost reason', () => {
    template.resourceCountIs('AWS::EC2::FlowLog', 0);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    expect(Object.keys(nagReasons(result.stacks[0]))).toEqual(['AwsSolutions-VPC7']);
    expect(nagReasons(result.stacks[0])['AwsSolutions-VPC7']).toMatch(/flowLogs\.enabled = false.*tasks\.md.*per GB/);
  });

  it('publishes exactly the network parameters of the registry', () => {
    const names = resourcesOfType([template], 'AWS::SSM::Parameter')
      .map((p) => p.properties.Name)
      .sort();
    expect(names).toEqual(
      parametersProducedBy('network')
        .map((n) => parameterPath('dev', n))
        .sort(),
    );
  });

  const published: [string, unknown][] = [
    ['vpcId', { Ref: vpcId }],
    ['vpcCidr', { 'Fn::GetAtt': [vpcId, 'CidrBlock'] }],
    ['availabilityZones', 'us-east-1a,us-east-1b'],
    ['publicSubnetIds', { 'Fn::Join': [',', publicSubnets.map((id) => ({ Ref: id }))] }],
    ['privateSubnetIds', { 'Fn::Join': [',', privateSubnets.map((id) => ({ Ref: id }))] }],
    ['privateRouteTableIds', { 'Fn::Join': [',', privateTables.map((id) => ({ Ref: id }))] }],
    ['appSecurityGroupId', { 'Fn::GetAtt': [appGroup, 'GroupId'] }],
    ['endpointSecurityGroupId', { 'Fn::GetAtt': [endpointGroup, 'GroupId'] }],
  ];
  it.each(published)('publishes %s to SSM and as an output', (name, value) => {
    const path = parameterPath('dev', name as keyof typeof PARAMETERS);
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: path, Type: 'String', Value: value });
    const outputs = Object.values<any>(template.toJSON().Outputs).filter((o) => o.Description === PARAMETERS[name as keyof typeof PARAMETERS].description);
    expect(outputs.map((o) => o.Value)).toEqual([value]);
    expect(outputs[0].Export).toBeUndefined();
  });

  it('is named and tagged by the shared libs', () => {
    expect(result.stacks[0].stackName).toBe('showcore-network-dev-stack');
    expect(result.stacks[0].terminationProtection).toBe(false);
    template.hasResourceProperties('AWS::EC2::VPC', {
      Tags: [
        { Key: 'CostCenter', Value: 'Engineering' },
        { Key: 'Environment', Value: 'Development' },
        { Key: 'ManagedBy', Value: 'CDK' },
        { Key: 'Name', Value: 'showcore-network-dev-vpc' },
        { Key: 'Phase', Value: 'Phase1' },
        { Key: 'Project', Value: 'ShowCore' },
        { Key: 'Tier', Value: 'network' },
      ],
    });
    for (const [id, name] of [
      [endpointGroup, 'showcore-network-dev-endpoint-sg'],
      [appGroup, 'showcore-network-dev-app-sg'],
    ]) {
      expect(template.toJSON().Resources[id].Properties.Tags).toContainEqual({ Key: 'Name', Value: name });
    }
    for (const parameter of resourcesOfType([template], 'AWS::SSM::Parameter')) {
      expect(parameter.properties.Tags).toMatchObject({ Project: 'ShowCore', Environment: 'Development', Tier: 'network' });
    }
  });

  it('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });

  it('passes cdk-nag AwsSolutions', () => {
    expectNoNagFindings(result.app);
  });
});

describe('network stack, local (moto)', () => {
  const result = build('local');
  const template = result.template('Network');

  it('has no Lambda-backed resource the emulator cannot run', () => {
    const types = resourcesOfType([template]).map((r) => r.type);
    expect(types.filter((t) => t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource' || t === 'AWS::Lambda::Function')).toEqual([]);
  });

  it('leaves the SSM parameters untagged (moto fails on tagged ones) and still tags the VPC', () => {
    const parameters = resourcesOfType([template], 'AWS::SSM::Parameter');
    expect(parameters).toHaveLength(parametersProducedBy('network').length);
    for (const parameter of parameters) expect(parameter.properties.Tags).toBeUndefined();
    template.hasResourceProperties('AWS::EC2::VPC', { Tags: Match.arrayWith([{ Key: 'Environment', Value: 'Local' }]) });
  });

  it('builds the same network as the real environments', () => {
    template.resourceCountIs('AWS::EC2::Subnet', 4);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    expect(interfaceEndpoints(template)).toHaveLength(3);
  });

  it('passes cdk-nag AwsSolutions', () => {
    expectNoNagFindings(result.app);
  });
});

describe.each(['staging', 'prod'] as const)('network stack, %s', (env) => {
  const result = build(env);

  it('publishes under its own environment and protects prod from deletion', () => {
    result.template('Network').hasResourceProperties('AWS::SSM::Parameter', { Name: `/showcore/${env}/network/vpc-id` });
    expect(result.stacks[0].stackName).toBe(`showcore-network-${env}-stack`);
    expect(result.stacks[0].terminationProtection).toBe(env === 'prod');
  });

  it('passes cdk-nag AwsSolutions', () => {
    expectNoNagFindings(result.app);
  });
});

describe('network stack, prod with the hardened profile', () => {
  const result = build('prod', { profile: 'hardened' });
  const template = result.template('Network');
  const vpcId = onlyResource(template, 'AWS::EC2::VPC').logicalId;

  it('puts every interface endpoint in both private subnets', () => {
    const privateSubnets = subnetIdsByCidr(
      template,
      PRIVATE.map(([cidr]) => cidr),
    );
    expect(interfaceEndpoints(template)).toHaveLength(3);
    for (const endpoint of interfaceEndpoints(template)) expect(endpoint.properties.SubnetIds.map(referencedId)).toEqual(privateSubnets);
  });

  it('records all VPC traffic to a log group kept 30 days and retained with the stack', () => {
    const logGroup = onlyResource(template, 'AWS::Logs::LogGroup');
    expect(logGroup.properties).toEqual({ LogGroupName: 'showcore-network-prod-vpc-flow-logs', RetentionInDays: 30, Tags: expect.any(Array) });
    expect(logGroup.resource.DeletionPolicy).toBe('Retain');
    expect(onlyResource(template, 'AWS::EC2::FlowLog').properties).toMatchObject({
      ResourceId: { Ref: vpcId },
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: { Ref: logGroup.logicalId },
    });
  });

  it('acknowledges nothing: flow logs satisfy AwsSolutions-VPC7', () => {
    expect(nagReasons(result.stacks[0])).toEqual({});
    expectNoNagFindings(result.app);
  });

  it('still has no NAT gateway and termination protection on', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    expect(result.stacks[0].terminationProtection).toBe(true);
  });
});

it('the cost-optimized profile is what dev deploys', () => {
  expect(costOptimized.interfaceEndpointAzCount).toBe(1);
  expect(costOptimized.flowLogs.enabled).toBe(false);
});

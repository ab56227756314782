import fc from 'fast-check';
import type { Template } from 'aws-cdk-lib/assertions';
import { ingressRulesOf, referencedId, resourceByConstructId, resourcesOfType, synthesize } from '@showcore/testing';
import type { NetworkConfig } from '../../src/config';
import { NetworkStack } from '../../src/stacks/network-stack';
import { validNetworkConfig } from '../support/arbitraries';
import { interfaceEndpoints, isDefaultRoute, routesOf, routeTablesOf, securityGroupsOf, subnetIdsByCidr } from '../support/template-queries';

const templates = new Map<string, Template>();

/**
 * Builds the stack straight from a configuration (no cdk-nag, one synthesis) and returns its template, once per
 * configuration: every property of the file runs with the same seed, so each draws the same configurations, and no
 * test changes a template.
 */
function templateFor(config: NetworkConfig): Template {
  const key = JSON.stringify(config);
  let template = templates.get(key);
  if (!template) {
    template = synthesize('dev', (app) => void new NetworkStack(app, 'Network', { environment: 'dev', config })).template('Network');
    templates.set(key, template);
  }
  return template;
}

// Each run synthesizes a stack (~0.1–0.3 s): enough runs to cover 1–3 AZs, /16–/28 blocks and endpoint sets.
const RUNS = { numRuns: 25 };

describe('for every valid network configuration', () => {
  it('no private route table has a default route, and there is no NAT gateway', () => {
    fc.assert(
      fc.property(validNetworkConfig(), (config) => {
        const template = templateFor(config);
        const privateTables = routeTablesOf(
          template,
          subnetIdsByCidr(
            template,
            config.privateSubnets.map((s) => s.cidr),
          ),
        );
        expect(privateTables.flatMap((table) => routesOf(template, table)).filter(isDefaultRoute)).toEqual([]);
        template.resourceCountIs('AWS::EC2::NatGateway', 0);
      }),
      RUNS,
    );
  });

  it('the endpoint security group admits nothing but TCP 443 from the VPC CIDR, and every interface endpoint uses only it', () => {
    fc.assert(
      fc.property(validNetworkConfig(), (config) => {
        const template = templateFor(config);
        const group = resourceByConstructId(template, 'AWS::EC2::SecurityGroup', 'VpcEndpointSecurityGroup').logicalId;
        for (const rule of ingressRulesOf(template, group)) {
          expect(rule).toEqual({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: config.vpcCidr, Description: expect.any(String) });
        }
        expect(ingressRulesOf(template, group)).toHaveLength(1);
        for (const endpoint of interfaceEndpoints(template)) expect(securityGroupsOf(endpoint)).toEqual([group]);
      }),
      RUNS,
    );
  });

  it('subnets sit at the configured blocks and AZs, are published in AZ order, and interface endpoints occupy exactly the first N private subnets', () => {
    fc.assert(
      fc.property(validNetworkConfig(), (config) => {
        const template = templateFor(config);
        const subnets = resourcesOfType([template], 'AWS::EC2::Subnet').map((s) => [
          s.properties.CidrBlock,
          s.properties.AvailabilityZone,
          s.properties.MapPublicIpOnLaunch,
        ]);
        const expected = [...config.publicSubnets, ...config.privateSubnets].map((s) => [s.cidr, s.availabilityZone, false]);
        expect(subnets.sort()).toEqual(expected.sort());
        for (const [kind, key] of [
          ['publicSubnets', 'public-subnet-ids'],
          ['privateSubnets', 'private-subnet-ids'],
        ] as const) {
          const inAzOrder = config.availabilityZones.map((zone) => config[kind].find((s) => s.availabilityZone === zone)?.cidr as string);
          const refs = subnetIdsByCidr(template, inAzOrder).map((id) => ({ Ref: id }));
          template.hasResourceProperties('AWS::SSM::Parameter', {
            Name: `/showcore/dev/network/${key}`,
            Value: refs.length === 1 ? refs[0] : { 'Fn::Join': [',', refs] },
          });
        }
        template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/showcore/dev/network/availability-zones', Value: config.availabilityZones.join(',') });
        const privateIds = subnetIdsByCidr(
          template,
          config.privateSubnets.map((s) => s.cidr),
        );
        const endpointAzs = config.availabilityZones.slice(0, config.interfaceEndpointAzCount);
        const expectedSubnets = privateIds.filter((_id, i) => endpointAzs.includes(config.privateSubnets[i].availabilityZone)).sort();
        expect(interfaceEndpoints(template)).toHaveLength(config.interfaceEndpoints.length);
        for (const endpoint of interfaceEndpoints(template)) {
          expect(endpoint.properties.PrivateDnsEnabled).toBe(true);
          expect(endpoint.properties.SubnetIds.map(referencedId).sort()).toEqual(expectedSubnets);
        }
      }),
      RUNS,
    );
  });
});

import type { Template } from 'aws-cdk-lib/assertions';
import { referencedId, resourcesOfType, type FoundResource } from '@showcore/testing';

/** Subnet logical ids in the order of `cidrs`; fails when one is missing. */
export function subnetIdsByCidr(template: Template, cidrs: readonly string[]): string[] {
  const subnets = resourcesOfType([template], 'AWS::EC2::Subnet');
  return cidrs.map((cidr) => {
    const found = subnets.filter((s) => s.properties.CidrBlock === cidr);
    if (found.length !== 1) throw new Error(`Expected one subnet with CIDR ${cidr}, found ${found.length}.`);
    return found[0].logicalId;
  });
}

/** Route table logical ids associated with the given subnets, in subnet order. */
export function routeTablesOf(template: Template, subnetIds: readonly string[]): string[] {
  const associations = resourcesOfType([template], 'AWS::EC2::SubnetRouteTableAssociation');
  return subnetIds.map((subnet) => {
    const found = associations.filter((a) => referencedId(a.properties.SubnetId) === subnet);
    if (found.length !== 1) throw new Error(`Expected one route table association for ${subnet}, found ${found.length}.`);
    return referencedId(found[0].properties.RouteTableId) as string;
  });
}

/** Routes of one route table. */
export function routesOf(template: Template, routeTableId: string): FoundResource[] {
  return resourcesOfType([template], 'AWS::EC2::Route').filter((r) => referencedId(r.properties.RouteTableId) === routeTableId);
}

/** A route to everywhere (IPv4 or IPv6): what a private subnet must never have. */
export function isDefaultRoute(route: FoundResource): boolean {
  return route.properties.DestinationCidrBlock === '0.0.0.0/0' || route.properties.DestinationIpv6CidrBlock === '::/0';
}

/** The security group logical ids an interface endpoint uses. */
export function securityGroupsOf(endpoint: FoundResource): string[] {
  return (endpoint.properties.SecurityGroupIds ?? []).map(referencedId);
}

/** Interface endpoints of a template. */
export function interfaceEndpoints(template: Template): FoundResource[] {
  return resourcesOfType([template], 'AWS::EC2::VPCEndpoint').filter((e) => e.properties.VpcEndpointType === 'Interface');
}

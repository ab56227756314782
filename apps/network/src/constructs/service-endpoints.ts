import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { INTERFACE_ENDPOINT_SERVICES, type InterfaceEndpointServiceName } from '../config';

const PRIVATE_SUBNETS: ec2.SubnetSelection = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

/**
 * The free S3 and DynamoDB gateway endpoints (tasks.md 3.2), attached to every private route table: the private
 * subnets' only way to S3 (backups, packages) and DynamoDB, since they have no default route.
 */
export function addGatewayEndpoints(scope: Construct, vpc: ec2.IVpc): ec2.GatewayVpcEndpoint[] {
  return [
    new ec2.GatewayVpcEndpoint(scope, 'S3GatewayEndpoint', { vpc, service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [PRIVATE_SUBNETS] }),
    new ec2.GatewayVpcEndpoint(scope, 'DynamoDBGatewayEndpoint', { vpc, service: ec2.GatewayVpcEndpointAwsService.DYNAMODB, subnets: [PRIVATE_SUBNETS] }),
  ];
}

export interface InterfaceEndpointsProps {
  readonly vpc: ec2.IVpc;
  readonly services: readonly InterfaceEndpointServiceName[];
  /** The AZs whose private subnet gets an ENI of every endpoint (each one is billed per AZ). */
  readonly availabilityZones: readonly string[];
  /** The group that admits HTTPS from the VPC; the endpoints add no rule of their own. */
  readonly securityGroup: ec2.ISecurityGroup;
}

/**
 * One interface endpoint per configured service (tasks.md 3.3), private DNS on so SDKs reach the regional
 * service name without configuration, each under the construct ID of {@link INTERFACE_ENDPOINT_SERVICES}.
 */
export function addInterfaceEndpoints(scope: Construct, props: InterfaceEndpointsProps): ec2.InterfaceVpcEndpoint[] {
  return props.services.map(
    (service) =>
      new ec2.InterfaceVpcEndpoint(scope, INTERFACE_ENDPOINT_SERVICES[service].constructId, {
        vpc: props.vpc,
        service: new ec2.InterfaceVpcEndpointAwsService(service),
        privateDnsEnabled: true,
        subnets: { ...PRIVATE_SUBNETS, availabilityZones: [...props.availabilityZones] },
        securityGroups: [props.securityGroup],
        // `open` would add an undescribed rule from the VPC's CIDR token; the group carries the described rule.
        open: false,
      }),
  );
}

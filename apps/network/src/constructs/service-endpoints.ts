import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import type { InterfaceEndpointServiceName } from '../config';

const PRIVATE_SUBNETS: ec2.SubnetSelection = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

/**
 * The free gateway endpoints (tasks.md 3.2) by construct ID: the private subnets' only way to S3 (backups,
 * packages) and DynamoDB, since they have no default route.
 */
export const GATEWAY_ENDPOINTS = {
  S3GatewayEndpoint: ec2.GatewayVpcEndpointAwsService.S3,
  DynamoDBGatewayEndpoint: ec2.GatewayVpcEndpointAwsService.DYNAMODB,
} as const;

export interface GatewayEndpointProps {
  readonly vpc: ec2.IVpc;
  readonly service: ec2.IGatewayVpcEndpointService;
}

/** A gateway endpoint attached to every private route table. */
export function addGatewayEndpoint(scope: Construct, id: string, props: GatewayEndpointProps): ec2.GatewayVpcEndpoint {
  return new ec2.GatewayVpcEndpoint(scope, id, { vpc: props.vpc, service: props.service, subnets: [PRIVATE_SUBNETS] });
}

export interface InterfaceEndpointProps {
  readonly vpc: ec2.IVpc;
  readonly service: InterfaceEndpointServiceName;
  /** The AZs whose private subnet gets an ENI of the endpoint (each one is billed per AZ). */
  readonly availabilityZones: readonly string[];
  /** The group that admits HTTPS from the VPC; the endpoint adds no rule of its own. */
  readonly securityGroup: ec2.ISecurityGroup;
}

/**
 * An interface endpoint of one configured service (tasks.md 3.3), private DNS on so SDKs reach the regional
 * service name without configuration. Its construct ID is the service's in INTERFACE_ENDPOINT_SERVICES.
 */
export function addInterfaceEndpoint(scope: Construct, id: string, props: InterfaceEndpointProps): ec2.InterfaceVpcEndpoint {
  return new ec2.InterfaceVpcEndpoint(scope, id, {
    vpc: props.vpc,
    service: new ec2.InterfaceVpcEndpointAwsService(props.service),
    privateDnsEnabled: true,
    subnets: { ...PRIVATE_SUBNETS, availabilityZones: [...props.availabilityZones] },
    securityGroups: [props.securityGroup],
    // `open` would add an undescribed rule from the VPC's CIDR token; the group carries the described rule.
    open: false,
  });
}

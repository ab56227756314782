import { CfnResource, Tags, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { TierStack, publish, removalPolicyOf, resourceName, type EnvironmentName } from '@showcore/naming';
import { INTERFACE_ENDPOINT_SERVICES, type NetworkConfig } from '../config';
import { ConfiguredSubnetCidrs } from '../constructs/configured-subnet-cidrs';
import { addGatewayEndpoint, addInterfaceEndpoint, GATEWAY_ENDPOINTS } from '../constructs/service-endpoints';

export interface NetworkStackProps {
  readonly environment: EnvironmentName;
  /** A validated configuration (loadConfig). */
  readonly config: NetworkConfig;
}

/** Subnet group names of the VPC; they prefix the subnet construct IDs (PublicSubnet1, PrivateSubnet1, ...). */
const PUBLIC = 'Public';
const PRIVATE = 'Private';

/**
 * The network tier (tasks.md 3.1–3.5, 4.1): a VPC without NAT gateway whose private subnets reach AWS services
 * only through VPC endpoints, the endpoints' and the application's security groups, optional flow logs, and the
 * SSM parameters the other tiers read.
 */
export class NetworkStack extends TierStack {
  readonly vpc: ec2.Vpc;
  readonly endpointSecurityGroup: ec2.SecurityGroup;
  readonly applicationSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    const { config, environment } = props;
    super(scope, id, {
      tier: 'network',
      environment,
      config,
      description: 'ShowCore network tier: VPC without NAT gateway, VPC endpoints, security groups (tasks.md 3.x).',
    });

    this.vpc = new ec2.Vpc(this, 'VPC', {
      vpcName: resourceName('network', environment, 'vpc'),
      ipAddresses: new ConfiguredSubnetCidrs(config.vpcCidr, { [PUBLIC]: config.publicSubnets, [PRIVATE]: config.privateSubnets }),
      availabilityZones: [...config.availabilityZones],
      // No NAT gateway (≈ $36.50/month with its IPv4 address): private subnets are isolated and use endpoints.
      natGateways: 0,
      // Private DNS of the interface endpoints needs both.
      enableDnsSupport: true,
      enableDnsHostnames: true,
      restrictDefaultSecurityGroup: config.restrictDefaultSecurityGroup,
      subnetConfiguration: [
        { name: PUBLIC, subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false },
        { name: PRIVATE, subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    this.acceptGeneratedDependsOn();

    // Group names are left to CloudFormation: a named group cannot be replaced (e.g. on a description change)
    // without a rename. The Name tag carries the project's naming rule instead.
    this.endpointSecurityGroup = new ec2.SecurityGroup(this, 'VpcEndpointSecurityGroup', {
      vpc: this.vpc,
      description: 'ShowCore interface VPC endpoints: HTTPS from inside the VPC only',
      // Endpoints answer connections; security groups are stateful, so they need no outbound rule.
      allowAllOutbound: false,
    });
    this.endpointSecurityGroup.addIngressRule(ec2.Peer.ipv4(config.vpcCidr), ec2.Port.tcp(443), 'HTTPS from inside the VPC to the AWS service endpoints');
    Tags.of(this.endpointSecurityGroup).add('Name', resourceName('network', environment, 'endpoint-sg'));

    this.applicationSecurityGroup = new ec2.SecurityGroup(this, 'ApplicationSecurityGroup', {
      vpc: this.vpc,
      description: 'ShowCore application tier: no ingress; the data tier admits members of this group',
      // Outbound is bounded by routing: the private subnets reach only the VPC and the endpoints. Narrower
      // rules would need the S3/DynamoDB prefix-list ids, which CloudFormation cannot look up.
      allowAllOutbound: true,
    });
    Tags.of(this.applicationSecurityGroup).add('Name', resourceName('network', environment, 'app-sg'));

    for (const [endpointId, service] of Object.entries(GATEWAY_ENDPOINTS)) {
      addGatewayEndpoint(this, endpointId, { vpc: this.vpc, service });
    }
    const endpointAzs = config.availabilityZones.slice(0, config.interfaceEndpointAzCount);
    for (const service of config.interfaceEndpoints) {
      addInterfaceEndpoint(this, INTERFACE_ENDPOINT_SERVICES[service].constructId, {
        vpc: this.vpc,
        service,
        availabilityZones: endpointAzs,
        securityGroup: this.endpointSecurityGroup,
      });
    }

    if (config.flowLogs.enabled) {
      // An explicit log group: the `logRetention` shortcut would add a Lambda-backed custom resource.
      const logGroup = new logs.LogGroup(this, 'FlowLogGroup', {
        logGroupName: resourceName('network', environment, 'vpc-flow-logs'),
        retention: config.flowLogs.logRetentionDays as logs.RetentionDays,
        removalPolicy: removalPolicyOf(config.removal),
      });
      this.vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup), trafficType: ec2.FlowLogTrafficType.ALL });
    } else {
      Validations.of(this.vpc).acknowledge({
        id: 'AwsSolutions-VPC7',
        reason:
          'VPC flow logs are off in this configuration (flowLogs.enabled = false): the cost-optimized profile of tasks.md has none, ' +
          'as CloudWatch Logs bills ingestion per GB. The hardened profile turns them on.',
      });
    }

    this.publish();
  }

  /**
   * CDK's provider Lambda for `restrictDefaultSecurityGroup` both reads its role's ARN and declares DependsOn the
   * role; cfn-lint flags the redundant DependsOn (W3005) in generated code we do not own. The warning is
   * accepted on that one resource, not workspace-wide, so it still catches our own templates.
   */
  private acceptGeneratedDependsOn(): void {
    const handler = this.node.tryFindChild('Custom::VpcRestrictDefaultSGCustomResourceProvider')?.node.tryFindChild('Handler');
    if (handler instanceof CfnResource) {
      handler.addMetadata('cfn-lint', { config: { ignore_checks: ['W3005'] } });
    }
  }

  private publish(): void {
    const privateSubnets = this.vpc.isolatedSubnets;
    publish(this, 'vpcId', this.vpc.vpcId);
    publish(this, 'vpcCidr', this.vpc.vpcCidrBlock);
    publish(this, 'availabilityZones', [...this.vpc.availabilityZones]);
    publish(
      this,
      'publicSubnetIds',
      this.vpc.publicSubnets.map((s) => s.subnetId),
    );
    publish(
      this,
      'privateSubnetIds',
      privateSubnets.map((s) => s.subnetId),
    );
    publish(
      this,
      'privateRouteTableIds',
      privateSubnets.map((s) => s.routeTable.routeTableId),
    );
    publish(this, 'appSecurityGroupId', this.applicationSecurityGroup.securityGroupId);
    publish(this, 'endpointSecurityGroupId', this.endpointSecurityGroup.securityGroupId);
  }
}

import type { ChangeAcknowledgement, RemovalChoice } from '@showcore/naming';
import type { InterfaceEndpointServiceName } from './endpoint-services';

/** One subnet: the availability zone it lives in and its IPv4 CIDR block (inside the VPC's). */
export interface SubnetPlacement {
  /** An AZ listed in {@link NetworkConfig.availabilityZones}, e.g. `us-east-1a`. */
  readonly availabilityZone: string;
  /** The subnet's IPv4 CIDR block, e.g. `10.0.2.0/24`. */
  readonly cidr: string;
}

/** VPC flow logs to CloudWatch Logs (design.md "Security Architecture"; off in tasks.md for cost). */
export interface FlowLogsConfig {
  /**
   * Record the VPC's traffic (accepted and rejected) in a CloudWatch Logs group. CloudWatch Logs bills
   * ingestion per GB, which is why the cost-optimized profile leaves it off (cdk-nag AwsSolutions-VPC7 is then
   * acknowledged with that reason).
   * @default false (cost-optimized), true (hardened)
   */
  readonly enabled: boolean;
  /**
   * Days CloudWatch Logs keeps the flow-log records: one of the values CloudWatch Logs accepts
   * (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653).
   * @default 7 (cost-optimized), 30 (hardened)
   */
  readonly logRetentionDays: number;
}

/** The network tier's settings for one environment (tasks.md 3.1–3.5, design.md "Network Architecture"). */
export interface NetworkConfig {
  /**
   * The region the stack deploys to; availability zones must belong to it.
   * @default 'us-east-1'
   */
  readonly region: string;
  /**
   * IPv4 CIDR block of the VPC (a /16 to /28, as EC2 allows).
   * @default '10.0.0.0/16'
   */
  readonly vpcCidr: string;
  /**
   * The availability zones the subnets span, in order (the published subnet lists follow it). At least one.
   * @default ['us-east-1a', 'us-east-1b']
   */
  readonly availabilityZones: readonly string[];
  /**
   * The public subnets (route 0.0.0.0/0 to the internet gateway; no auto-assigned public IPs): exactly one per
   * listed AZ, inside the VPC, not overlapping any other subnet.
   * @default 10.0.0.0/24 in us-east-1a, 10.0.1.0/24 in us-east-1b
   */
  readonly publicSubnets: readonly SubnetPlacement[];
  /**
   * The private subnets (no default route; AWS services through VPC endpoints only): exactly one per listed AZ,
   * inside the VPC, not overlapping any other subnet.
   * @default 10.0.2.0/24 in us-east-1a, 10.0.3.0/24 in us-east-1b
   */
  readonly privateSubnets: readonly SubnetPlacement[];
  /**
   * AWS services reached through interface endpoints (`com.amazonaws.<region>.<name>`), private DNS on.
   * Each costs $0.01 per hour **per AZ it occupies** (see `interfaceEndpointAzCount`). Session Manager to
   * instances also needs `ssmmessages` (and `ec2messages` for older SSM Agents): add them here.
   * @default ['logs', 'monitoring', 'ssm'] (the spec's three)
   */
  readonly interfaceEndpoints: readonly InterfaceEndpointServiceName[];
  /**
   * How many AZs (the first N of `availabilityZones`) hold an ENI of each interface endpoint. One AZ keeps
   * three endpoints at ≈ $21.90/month, below a NAT gateway; two AZs double that (≈ $43.80/month) but keep AWS
   * API access when one AZ fails. Between 1 and the number of AZs.
   * @default 1 (cost-optimized), 2 (hardened)
   */
  readonly interfaceEndpointAzCount: number;
  /** VPC flow logs. */
  readonly flowLogs: FlowLogsConfig;
  /**
   * Remove every rule from the VPC's default security group. CDK does this with a Lambda-backed custom
   * resource (CloudFormation cannot edit the default group), which the local emulator cannot run.
   * @default true (false in `local`)
   */
  readonly restrictDefaultSecurityGroup: boolean;
  /**
   * Tag the published SSM parameters with the standard tags. The local emulator fails on tagged
   * `AWS::SSM::Parameter` while the CDK CLI still reports success.
   * @default true (false in `local`)
   */
  readonly tagSsmParameters: boolean;
  /**
   * CloudFormation stack termination protection.
   * @default false (true in `prod`)
   */
  readonly terminationProtection: boolean;
  /**
   * Replacements and removals of stateful or fixed-name resources that the change plan refuses, acknowledged for
   * this environment with a reason (docs/deploying.md, "What the plan refuses").
   * @default - none
   */
  readonly acknowledgedChanges?: readonly ChangeAcknowledgement[];
  /**
   * What happens to the flow-log group when the stack is deleted.
   * @default 'retain' ('destroy' in `local`)
   */
  readonly removal: RemovalChoice;
}

/** Fields a profile or an environment changes; `flowLogs` merges field by field. */
export type NetworkConfigOverrides = Partial<Omit<NetworkConfig, 'flowLogs'>> & { readonly flowLogs?: Partial<FlowLogsConfig> };

import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { SubnetPlacement } from '../config';

/**
 * An `ec2.Vpc` address plan that places every subnet at the CIDR block the configuration gives for its subnet
 * group and AZ, instead of carving blocks in order: the spec fixes each subnet's block (tasks.md 3.1), and a
 * configuration may choose other free blocks without depending on the L2 construct's allocation order.
 */
export class ConfiguredSubnetCidrs implements ec2.IIpAddresses {
  /**
   * @param vpcCidr the VPC's IPv4 block
   * @param subnetGroups for each subnet group name of the VPC's `subnetConfiguration`, its subnets
   */
  constructor(
    private readonly vpcCidr: string,
    private readonly subnetGroups: Readonly<Record<string, readonly SubnetPlacement[]>>,
  ) {}

  allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: this.vpcCidr };
  }

  allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    return {
      allocatedSubnets: input.requestedSubnets.map((requested) => {
        const group = requested.configuration.name;
        const placement = this.subnetGroups[group]?.find((p) => p.availabilityZone === requested.availabilityZone);
        if (!placement) {
          // The configuration validator guarantees one subnet per group and AZ; reaching this is a programming error.
          throw new Error(`No CIDR block configured for the ${group} subnet in ${requested.availabilityZone} (subnet ${requested.subnetConstructId}).`);
        }
        return { cidr: placement.cidr };
      }),
    };
  }
}

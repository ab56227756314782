import fc from 'fast-check';
import { privateVpcCidr } from '@showcore/testing';
import { LOG_RETENTION_DAYS } from '@showcore/naming';
import { costOptimized, INTERFACE_ENDPOINT_SERVICE_NAMES, type NetworkConfig, type SubnetPlacement } from '../../src/config';
import { formatIpv4, isIpv4Block, parseIpv4Cidr } from '../../src/config/cidr';

const REGION_AZS = ['a', 'b', 'c', 'd', 'e', 'f'].map((letter) => `us-east-1${letter}`);

/**
 * A valid network layout: a /16–/20 VPC in 10.0.0.0/8, one to three AZs of us-east-1 in any order, and one public
 * and one private subnet per AZ at distinct, aligned blocks of one size anywhere inside the VPC.
 */
const layout = (): fc.Arbitrary<Pick<NetworkConfig, 'vpcCidr' | 'availabilityZones' | 'publicSubnets' | 'privateSubnets'>> =>
  fc.record({ vpcCidr: privateVpcCidr(), zones: fc.shuffledSubarray(REGION_AZS, { minLength: 1, maxLength: 3 }) }).chain(({ vpcCidr, zones }) => {
    const vpc = parseIpv4Cidr(vpcCidr);
    if (!isIpv4Block(vpc)) throw new Error(`privateVpcCidr() gave ${vpcCidr}`);
    const needed = 2 * zones.length;
    const smallestPrefix = vpc.prefix + Math.ceil(Math.log2(needed));
    return fc.integer({ min: smallestPrefix, max: 28 }).chain((prefix) => {
      const slots = 2 ** (prefix - vpc.prefix);
      return fc.uniqueArray(fc.integer({ min: 0, max: slots - 1 }), { minLength: needed, maxLength: needed }).map((picked) => {
        const block = (slot: number) => `${formatIpv4(vpc.first + slot * 2 ** (32 - prefix))}/${prefix}`;
        const place = (offset: number): SubnetPlacement[] => zones.map((zone, i) => ({ availabilityZone: zone, cidr: block(picked[offset + i]) }));
        return { vpcCidr, availabilityZones: zones, publicSubnets: place(0), privateSubnets: place(zones.length) };
      });
    });
  });

/** Any valid network configuration (the properties of the tier must hold for each). */
export const validNetworkConfig = (): fc.Arbitrary<NetworkConfig> =>
  layout().chain((net) =>
    fc
      .record({
        interfaceEndpoints: fc.shuffledSubarray(INTERFACE_ENDPOINT_SERVICE_NAMES, { minLength: 0, maxLength: 5 }),
        interfaceEndpointAzCount: fc.integer({ min: 1, max: net.availabilityZones.length }),
        flowLogs: fc.record({ enabled: fc.boolean(), logRetentionDays: fc.constantFrom(...LOG_RETENTION_DAYS) }),
        restrictDefaultSecurityGroup: fc.boolean(),
        tagSsmParameters: fc.boolean(),
        removal: fc.constantFrom('retain' as const, 'destroy' as const),
      })
      .map((rest): NetworkConfig => ({ ...costOptimized, ...net, ...rest })),
  );

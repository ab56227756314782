import {
  checkLogRetentionDays,
  checkRegion,
  checkRemovalChoice,
  checkTerminationProtection,
  ConfigProblems,
  REGION_PATTERN,
  REMOVAL_CHOICES,
  type EnvironmentName,
} from '@showcore/naming';
import { formatIpv4, contains, isIpv4Block, overlaps, parseIpv4Cidr, type Ipv4Block } from './cidr';
import { INTERFACE_ENDPOINT_SERVICE_NAMES, isInterfaceEndpointServiceName } from './endpoint-services';
import type { NetworkConfig, SubnetPlacement } from './types';

/** EC2 accepts IPv4 blocks from /16 to /28 for VPCs and subnets. */
const MIN_PREFIX = 16;
const MAX_PREFIX = 28;

const SUBNET_KINDS = ['publicSubnets', 'privateSubnets'] as const;

interface ParsedSubnet {
  readonly field: string;
  readonly block: Ipv4Block;
}

/**
 * Checks a network configuration and throws one `ConfigError` listing every problem (field, value, what is
 * wrong, the fix), so one run shows everything to correct.
 *
 * @param environment rules that depend on it: nothing is destroyed with its stack outside local, prod keeps
 *   termination protection
 * @param source named in the error: the environment and profile the configuration came from
 */
export function validateNetworkConfig(config: NetworkConfig, environment: EnvironmentName, source: string): NetworkConfig {
  const problems = new ConfigProblems(source);
  checkRegion(problems, 'region', config.region);
  const vpc = validateVpcCidr(config, problems);
  validateAvailabilityZones(config, problems);
  const parsed = SUBNET_KINDS.flatMap((kind) => validateSubnets(config, kind, vpc, problems));
  for (let i = 0; i < parsed.length; i++) {
    for (let j = 0; j < i; j++) {
      if (overlaps(parsed[i].block, parsed[j].block)) {
        const other = `${formatIpv4(parsed[j].block.first)}/${parsed[j].block.prefix}`;
        problems.add(
          parsed[i].field,
          `${formatIpv4(parsed[i].block.first)}/${parsed[i].block.prefix}`,
          `overlaps ${parsed[j].field} (${other})`,
          'give every subnet its own block inside the VPC',
        );
      }
    }
  }
  validateEndpoints(config, problems);
  validateFlowLogs(config, problems);
  checkRemovalChoice(problems, 'removal', config.removal, REMOVAL_CHOICES, environment);
  checkTerminationProtection(problems, config.terminationProtection, environment);
  for (const flag of ['restrictDefaultSecurityGroup', 'tagSsmParameters'] as const) {
    problems.check(typeof config[flag] === 'boolean', flag, config[flag], 'is not a boolean', 'use true or false');
  }
  problems.throwIfAny();
  return config;
}

function validateVpcCidr(config: NetworkConfig, problems: ConfigProblems): Ipv4Block | undefined {
  const vpc = parseIpv4Cidr(config.vpcCidr);
  if (!isIpv4Block(vpc)) {
    problems.add('vpcCidr', config.vpcCidr, vpc.error, 'use a block such as "10.0.0.0/16"');
    return undefined;
  }
  if (vpc.prefix < MIN_PREFIX || vpc.prefix > MAX_PREFIX) {
    problems.add(
      'vpcCidr',
      config.vpcCidr,
      `is a /${vpc.prefix}; EC2 accepts VPC blocks from /${MIN_PREFIX} to /${MAX_PREFIX}`,
      'use a block such as "10.0.0.0/16"',
    );
    return undefined;
  }
  return vpc;
}

function validateAvailabilityZones(config: NetworkConfig, problems: ConfigProblems): void {
  const zones = config.availabilityZones;
  const region = REGION_PATTERN.test(config.region) ? config.region : 'us-east-1';
  problems.check(
    zones.length > 0,
    'availabilityZones',
    zones,
    'lists no availability zone; the subnets need at least one',
    `list one or more AZs of ${region}, e.g. ["${region}a", "${region}b"]`,
  );
  zones.forEach((zone, index) => {
    const field = `availabilityZones[${index}]`;
    if (!(typeof zone === 'string' && zone.length === config.region.length + 1 && zone.startsWith(config.region) && /[a-z]$/.test(zone))) {
      problems.add(field, zone, `is not an availability zone of region "${config.region}"`, `use a name such as "${config.region}a"`);
    } else if (zones.indexOf(zone) !== index) {
      problems.add(field, zone, 'is listed twice', 'list each availability zone once');
    }
  });
}

function validateSubnets(config: NetworkConfig, kind: (typeof SUBNET_KINDS)[number], vpc: Ipv4Block | undefined, problems: ConfigProblems): ParsedSubnet[] {
  const noun = kind === 'publicSubnets' ? 'public subnet' : 'private subnet';
  const subnets: readonly SubnetPlacement[] = config[kind];
  const parsed: ParsedSubnet[] = [];
  subnets.forEach((subnet, index) => {
    const azField = `${kind}[${index}].availabilityZone`;
    if (!config.availabilityZones.includes(subnet.availabilityZone)) {
      problems.add(
        azField,
        subnet.availabilityZone,
        `is not in availabilityZones (${config.availabilityZones.join(', ') || 'none'})`,
        `add it to availabilityZones, or place the subnet in a listed AZ`,
      );
    } else if (subnets.findIndex((s) => s.availabilityZone === subnet.availabilityZone) !== index) {
      problems.add(azField, subnet.availabilityZone, `already has a ${noun}; each AZ has exactly one`, `move this subnet to another listed AZ, or remove it`);
    }
    const cidrField = `${kind}[${index}].cidr`;
    const block = parseIpv4Cidr(subnet.cidr);
    if (!isIpv4Block(block)) {
      problems.add(cidrField, subnet.cidr, block.error, `use a block inside ${config.vpcCidr} that no other subnet uses`);
    } else if (block.prefix < MIN_PREFIX || block.prefix > MAX_PREFIX) {
      problems.add(
        cidrField,
        subnet.cidr,
        `is a /${block.prefix}; EC2 accepts subnet blocks from /${MIN_PREFIX} to /${MAX_PREFIX}`,
        'use a /24 such as "10.0.2.0/24"',
      );
    } else if (vpc && !contains(vpc, block)) {
      problems.add(cidrField, subnet.cidr, `is not inside the VPC block ${config.vpcCidr}`, `choose a block inside ${config.vpcCidr}`);
    } else {
      parsed.push({ field: cidrField, block });
    }
  });
  for (const zone of config.availabilityZones) {
    if (!subnets.some((s) => s.availabilityZone === zone)) {
      problems.add(
        kind,
        subnets.map((s) => s.availabilityZone),
        `has no ${noun} in ${zone}; every listed AZ needs exactly one`,
        `add { availabilityZone: "${zone}", cidr: "<a free block inside ${config.vpcCidr}>" }, or remove ${zone} from availabilityZones`,
      );
    }
  }
  return parsed;
}

function validateEndpoints(config: NetworkConfig, problems: ConfigProblems): void {
  const services: readonly string[] = config.interfaceEndpoints;
  services.forEach((service, index) => {
    const field = `interfaceEndpoints[${index}]`;
    if (!isInterfaceEndpointServiceName(service)) {
      const gateway = service === 's3' || service === 'dynamodb' ? ' (S3 and DynamoDB are already reached through the free gateway endpoints)' : '';
      problems.add(
        field,
        service,
        `is not an interface endpoint service this tier knows${gateway}`,
        `use one of: ${INTERFACE_ENDPOINT_SERVICE_NAMES.join(', ')}`,
      );
    } else if (services.indexOf(service) !== index) {
      problems.add(field, service, 'is listed twice', 'list each service once');
    }
  });
  const count = config.interfaceEndpointAzCount;
  const zones = config.availabilityZones.length;
  if (!(Number.isInteger(count) && count >= 1)) {
    problems.add('interfaceEndpointAzCount', count, 'is not a whole number of at least 1', 'use 1 (cheapest) or the number of AZs (survives an AZ failure)');
  } else if (zones > 0 && count > zones) {
    problems.add(
      'interfaceEndpointAzCount',
      count,
      `is more than the ${zones} availability zone${zones === 1 ? '' : 's'} listed`,
      `use a number from 1 to ${zones}`,
    );
  }
}

function validateFlowLogs(config: NetworkConfig, problems: ConfigProblems): void {
  problems.check(typeof config.flowLogs.enabled === 'boolean', 'flowLogs.enabled', config.flowLogs.enabled, 'is not a boolean', 'use true or false');
  checkLogRetentionDays(problems, 'flowLogs.logRetentionDays', config.flowLogs.logRetentionDays);
}

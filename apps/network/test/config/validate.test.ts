import fc from 'fast-check';
import { ConfigError, type EnvironmentName } from '@showcore/naming';
import { costOptimized, INTERFACE_ENDPOINT_SERVICE_NAMES, validateNetworkConfig, type NetworkConfig } from '../../src/config';
import { contains, overlaps, parseIpv4Cidr } from '../../src/config/cidr';
import { validNetworkConfig } from '../support/arbitraries';

const SOURCE = 'apps/network/src/config (environment "dev")';
const VALID_SERVICES = INTERFACE_ENDPOINT_SERVICE_NAMES.join(', ');

/** The problems (without the header) the validator reports for `config`, or [] when it accepts it. */
function problemsOf(config: NetworkConfig, environment: EnvironmentName = config.removal === 'destroy' ? 'local' : 'dev'): readonly string[] {
  // By default "destroy" is checked as local, where it is valid (the generated configurations use both).
  try {
    validateNetworkConfig(config, environment, SOURCE);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}

const withSubnets = (publicSubnets: [string, string][], privateSubnets: [string, string][]): Partial<NetworkConfig> => ({
  publicSubnets: publicSubnets.map(([availabilityZone, cidr]) => ({ availabilityZone, cidr })),
  privateSubnets: privateSubnets.map(([availabilityZone, cidr]) => ({ availabilityZone, cidr })),
});

describe('validateNetworkConfig', () => {
  it('outside local nothing is destroyed with the stack, and prod keeps termination protection', () => {
    const problems = problemsOf;
    expect(problems({ ...costOptimized, removal: 'destroy' }, 'dev')).toEqual([
      expect.stringMatching(/^removal = "destroy": would delete the resource and its data/),
    ]);
    expect(problems({ ...costOptimized, removal: 'destroy' }, 'local')).toEqual([]);
    expect(problems({ ...costOptimized, terminationProtection: false }, 'prod')).toEqual([
      expect.stringMatching(/^terminationProtection = false: is off in prod/),
    ]);
    expect(problems({ ...costOptimized, terminationProtection: true }, 'prod')).toEqual([]);
  });

  it('accepts the cost-optimized profile and returns it unchanged', () => {
    expect(validateNetworkConfig(costOptimized, 'dev', SOURCE)).toBe(costOptimized);
  });

  it('reports overlapping and out-of-range CIDRs, subnets in unlisted AZs, zero AZs and unknown services in ONE error', () => {
    const config: NetworkConfig = {
      ...costOptimized,
      availabilityZones: [],
      ...withSubnets(
        [
          ['us-east-1a', '10.0.0.0/24'],
          ['us-east-1b', '10.1.1.0/24'],
        ],
        [
          ['us-east-1a', '10.0.0.128/25'],
          ['us-east-1c', '10.0.3.0/24'],
        ],
      ),
      interfaceEndpoints: ['logs', 'cloudwatch', 's3'] as never,
    };
    expect(() => validateNetworkConfig(config, 'dev', SOURCE)).toThrow(
      new ConfigError(SOURCE, [
        'availabilityZones = []: lists no availability zone; the subnets need at least one. Fix: list one or more AZs of us-east-1, e.g. ["us-east-1a", "us-east-1b"]',
        'publicSubnets[0].availabilityZone = "us-east-1a": is not in availabilityZones (none). Fix: add it to availabilityZones, or place the subnet in a listed AZ',
        'publicSubnets[1].availabilityZone = "us-east-1b": is not in availabilityZones (none). Fix: add it to availabilityZones, or place the subnet in a listed AZ',
        'publicSubnets[1].cidr = "10.1.1.0/24": is not inside the VPC block 10.0.0.0/16. Fix: choose a block inside 10.0.0.0/16',
        'privateSubnets[0].availabilityZone = "us-east-1a": is not in availabilityZones (none). Fix: add it to availabilityZones, or place the subnet in a listed AZ',
        'privateSubnets[1].availabilityZone = "us-east-1c": is not in availabilityZones (none). Fix: add it to availabilityZones, or place the subnet in a listed AZ',
        'privateSubnets[0].cidr = "10.0.0.128/25": overlaps publicSubnets[0].cidr (10.0.0.0/24). Fix: give every subnet its own block inside the VPC',
        `interfaceEndpoints[1] = "cloudwatch": is not an interface endpoint service this tier knows. Fix: use one of: ${VALID_SERVICES}`,
        `interfaceEndpoints[2] = "s3": is not an interface endpoint service this tier knows (S3 and DynamoDB are already reached through the free gateway endpoints). Fix: use one of: ${VALID_SERVICES}`,
      ]),
    );
  });

  it('prints every problem under one header naming the source and the count', () => {
    const config = { ...costOptimized, vpcCidr: '10.0.1.0/16', interfaceEndpointAzCount: 3, flowLogs: { enabled: true, logRetentionDays: 10 } };
    expect(() => validateNetworkConfig(config, 'dev', SOURCE)).toThrow(
      `Invalid configuration in ${SOURCE} (3 problems):\n` +
        '  - vpcCidr = "10.0.1.0/16": has host bits set: a /16 block must start at 10.0.0.0. Fix: use a block such as "10.0.0.0/16"\n' +
        '  - interfaceEndpointAzCount = 3: is more than the 2 availability zones listed. Fix: use a number from 1 to 2\n' +
        '  - flowLogs.logRetentionDays = 10: is not a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653). Fix: use 7 or 14',
    );
  });

  const cases: [string, Partial<NetworkConfig>, string[]][] = [
    [
      'two subnets with the same block',
      withSubnets(
        [
          ['us-east-1a', '10.0.0.0/24'],
          ['us-east-1b', '10.0.1.0/24'],
        ],
        [
          ['us-east-1a', '10.0.2.0/24'],
          ['us-east-1b', '10.0.1.0/24'],
        ],
      ),
      ['privateSubnets[1].cidr = "10.0.1.0/24": overlaps publicSubnets[1].cidr (10.0.1.0/24). Fix: give every subnet its own block inside the VPC'],
    ],
    [
      'a subnet that contains another',
      withSubnets(
        [
          ['us-east-1a', '10.0.0.0/22'],
          ['us-east-1b', '10.0.4.0/24'],
        ],
        [
          ['us-east-1a', '10.0.2.0/24'],
          ['us-east-1b', '10.0.5.0/24'],
        ],
      ),
      ['privateSubnets[0].cidr = "10.0.2.0/24": overlaps publicSubnets[0].cidr (10.0.0.0/22). Fix: give every subnet its own block inside the VPC'],
    ],
    [
      'a subnet block with host bits set',
      {
        vpcCidr: '10.0.0.0/20',
        ...withSubnets(
          [
            ['us-east-1a', '10.0.0.0/24'],
            ['us-east-1b', '10.0.1.0/24'],
          ],
          [
            ['us-east-1a', '10.0.8.0/20'],
            ['us-east-1b', '10.0.3.0/24'],
          ],
        ),
      },
      [
        'privateSubnets[0].cidr = "10.0.8.0/20": has host bits set: a /20 block must start at 10.0.0.0. Fix: use a block inside 10.0.0.0/20 that no other subnet uses',
      ],
    ],
    [
      'a subnet block larger than the VPC',
      {
        vpcCidr: '10.0.0.0/20',
        ...withSubnets(
          [
            ['us-east-1a', '10.0.0.0/24'],
            ['us-east-1b', '10.0.1.0/24'],
          ],
          [
            ['us-east-1a', '10.0.0.0/16'],
            ['us-east-1b', '10.0.3.0/24'],
          ],
        ),
      },
      ['privateSubnets[0].cidr = "10.0.0.0/16": is not inside the VPC block 10.0.0.0/20. Fix: choose a block inside 10.0.0.0/20'],
    ],
    [
      'a subnet in an AZ that is not listed',
      withSubnets(
        [
          ['us-east-1a', '10.0.0.0/24'],
          ['us-east-1b', '10.0.1.0/24'],
        ],
        [
          ['us-east-1a', '10.0.2.0/24'],
          ['us-east-1c', '10.0.3.0/24'],
        ],
      ),
      [
        'privateSubnets[1].availabilityZone = "us-east-1c": is not in availabilityZones (us-east-1a, us-east-1b). Fix: add it to availabilityZones, or place the subnet in a listed AZ',
        'privateSubnets = ["us-east-1a","us-east-1c"]: has no private subnet in us-east-1b; every listed AZ needs exactly one. Fix: add { availabilityZone: "us-east-1b", cidr: "<a free block inside 10.0.0.0/16>" }, or remove us-east-1b from availabilityZones',
      ],
    ],
    [
      'two public subnets in one AZ',
      withSubnets(
        [
          ['us-east-1a', '10.0.0.0/24'],
          ['us-east-1a', '10.0.1.0/24'],
        ],
        [
          ['us-east-1a', '10.0.2.0/24'],
          ['us-east-1b', '10.0.3.0/24'],
        ],
      ),
      [
        'publicSubnets[1].availabilityZone = "us-east-1a": already has a public subnet; each AZ has exactly one. Fix: move this subnet to another listed AZ, or remove it',
        'publicSubnets = ["us-east-1a","us-east-1a"]: has no public subnet in us-east-1b; every listed AZ needs exactly one. Fix: add { availabilityZone: "us-east-1b", cidr: "<a free block inside 10.0.0.0/16>" }, or remove us-east-1b from availabilityZones',
      ],
    ],
    [
      'an AZ of another region, listed twice',
      { availabilityZones: ['us-east-1a', 'us-east-1b', 'eu-west-1a', 'us-east-1b'] },
      [
        'availabilityZones[2] = "eu-west-1a": is not an availability zone of region "us-east-1". Fix: use a name such as "us-east-1a"',
        'availabilityZones[3] = "us-east-1b": is listed twice. Fix: list each availability zone once',
        'publicSubnets = ["us-east-1a","us-east-1b"]: has no public subnet in eu-west-1a; every listed AZ needs exactly one. Fix: add { availabilityZone: "eu-west-1a", cidr: "<a free block inside 10.0.0.0/16>" }, or remove eu-west-1a from availabilityZones',
        'privateSubnets = ["us-east-1a","us-east-1b"]: has no private subnet in eu-west-1a; every listed AZ needs exactly one. Fix: add { availabilityZone: "eu-west-1a", cidr: "<a free block inside 10.0.0.0/16>" }, or remove eu-west-1a from availabilityZones',
      ],
    ],
    [
      'a VPC block EC2 does not accept',
      { vpcCidr: '10.0.0.0/8' },
      ['vpcCidr = "10.0.0.0/8": is a /8; EC2 accepts VPC blocks from /16 to /28. Fix: use a block such as "10.0.0.0/16"'],
    ],
    [
      'a CIDR that is not one',
      { vpcCidr: '10.0.0.300/16' },
      ['vpcCidr = "10.0.0.300/16": is not an IPv4 CIDR block (octets 0–255, prefix 0–32). Fix: use a block such as "10.0.0.0/16"'],
    ],
    [
      'an unknown endpoint service and a duplicate one',
      { interfaceEndpoints: ['logs', 'ssm-messages', 'logs'] as never },
      [
        `interfaceEndpoints[1] = "ssm-messages": is not an interface endpoint service this tier knows. Fix: use one of: ${VALID_SERVICES}`,
        'interfaceEndpoints[2] = "logs": is listed twice. Fix: list each service once',
      ],
    ],
    [
      'no endpoint AZ',
      { interfaceEndpointAzCount: 0 },
      ['interfaceEndpointAzCount = 0: is not a whole number of at least 1. Fix: use 1 (cheapest) or the number of AZs (survives an AZ failure)'],
    ],
    [
      'a region name that is not one, and an unknown removal policy',
      { region: 'us-east', availabilityZones: [], publicSubnets: [], privateSubnets: [], removal: 'snapshot' as never },
      [
        'region = "us-east": is not an AWS region name. Fix: use a region such as "us-east-1"',
        'availabilityZones = []: lists no availability zone; the subnets need at least one. Fix: list one or more AZs of us-east-1, e.g. ["us-east-1a", "us-east-1b"]',
        'removal = "snapshot": is not a removal choice. Fix: use one of "retain", "destroy"',
      ],
    ],
  ];

  it.each(cases)('rejects %s, naming the field, the value and the fix', (_name, overrides, expected) => {
    expect(problemsOf({ ...costOptimized, ...overrides })).toEqual(expected);
  });

  it('accepts every generated valid configuration', () => {
    fc.assert(
      fc.property(validNetworkConfig(), (config) => problemsOf(config).length === 0),
      { numRuns: 300 },
    );
  });

  it('rejects any valid configuration once one subnet is moved outside the VPC', () => {
    fc.assert(
      fc.property(validNetworkConfig(), fc.boolean(), fc.nat(), (config, publicOne, pick) => {
        const kind = publicOne ? 'publicSubnets' : 'privateSubnets';
        const index = pick % config[kind].length;
        const moved = config[kind].map((s, i) => (i === index ? { ...s, cidr: '192.168.0.0/24' } : s));
        const problems = problemsOf({ ...config, [kind]: moved });
        return problems.length === 1 && problems[0].startsWith(`${kind}[${index}].cidr = "192.168.0.0/24": is not inside the VPC block ${config.vpcCidr}`);
      }),
      { numRuns: 100 },
    );
  });
});

describe('IPv4 CIDR arithmetic', () => {
  const block = (text: string) => {
    const parsed = parseIpv4Cidr(text);
    if (!('first' in parsed)) throw new Error(parsed.error);
    return parsed;
  };

  it.each([
    ['10.0.0.0/16', '10.0.255.0/24', true],
    ['10.0.0.0/16', '10.1.0.0/24', false],
    ['10.0.0.0/20', '10.0.0.0/16', false],
    ['10.0.0.0/24', '10.0.0.0/24', true],
  ])('%s contains %s: %s', (outer, inner, expected) => {
    expect(contains(block(outer), block(inner))).toBe(expected);
  });

  it.each([
    ['10.0.0.0/24', '10.0.1.0/24', false],
    ['10.0.0.0/23', '10.0.1.0/24', true],
    ['10.0.1.0/24', '10.0.0.0/23', true],
    ['10.0.0.0/25', '10.0.0.128/25', false],
  ])('%s overlaps %s: %s', (a, b, expected) => {
    expect(overlaps(block(a), block(b))).toBe(expected);
  });

  it.each(['10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', ' 10.0.0.0/16', 42])('rejects %p', (text) => {
    expect(parseIpv4Cidr(text)).toHaveProperty('error');
  });
});

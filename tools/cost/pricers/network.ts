import { display } from '../template';
import { count, fixed, usage, type Pricer } from './types';

/**
 * Interface endpoints are billed per endpoint **per AZ** per hour (an ENI in each subnet), which the spec's
 * "~$7/month each" missed; gateway endpoints (S3, DynamoDB) are free.
 */
const vpcEndpoint: Pricer = ({ props, assumptions, hoursPerMonth }) => {
  const endpointType = props.string('VpcEndpointType') ?? 'Gateway';
  const service = display(props.raw('ServiceName'));
  if (endpointType === 'Gateway') return { resource: `Gateway endpoint ${service}`, charges: [], free: 'gateway endpoints are free' };
  if (endpointType !== 'Interface') return { resource: `${endpointType} endpoint ${service}`, charges: [], unpriced: `no price for ${endpointType} endpoints` };
  const notes: string[] = [];
  let azs = props.count('SubnetIds');
  if (azs === undefined) {
    azs = assumptions['vpcEndpoint.azCountWhenUnresolved'];
    notes.push(`assumed ${azs} AZ(s) (vpcEndpoint.azCountWhenUnresolved)`);
  }
  const gb = assumptions['vpcEndpoint.gbProcessedPerEndpoint'];
  return {
    resource: `Interface endpoint ${service}`,
    charges: [
      fixed('vpc.interface-endpoint.hour', azs * hoursPerMonth, `${azs} AZ${azs === 1 ? '' : 's'} × ${hoursPerMonth} h`),
      usage('vpc.interface-endpoint.gb', gb, `${count(gb)} GB processed (vpcEndpoint.gbProcessedPerEndpoint)`),
    ],
    notes,
  };
};

const natGateway: Pricer = ({ props, assumptions, hoursPerMonth }) => {
  const gb = assumptions['natGateway.gbProcessed'];
  const privateNat = props.string('ConnectivityType') === 'private';
  return {
    resource: `${privateNat ? 'Private' : 'Public'} NAT gateway`,
    charges: [
      fixed('vpc.nat-gateway.hour', hoursPerMonth, `${hoursPerMonth} h`),
      usage('vpc.nat-gateway.gb', gb, `${count(gb)} GB processed (natGateway.gbProcessed)`),
    ],
    notes: privateNat ? [] : ['its public IPv4 address is billed on its AWS::EC2::EIP'],
  };
};

/** Every public IPv4 address is billed since 2024-02-01, attached or not. */
const elasticIp: Pricer = ({ hoursPerMonth }) => ({
  resource: 'Elastic IP (public IPv4 address)',
  charges: [fixed('vpc.public-ipv4.hour', hoursPerMonth, `1 address × ${hoursPerMonth} h`)],
});

export const NETWORK_PRICERS: Record<string, Pricer> = {
  'AWS::EC2::VPCEndpoint': vpcEndpoint,
  'AWS::EC2::NatGateway': natGateway,
  'AWS::EC2::EIP': elasticIp,
};

/** Hand-written templates and a one-call report for the cost tests (priced with the checked-in table). */
import type { Tier } from '@showcore/naming';
import { loadAssumptions, type Assumptions } from '../assumptions';
import { estimate } from '../estimate';
import type { CfnResource, CfnTemplate, CostReport } from '../model';
import { loadPriceTable } from '../price-table';

export const PRICES = loadPriceTable();
export const ASSUMPTIONS = loadAssumptions();

export type Resources = Record<string, CfnResource>;

export function reportOf(tiers: Partial<Record<Tier, Resources | CfnTemplate>>, assumptions: Partial<Assumptions> = {}): CostReport {
  return estimate({
    environment: 'dev',
    prices: PRICES,
    assumptions: { ...ASSUMPTIONS, ...assumptions },
    tiers: Object.entries(tiers).map(([tier, body]) => {
      const template: CfnTemplate = body && 'Resources' in body ? (body as CfnTemplate) : { Resources: body as Resources };
      return { tier: tier as Tier, source: `test ${tier}`, stacks: [{ stack: `${tier}-stack`, region: 'us-east-1', template }] };
    }),
  });
}

/** Sum of a resource's lines (pay-as-you-go, before allowances). */
export function monthlyOf(report: CostReport, logicalId: string): number {
  return report.lines.filter((l) => l.logicalId === logicalId).reduce((cents, l) => cents + Math.round(l.monthly * 100), 0) / 100;
}

export function fixedOf(report: CostReport, logicalId: string): number {
  return report.lines.filter((l) => l.logicalId === logicalId && !l.usage).reduce((cents, l) => cents + Math.round(l.monthly * 100), 0) / 100;
}

export function interfaceEndpoint(service: string, subnets: unknown): CfnResource {
  return {
    Type: 'AWS::EC2::VPCEndpoint',
    Properties: { VpcEndpointType: 'Interface', ServiceName: `com.amazonaws.us-east-1.${service}`, VpcId: { Ref: 'Vpc' }, SubnetIds: subnets },
  };
}

export function gatewayEndpoint(service: string): CfnResource {
  return {
    Type: 'AWS::EC2::VPCEndpoint',
    Properties: { ServiceName: `com.amazonaws.us-east-1.${service}`, VpcId: { Ref: 'Vpc' }, RouteTableIds: [{ Ref: 'Rt' }] },
  };
}

/** Three interface endpoints (logs, monitoring, ssm) in `azs` private subnets, plus the free gateway endpoints. */
export function endpointNetwork(azs: number): Resources {
  const subnets = Array.from({ length: azs }, (_, i) => ({ Ref: `PrivateSubnet${i + 1}` }));
  return {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Logs: interfaceEndpoint('logs', subnets),
    Monitoring: interfaceEndpoint('monitoring', subnets),
    Ssm: interfaceEndpoint('ssm', subnets),
    S3: gatewayEndpoint('s3'),
    DynamoDb: gatewayEndpoint('dynamodb'),
  };
}

export function rds(properties: Record<string, unknown>): CfnResource {
  return {
    Type: 'AWS::RDS::DBInstance',
    Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: '20', StorageType: 'gp3', ...properties },
  };
}

export function redis(properties: Record<string, unknown>): CfnResource {
  return { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { Engine: 'redis', CacheNodeType: 'cache.t3.micro', ...properties } };
}

export function alarm(properties: Record<string, unknown> = {}): CfnResource {
  return { Type: 'AWS::CloudWatch::Alarm', Properties: { MetricName: 'CPUUtilization', Namespace: 'AWS/RDS', Period: 300, ...properties } };
}

export function alarms(count: number): Resources {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`Alarm${i + 1}`, alarm()]));
}

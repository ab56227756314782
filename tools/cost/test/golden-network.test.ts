/**
 * Golden tests of the network charges, computed by hand from the spec's price table
 * (interface endpoint $0.01 per endpoint per AZ per hour, NAT gateway $0.045/h, public IPv4 $0.005/h, 730 h/month).
 */
import { endpointNetwork, fixedOf, interfaceEndpoint, reportOf } from './fixtures';

describe('interface endpoints are billed per endpoint per AZ', () => {
  it("prices three endpoints in two AZs at $43.80, not the spec's ~$21", () => {
    // 3 endpoints × 2 AZs = 6 endpoint-AZs; each 730 h × $0.01 = $7.30 → $14.60 per endpoint, $43.80 in all.
    const report = reportOf({ network: endpointNetwork(2) });
    expect(fixedOf(report, 'Logs')).toBe(14.6);
    expect(fixedOf(report, 'Monitoring')).toBe(14.6);
    expect(fixedOf(report, 'Ssm')).toBe(14.6);
    expect(report.totals.fixed).toBe(43.8);
  });

  it('prices the same three endpoints in one AZ at $21.90', () => {
    // 3 × 1 × 730 h × $0.01 = $21.90.
    expect(reportOf({ network: endpointNetwork(1) }).totals.fixed).toBe(21.9);
  });

  it('lists gateway endpoints as free, with no line', () => {
    const report = reportOf({ network: endpointNetwork(2) });
    expect(report.lines.some((l) => l.logicalId === 'S3' || l.logicalId === 'DynamoDb')).toBe(false);
    expect(report.free.filter((f) => f.type === 'AWS::EC2::VPCEndpoint').map((f) => [f.logicalId, f.reason])).toEqual([
      ['S3', 'gateway endpoints are free'],
      ['DynamoDb', 'gateway endpoints are free'],
    ]);
  });

  it('adds data processing as a usage line at the assumed GB', () => {
    // 4 GB × $0.01/GB = $0.04 per endpoint, marked as usage.
    const report = reportOf({ network: { Logs: interfaceEndpoint('logs', [{ Ref: 'A' }]) } }, { 'vpcEndpoint.gbProcessedPerEndpoint': 4 });
    const processing = report.lines.find((l) => l.priceKey === 'vpc.interface-endpoint.gb');
    expect(processing).toMatchObject({ usage: true, quantity: 4, monthly: 0.04 });
  });

  it('assumes the configured AZ count when SubnetIds comes from an SSM parameter, and says so', () => {
    // 3 AZs assumed: 3 × 730 h × $0.01 = $21.90.
    const report = reportOf(
      {
        network: {
          Parameters: { Subnets: { Type: 'AWS::SSM::Parameter::Value<List<AWS::EC2::Subnet::Id>>', Default: '/showcore/dev/network/private-subnet-ids' } },
          Resources: { Logs: interfaceEndpoint('logs', { Ref: 'Subnets' }) },
        },
      },
      { 'vpcEndpoint.azCountWhenUnresolved': 3 },
    );
    expect(fixedOf(report, 'Logs')).toBe(21.9);
    expect(report.lines[0].notes).toEqual([
      'SubnetIds is read from the SSM parameter /showcore/dev/network/private-subnet-ids at deploy time, so its length is unknown',
      'assumed 3 AZ(s) (vpcEndpoint.azCountWhenUnresolved)',
    ]);
  });

  it('does not crash on an Fn::Split of an imported value', () => {
    const report = reportOf({ network: { Logs: interfaceEndpoint('logs', { 'Fn::Split': [',', { 'Fn::ImportValue': 'x' }] }) } });
    expect(fixedOf(report, 'Logs')).toBe(14.6); // the default assumption: 2 AZs
    expect(report.lines[0].notes[0]).toBe('SubnetIds is an Fn::Split expression, so its length is unknown');
  });
});

describe('NAT gateway and public IPv4', () => {
  it('prices a NAT gateway and its Elastic IP at $32.85 + $3.65', () => {
    // 730 h × $0.045 = $32.85; 730 h × $0.005 = $3.65.
    const report = reportOf({
      network: {
        Nat: { Type: 'AWS::EC2::NatGateway', Properties: { AllocationId: { 'Fn::GetAtt': ['Eip', 'AllocationId'] } } },
        Eip: { Type: 'AWS::EC2::EIP' },
      },
    });
    expect(fixedOf(report, 'Nat')).toBe(32.85);
    expect(fixedOf(report, 'Eip')).toBe(3.65);
  });
});

describe('the comparison with one NAT gateway', () => {
  it('states that three endpoints in two AZs cost $7.30 more than one NAT gateway', () => {
    // $43.80 vs $32.85 + $3.65 = $36.50 → $7.30 more; break-even 5 endpoint-AZs ($36.50 / $7.30);
    // data processing saves $0.035/GB, so 7.30 / 0.035 = 208.6 GB/month.
    const comparison = reportOf({ network: endpointNetwork(2) }).natComparison;
    expect(comparison).toMatchObject({
      interfaceEndpoints: 3,
      endpointAzs: 6,
      azCount: 2,
      endpointsMonthly: 43.8,
      natAlternativeMonthly: 36.5,
      difference: 7.3,
      breakEvenEndpointAzs: 5,
      breakEvenGb: 208.6,
    });
    expect(comparison?.statement).toContain('3 interface endpoints × 2 AZs = 6 endpoint-AZs × $7.30 = $43.80/month');
    expect(comparison?.statement).toContain('$32.85 + public IPv4 $3.65 = $36.50/month');
    expect(comparison?.statement).toContain('The endpoints cost $7.30/month MORE than the NAT gateway');
    expect(comparison?.statement).toContain('in 2 AZs that is at most 2 endpoints');
    expect(comparison?.statement).toContain('The same 3 endpoints in 1 AZ would cost $21.90/month (not more than $36.50)');
    expect(comparison?.statement).toContain('($0.035/GB less), so above 208.6 GB/month processed the endpoints come out ahead');
  });

  it('states the saving when the endpoints are in one AZ', () => {
    // $21.90 vs $36.50 → saves $14.60; no data-volume break-even is needed.
    const comparison = reportOf({ network: endpointNetwork(1) }).natComparison;
    expect(comparison).toMatchObject({ difference: -14.6, breakEvenGb: undefined });
    expect(comparison?.statement).toContain('The endpoints save $14.60/month against the NAT gateway');
  });

  it('is absent when the scope has no interface endpoint', () => {
    expect(reportOf({ data: { Vpc: { Type: 'AWS::EC2::VPC' } } }).natComparison).toBeUndefined();
  });
});

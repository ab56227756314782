import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { consumedOutputId, publish, read, readList, TierStack, type ParameterName } from '../src';

function stack(tier: 'network' | 'data' | 'ops' = 'network'): TierStack {
  return new TierStack(new App(), 'Stack', { tier, environment: 'dev' });
}

describe('publish', () => {
  it('writes the parameter at its registry path and an output without an export', () => {
    const s = stack('network');
    publish(s, 'vpcId', 'vpc-123');
    publish(s, 'privateSubnetIds', ['subnet-a', 'subnet-b']);
    const template = Template.fromStack(s);
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/showcore/dev/network/vpc-id', Value: 'vpc-123', Type: 'String' });
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/showcore/dev/network/private-subnet-ids', Value: 'subnet-a,subnet-b' });
    const outputs = template.toJSON().Outputs;
    expect(outputs.VpcIdOutput.Value).toBe('vpc-123');
    expect(Object.values(outputs).some((o: any) => o.Export)).toBe(false);
  });

  it('refuses a parameter produced by another tier', () => {
    expect(() => publish(stack('data'), 'vpcId', 'vpc-1')).toThrow(
      'Tier "data" cannot publish "vpcId": the registry (libs/naming/src/ssm-parameters.ts) names "network" as its producer.',
    );
  });

  it('refuses a list for a string parameter and the reverse', () => {
    expect(() => publish(stack(), 'vpcId', ['a'])).toThrow(/declared as a string; publish it as a string/);
    expect(() => publish(stack(), 'privateSubnetIds', 'a')).toThrow(/declared as a list; publish it as a string\[\]/);
  });

  it('refuses an undeclared parameter', () => {
    expect(() => publish(stack(), 'secretThing' as ParameterName, 'x')).toThrow(/Unknown SSM parameter "secretThing"/);
  });
});

describe('read', () => {
  it('resolves at deploy time through an SSM-typed template parameter, never an import', () => {
    const s = stack('data');
    read(s, 'vpcId');
    readList(s, 'privateSubnetIds', 2);
    const json = Template.fromStack(s).toJSON();
    const types = Object.values(json.Parameters).map((p: any) => [p.Type, p.Default]);
    expect(types).toContainEqual(['AWS::SSM::Parameter::Value<String>', '/showcore/dev/network/vpc-id']);
    expect(types).toContainEqual(['AWS::SSM::Parameter::Value<String>', '/showcore/dev/network/private-subnet-ids']);
    expect(JSON.stringify(json)).not.toContain('Fn::ImportValue');
  });

  it('records each resolved value as an output, once, so the deploy tool can detect a stale consumer', () => {
    const s = stack('data');
    read(s, 'vpcId');
    read(s, 'vpcId');
    readList(s, 'privateSubnetIds', 2);
    const outputs = Template.fromStack(s).toJSON().Outputs;
    expect(Object.keys(outputs).sort()).toEqual([consumedOutputId('privateSubnetIds'), consumedOutputId('vpcId')].sort());
    expect(consumedOutputId('vpcId')).toBe('ConsumedVpcId');
    expect(outputs.ConsumedVpcId.Value).toEqual({ Ref: expect.stringMatching(/^SsmParameterValue/) });
    expect(outputs.ConsumedVpcId.Export).toBeUndefined();
  });

  it('refuses a tier that is not a declared consumer, and says where to declare it', () => {
    expect(() => read(stack('network'), 'dbInstanceId')).toThrow(
      'Tier "network" reads "dbInstanceId" but is not among its consumers (ops). Add "network" to PARAMETERS.dbInstanceId.consumers in libs/naming/src/ssm-parameters.ts so the deploy order knows.',
    );
  });

  it('refuses an undeclared parameter', () => {
    expect(() => read(stack('data'), 'nope' as ParameterName)).toThrow(/Unknown SSM parameter "nope"/);
  });

  it('refuses the wrong shape', () => {
    expect(() => read(stack('data'), 'privateSubnetIds')).toThrow('Parameter "privateSubnetIds" is a list; read it with readList().');
    expect(() => readList(stack('data'), 'vpcId')).toThrow('Parameter "vpcId" is a string; read it with read().');
  });

  it('needs a TierStack', () => {
    const app = new App();
    const { Stack } = jest.requireActual('aws-cdk-lib');
    const plain = new Stack(app, 'Plain');
    expect(() => read(plain, 'vpcId')).toThrow(/is not inside a TierStack/);
  });
});

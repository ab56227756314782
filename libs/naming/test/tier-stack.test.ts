import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { TierStack } from '../src';

describe('TierStack', () => {
  it('is named by the naming rule and knows its tier and environment', () => {
    const stack = new TierStack(new App(), 'Data', { tier: 'data', environment: 'staging' });
    expect(stack.stackName).toBe('showcore-data-staging-stack');
    expect([stack.tier, stack.environmentName]).toEqual(['data', 'staging']);
  });

  it('takes its region and termination protection from the tier configuration', () => {
    const stack = new TierStack(new App(), 'Data', { tier: 'data', environment: 'prod', config: { region: 'eu-west-1', terminationProtection: true } });
    expect(stack.region).toBe('eu-west-1');
    expect(stack.terminationProtection).toBe(true);
    const unprotected = new TierStack(new App(), 'Data', { tier: 'data', environment: 'dev', config: { region: 'us-east-1', terminationProtection: false } });
    expect(unprotected.terminationProtection).toBe(false);
  });

  it('an explicit env or termination protection wins over the configuration', () => {
    const stack = new TierStack(new App(), 'OpsBilling', {
      tier: 'ops',
      environment: 'prod',
      part: 'billing',
      config: { region: 'eu-west-1', terminationProtection: true },
      env: { region: 'us-east-1' },
      terminationProtection: false,
    });
    expect(stack.region).toBe('us-east-1');
    expect(stack.terminationProtection).toBe(false);
    expect(stack.stackName).toBe('showcore-ops-prod-billing-stack');
  });

  it('TierStack.of finds the tier stack of a construct, and names what to do outside one', () => {
    const app = new App();
    const stack = new TierStack(app, 'Edge', { tier: 'edge', environment: 'dev' });
    expect(TierStack.of(new Construct(stack, 'Bucket'))).toBe(stack);
    const plain = new Construct(new Stack(app, 'Plain'), 'Thing');
    expect(() => TierStack.of(plain)).toThrow(/Plain\/Thing" is not inside a TierStack.*extend TierStack/);
  });
});

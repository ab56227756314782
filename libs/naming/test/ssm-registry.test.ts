import { consumersOf, deployOrder, PARAMETER_NAMES, PARAMETERS, parameterDefinition, parameterPath, producersOf, TIERS, type Tier } from '../src';

describe('the SSM contract registry', () => {
  it('gives every parameter the path /showcore/<env>/<producer>/<key>', () => {
    expect(parameterPath('dev', 'vpcId')).toBe('/showcore/dev/network/vpc-id');
    for (const name of PARAMETER_NAMES) {
      expect(parameterPath('prod', name)).toMatch(new RegExp(`^/showcore/prod/${PARAMETERS[name].producer}/[a-z0-9-]+$`));
    }
  });

  it('is closed: every parameter read has exactly one producer, which is a tier, and no tier reads its own', () => {
    const paths = new Set<string>();
    for (const name of PARAMETER_NAMES) {
      const definition = PARAMETERS[name];
      expect(TIERS).toContain(definition.producer);
      for (const consumer of definition.consumers as readonly Tier[]) {
        expect(TIERS).toContain(consumer);
        expect(consumer).not.toBe(definition.producer);
      }
      const path = parameterPath('dev', name);
      expect(paths.has(path)).toBe(false);
      paths.add(path);
    }
  });

  it('has an acyclic producer -> consumer graph, and the deploy order puts producers first', () => {
    const order = deployOrder();
    expect([...order].sort()).toEqual([...TIERS].sort());
    for (const tier of TIERS) {
      for (const producer of producersOf(tier)) {
        expect(order.indexOf(producer)).toBeLessThan(order.indexOf(tier));
      }
    }
    expect(order[0]).toBe('network');
    expect(order[order.length - 1]).toBe('ops');
  });

  it('detects a cycle and names it', () => {
    const cyclic = (tier: Tier): Tier[] => ({ network: ['ops'], data: ['network'], edge: [], ops: ['data'] })[tier] as Tier[];
    expect(() => deployOrder(TIERS, cyclic)).toThrow('The SSM contract has a cycle: network -> ops -> data -> network.');
  });

  it('knows who to refresh when a producer changes', () => {
    expect(consumersOf('network').sort()).toEqual(['data', 'ops']);
    expect(consumersOf('ops')).toEqual([]);
  });

  it('rejects a parameter that is not declared, listing the declared ones', () => {
    expect(() => parameterDefinition('dbPassword')).toThrow(
      /Unknown SSM parameter "dbPassword": it is not declared in the registry \(libs\/naming\/src\/ssm-parameters.ts\)\. Declared parameters: vpcId, /,
    );
  });
});

import { onlyResource } from '@showcore/testing';
import { applyOverrides, environmentConfig, type DataConfigOverrides } from '../../src/config';
import { templateFor } from '../helpers';

/** The dev template with some settings changed (validated first, as the app does). */
const devWith = (overrides: DataConfigOverrides) => templateFor('dev', applyOverrides(environmentConfig('dev'), overrides));

describe('data settings in both states', () => {
  it.each<[string, number, number | undefined]>([
    ['on at the design ceiling', 100, 100],
    ['on at a larger ceiling', 250, 250],
    ['off', 0, undefined],
  ])('storage autoscaling %s: MaxAllocatedStorage follows database.maxAllocatedStorageGb', (_state, ceiling, expected) => {
    const database = onlyResource(devWith({ database: { maxAllocatedStorageGb: ceiling } }), 'AWS::RDS::DBInstance');
    expect(database.properties.MaxAllocatedStorage).toEqual(expected);
    // The allocation in the template stays the floor either way.
    expect(database.properties.AllocatedStorage).toBe('20');
  });
});

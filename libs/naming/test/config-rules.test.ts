import { checkRemovalChoice, checkTerminationProtection, ENVIRONMENTS, type EnvironmentName } from '../src';
import { problems } from './config-problems';

describe('removal choices', () => {
  it.each(ENVIRONMENTS.filter((e) => e !== 'local'))('"destroy" is refused in %s, naming the keeping choice', (environment) => {
    expect(problems((p) => checkRemovalChoice(p, 'database.removal', 'destroy', ['snapshot', 'retain', 'destroy'], environment))).toEqual([
      `database.removal = "destroy": would delete the resource and its data, with no snapshot and nothing retained, when it leaves the "${environment}" stack. Fix: use "snapshot"; "destroy" is for the local emulator only`,
    ]);
  });

  it('every choice is accepted locally, and the keeping ones everywhere', () => {
    for (const value of ['snapshot', 'retain', 'destroy'])
      expect(problems((p) => checkRemovalChoice(p, 'f', value, ['snapshot', 'retain', 'destroy'], 'local'))).toEqual([]);
    for (const environment of ENVIRONMENTS) expect(problems((p) => checkRemovalChoice(p, 'f', 'retain', ['retain', 'destroy'], environment))).toEqual([]);
  });

  it('an unknown choice names the choices there are', () => {
    expect(problems((p) => checkRemovalChoice(p, 'removalPolicy', 'keep', ['retain', 'destroy'], 'dev'))).toEqual([
      'removalPolicy = "keep": is not a removal choice. Fix: use one of "retain", "destroy"',
    ]);
  });
});

describe('termination protection', () => {
  it.each<[EnvironmentName, unknown, number]>([
    ['prod', false, 1],
    ['prod', true, 0],
    ['staging', false, 0],
    ['dev', 'yes', 1],
  ])('%s with %p: %d problem(s)', (environment, value, count) => {
    expect(problems((p) => checkTerminationProtection(p, value, environment))).toHaveLength(count);
  });
});

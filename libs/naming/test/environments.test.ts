import fc from 'fast-check';
import { ENVIRONMENTS, parseEnvironment } from '../src';

describe('parseEnvironment', () => {
  it.each(ENVIRONMENTS)('accepts %s', (env) => {
    expect(parseEnvironment(env)).toBe(env);
  });

  it('rejects an unknown environment, naming the value, the choices and the fix', () => {
    expect(() => parseEnvironment('qa')).toThrow(
      'Unknown environment "qa" (from the CDK context "env"). Expected one of: local, dev, staging, prod. Pass one with -c env=<name>.',
    );
  });

  it('says "nothing" when no environment was given', () => {
    expect(() => parseEnvironment(undefined)).toThrow(/Unknown environment nothing/);
  });

  it('rejects every string that is not an environment', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !(ENVIRONMENTS as readonly string[]).includes(s)),
        (value) => {
          expect(() => parseEnvironment(value)).toThrow(/Expected one of: local, dev, staging, prod/);
        },
      ),
    );
  });
});

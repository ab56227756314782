import { ConfigError, ConfigProblems } from '../src';

describe('ConfigProblems', () => {
  it('reports every problem together, each with field, value and fix', () => {
    const problems = new ConfigProblems('apps/data/src/config/dev.ts');
    problems.check(false, 'rds.allocatedStorageGb', 10, 'below the 20 GB minimum', 'set 20 or more');
    problems.check(true, 'rds.engineMajor', 16, 'never', 'never');
    problems.add('rds.backupRetentionDays', 40, 'outside 0–35', 'choose 0–35');
    expect(problems.count).toBe(2);
    let thrown: unknown;
    try {
      problems.throwIfAny();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toBe(
      'Invalid configuration in apps/data/src/config/dev.ts (2 problems):\n' +
        '  - rds.allocatedStorageGb = 10: below the 20 GB minimum. Fix: set 20 or more\n' +
        '  - rds.backupRetentionDays = 40: outside 0–35. Fix: choose 0–35',
    );
  });

  it('does nothing when the configuration is valid', () => {
    expect(() => new ConfigProblems('x').throwIfAny()).not.toThrow();
  });
});

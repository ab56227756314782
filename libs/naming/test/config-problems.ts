import { ConfigError, ConfigProblems } from '../src';

/** The problems a check records, as the ConfigError would list them ([] when it records none). */
export function problems(check: (p: ConfigProblems) => void): readonly string[] {
  const collected = new ConfigProblems('test');
  check(collected);
  try {
    collected.throwIfAny();
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
}

/**
 * Collects every problem of a configuration and reports them together, each with the field, the value
 * seen and the fix, so one run tells the user everything to correct.
 */
export class ConfigProblems {
  private readonly problems: string[] = [];

  /** @param source the file or object being validated, named in the error */
  constructor(private readonly source: string) {}

  /** Records a problem with `field` (a dotted path), the bad `value`, what is wrong and how to fix it. */
  add(field: string, value: unknown, problem: string, fix: string): void {
    this.problems.push(`${field} = ${JSON.stringify(value)}: ${problem}. Fix: ${fix}`);
  }

  /** Records a problem when `ok` is false. */
  check(ok: boolean, field: string, value: unknown, problem: string, fix: string): void {
    if (!ok) this.add(field, value, problem, fix);
  }

  get count(): number {
    return this.problems.length;
  }

  /** Throws one {@link ConfigError} listing every problem, if there are any. */
  throwIfAny(): void {
    if (this.problems.length > 0) {
      throw new ConfigError(this.source, [...this.problems]);
    }
  }
}

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid configuration in ${source} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` + problems.map((p) => `  - ${p}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** One verified fact about what a local deploy created. */
export type CheckStatus = 'pass' | 'fail' | 'not-emulated';

export interface CheckResult {
  readonly tier: string;
  readonly check: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

export class CheckList {
  readonly results: CheckResult[] = [];

  constructor(private readonly tier: string) {}

  /** Records a pass when `ok`, a failure (with what was seen) otherwise. */
  expect(check: string, ok: boolean, detail: string): void {
    this.results.push({ tier: this.tier, check, status: ok ? 'pass' : 'fail', detail });
  }

  /**
   * A property the template sets but moto's CloudFormation silently drops: seen as applied -> pass; absent ->
   * not emulated (said loudly, covered by template tests); present but different -> fail.
   */
  expectUnlessDropped(check: string, seen: 'as-expected' | 'absent' | 'different', detail: string): void {
    if (seen === 'absent') this.notEmulated(check, `moto's CloudFormation does not apply it (${detail}) — covered by template tests`);
    else this.expect(check, seen === 'as-expected', detail);
  }

  notEmulated(check: string, detail = 'not emulated locally — covered by template tests'): void {
    this.results.push({ tier: this.tier, check, status: 'not-emulated', detail });
  }

  /** Runs a check body; an exception is a failed check naming the error, not a crash of the whole report. */
  async guard(check: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      this.results.push({ tier: this.tier, check, status: 'fail', detail: `error: ${(error as Error).message}` });
    }
  }
}

export const STANDARD_TAG_KEYS = ['Project', 'Phase', 'Environment', 'ManagedBy', 'CostCenter', 'Tier'];

export function missingTags(tags: { Key?: string; Value?: string }[] | Record<string, string> | undefined): string[] {
  const keys = Array.isArray(tags) ? tags.map((t) => t.Key) : Object.keys(tags ?? {});
  return STANDARD_TAG_KEYS.filter((k) => !keys.includes(k));
}

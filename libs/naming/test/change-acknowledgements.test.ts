import { acknowledgementProblems, checkAcknowledgements, ConfigError, type ChangeAcknowledgement } from '../src';

const valid: ChangeAcknowledgement = {
  resource: 'Data/Database/Resource',
  change: 'replace',
  reason: 'restored from the 03:00 snapshot per runbook rds-restore',
};

describe('change acknowledgements', () => {
  it('accepts a reviewed acknowledgement of a replace and of a remove of the same resource', () => {
    expect(acknowledgementProblems([valid, { ...valid, change: 'remove' }])).toEqual([]);
    expect(() => checkAcknowledgements([valid], 'apps/data/src/config/dev.ts')).not.toThrow();
  });

  it('names every bad field with its value and the fix', () => {
    const bad = [{ resource: ' ', change: 'update', reason: 'ok' } as unknown as ChangeAcknowledgement];
    expect(acknowledgementProblems(bad)).toEqual([
      'acknowledgedChanges[0].resource = " ": names no resource. Fix: the logical ID or construct path the plan prints.',
      "acknowledgedChanges[0].change = \"update\": not a change the plan refuses. Fix: 'replace' or 'remove'.",
      'acknowledgedChanges[0].reason = "ok": too short to review. Fix: say why the change is safe (the runbook followed, where the data went), at least 20 characters.',
    ]);
  });

  it('refuses a repeated acknowledgement, pointing at the first one', () => {
    expect(acknowledgementProblems([valid, valid])).toEqual([
      'acknowledgedChanges[1]: repeats acknowledgedChanges[0] (replace of Data/Database/Resource). Fix: keep one.',
    ]);
  });

  it('throws one ConfigError naming the source and listing every problem', () => {
    let thrown: unknown;
    try {
      checkAcknowledgements([valid, { ...valid, resource: 'Data/CacheKey', reason: '' }], 'apps/data/src/config/prod.ts');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).source).toBe('apps/data/src/config/prod.ts');
    expect((thrown as ConfigError).problems).toHaveLength(1);
    expect((thrown as Error).message).toContain(
      'Invalid configuration in apps/data/src/config/prod.ts (1 problem):\n  - acknowledgedChanges[1].reason = "": too short to review.',
    );
  });
});

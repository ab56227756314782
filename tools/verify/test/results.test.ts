import fc from 'fast-check';
import { outcomePassed } from '../model';
import { parseProbeOutput } from '../results';

describe('probe output', () => {
  it('reads PASS/FAIL lines and ignores everything else', () => {
    const out = 'installing…\nPASS postgres.tls ssl=t\nnoise PASS x.y\nFAIL redis.plain-tcp-refused answered PONG\nSUMMARY passed=1 failed=1\n';
    expect(parseProbeOutput(out)).toEqual([
      { probe: 'postgres', check: 'tls', passed: true, detail: 'ssl=t' },
      { probe: 'redis', check: 'plain-tcp-refused', passed: false, detail: 'answered PONG' },
    ]);
  });

  it('a summary that disagrees with the lines (truncated output) is a failure of its own', () => {
    const results = parseProbeOutput('PASS s3.put ok\nSUMMARY passed=5 failed=0\n');
    expect(results.at(-1)).toEqual(expect.objectContaining({ probe: 'runner', check: 'summary', passed: false }));
  });

  it('round-trips any set of check lines', () => {
    const name = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(fc.record({ probe: name, check: name, passed: fc.boolean(), detail: fc.stringMatching(/^[ -~]{0,40}$/).map((s) => s.trim()) })), (checks) => {
        const text = checks.map((c) => `${c.passed ? 'PASS' : 'FAIL'} ${c.probe}.${c.check}${c.detail ? ` ${c.detail}` : ''}`).join('\n');
        const passed = checks.filter((c) => c.passed).length;
        expect(parseProbeOutput(`${text}\nSUMMARY passed=${passed} failed=${checks.length - passed}\n`)).toEqual(checks);
      }),
    );
  });

  it('an outcome passes only when it finished, reported checks and all of them passed', () => {
    const ok = { probe: 'a', check: 'b', passed: true, detail: '' };
    expect(outcomePassed({ results: [ok], exitCode: 0, problems: [] })).toBe(true);
    expect(outcomePassed({ results: [], exitCode: 0, problems: [] })).toBe(false);
    expect(outcomePassed({ results: [ok], exitCode: null, problems: [] })).toBe(false);
    expect(outcomePassed({ results: [ok], exitCode: 0, problems: ['no summary'] })).toBe(false);
    expect(outcomePassed({ results: [ok, { ...ok, passed: false }], exitCode: 0, problems: [] })).toBe(false);
  });
});

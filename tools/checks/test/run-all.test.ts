import { CHECK_TARGETS, stepResults } from '../run-all';

const task = (name: string, status: string, seconds: number) => ({
  name,
  ph: 'X',
  dur: seconds * 1e6,
  args: { target: { project: name.split(':')[0], target: name.split(':')[1] }, status },
});
const TARGETS = [
  { target: 'lint', step: 'lint' },
  { target: 'synth-all', step: 'synth' },
  { target: 'cfn-lint', step: 'cfn-lint' },
];

describe('npm test: one line per step from Nx task profile', () => {
  it('passes a step whose tasks all succeeded or came from the cache, with task time and cache count', () => {
    const [lint] = stepResults(
      [
        { name: 'thread_name', ph: 'M' },
        task('edge:lint', 'success', 2),
        task('data:lint', 'local-cache', 0.5),
        task('ops:lint', 'local-cache-kept-existing', 0.25),
      ],
      TARGETS,
    );
    expect(lint).toEqual({ step: 'lint', ok: true, seconds: 2.75, detail: '3 tasks, 2 from cache' });
  });

  it('fails a step with a failed task, and a step whose tasks never ran because a dependency failed, naming them', () => {
    const results = stepResults([task('edge:lint', 'success', 1), task('edge:synth-all', 'failure', 9), task('edge:cfn-lint', 'skipped', 0)], TARGETS);
    expect(results.map((r) => [r.step, r.ok])).toEqual([
      ['lint', true],
      ['synth', false],
      ['cfn-lint', false],
    ]);
    expect(results[1].detail).toBe('1 task, 0 from cache; failed or not run: edge:synth-all');
    expect(results[2].detail).toBe('1 task, 0 from cache; failed or not run: edge:cfn-lint');
  });

  it('fails a step that has no task at all (a target dropped from every project must not pass silently)', () => {
    expect(stepResults([task('edge:lint', 'success', 1)], TARGETS)[1]).toEqual({ step: 'synth', ok: false, seconds: 0, detail: 'no task ran' });
  });

  it('reports every check target of the workspace, e2e suites included', () => {
    expect(CHECK_TARGETS.map((t) => t.target)).toEqual(
      expect.arrayContaining([
        'lint',
        'typecheck',
        'test',
        'docs',
        'synth-all',
        'cfn-lint',
        'policies',
        'hardened-switch',
        'e2e-contract',
        'e2e-tiers',
        'e2e-verify',
      ]),
    );
  });
});

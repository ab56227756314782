import { missingPrerequisites, summarySteps } from '../workspace';

describe('the workspace benchmark', () => {
  it('names each missing prerequisite and how to install it, so no partial figure is measured', () => {
    expect(missingPrerequisites((program) => program !== 'cfn-lint')).toEqual([
      'cfn-lint (the cfn-lint step of npm test): install it with pip install cfn-lint',
    ]);
    expect(missingPrerequisites(() => false)).toHaveLength(2);
    expect(missingPrerequisites(() => true)).toEqual([]);
  });

  it("reads npm test's per-step summary lines, failed ones included", () => {
    const output = [
      'Summary (seconds are task time; tasks run side by side):',
      '  ok     prerequisites of the probe tests (0.4 s)',
      '  ok     lint (12.5 s; 8 tasks, 8 from cache)',
      '  FAILED cfn-lint on every synthesized template (20.0 s; 4 tasks, 0 from cache; failed or not run: edge:cfn-lint)',
      '',
      'checks: 2 passed, 1 failed (33.1 s)',
    ].join('\n');
    expect(summarySteps(output)).toEqual([
      { step: 'prerequisites of the probe tests', ok: true, seconds: 0.4 },
      { step: 'lint', ok: true, seconds: 12.5 },
      { step: 'cfn-lint on every synthesized template', ok: false, seconds: 20 },
    ]);
  });
});

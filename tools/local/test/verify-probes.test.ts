import { probeChecks } from '../verify-probes';

describe('ops:verify in the main job', () => {
  it('turns the verify report into ops checks: steps, probe checks, problems, skipped probes, clean-up problems', () => {
    const checks = probeChecks({
      environment: 'local',
      runId: 'r',
      steps: [
        { step: 'probe function', ok: true, detail: 'showcore-verify-local-probe', seconds: 0.1 },
        { step: 'probes inside the VPC (probe function)', ok: false, detail: 'did not answer', seconds: 1 },
      ],
      skipped: [{ probe: 'redis', reason: 'the data tier published "not-emulated-locally" for its endpoint' }],
      inside: { results: [{ probe: 's3', check: 'put', passed: true, detail: 'PUT' }], exitCode: 1, problems: ['a problem'] },
      cleanup: { removedObjects: 0, problems: ['could not remove'] },
      passed: false,
    });
    expect(checks.map((c) => `${c.status} ${c.check}`)).toEqual([
      'pass ops:verify step: probe function',
      'fail ops:verify step: probes inside the VPC (probe function)',
      'pass ops:verify s3.put',
      'fail ops:verify problem',
      'not-emulated ops:verify redis probe',
      'fail ops:verify clean-up',
    ]);
    expect(checks.every((c) => c.tier === 'ops')).toBe(true);
  });
});

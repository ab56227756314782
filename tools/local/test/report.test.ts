import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CheckList, missingTags } from '../checks';
import { headline, passed, removeReport, summarize, toConsole, toMarkdown, writeReport, type RunReport } from '../report';

function sampleReport(): RunReport {
  const network = new CheckList('network');
  network.expect('no NAT gateway', true, '0 found');
  network.expect('private route tables have no default route', false, 'rtb-1 has 0.0.0.0/0');
  network.notEmulated('AWS::CloudWatch::Alarm ×2');
  return {
    environment: 'local',
    endpoint: 'http://localhost:5000',
    startedAt: '2026-11-23T00:00:00.000Z',
    seconds: { deploy: 12.34 },
    skippedTypes: {},
    checks: network.results,
  };
}

describe('the local run report', () => {
  it('counts passes, failures and what the emulator cannot run', () => {
    expect(summarize(sampleReport().checks)).toEqual({ passed: 1, failed: 1, notEmulated: 1 });
  });

  it('says loudly what is not emulated instead of passing it', () => {
    const markdown = toMarkdown(sampleReport());
    expect(markdown).toContain('**1 passed, 1 failed**, 1 resource types not emulated locally');
    expect(markdown).toContain('| network | SKIP | AWS::CloudWatch::Alarm ×2 | not emulated locally — covered by template tests |');
    expect(markdown).toContain('| network | FAIL | private route tables have no default route | rtb-1 has 0.0.0.0/0 |');
    expect(markdown).toContain('| deploy | 12.3 |');
    expect(toConsole(sampleReport())).toMatch(/verification: 1 passed, 1 failed\nFAILED at step "verify" \(the network tier\): 1 check\(s\) failed$/);
  });

  it('names the step and tier of a run that stopped early, and says it failed in every form', () => {
    const stopped: RunReport = { ...sampleReport(), checks: [], failure: { step: 'deploy', tier: 'data', message: 'deploy of the data tier failed (exit 1)' } };
    expect(passed(stopped)).toBe(false);
    expect(headline(stopped)).toBe('FAILED at step "deploy" (the data tier): deploy of the data tier failed (exit 1)');
    expect(toMarkdown(stopped)).toContain('**FAILED at step "deploy" (the data tier): deploy of the data tier failed (exit 1)**');
    const clean: RunReport = { ...sampleReport(), checks: sampleReport().checks.filter((c) => c.status !== 'fail') };
    expect(passed(clean)).toBe(true);
    expect(headline(clean)).toBe('PASSED: 1 checks passed');
  });

  it('removes a previous report, so a run that dies early leaves none that looks current', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-report-'));
    try {
      const files = writeReport(dir, sampleReport());
      fs.writeFileSync(path.join(dir, 'moto.log'), 'kept');
      removeReport(dir);
      expect(fs.existsSync(files.markdown) || fs.existsSync(files.json)).toBe(false);
      expect(fs.readdirSync(dir)).toEqual(['moto.log']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes Markdown and JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-report-'));
    try {
      const files = writeReport(dir, sampleReport());
      const json = JSON.parse(fs.readFileSync(files.json, 'utf8'));
      expect(json.checks).toHaveLength(3);
      expect(json.outcome).toBe('failed');
      expect(fs.readFileSync(files.markdown, 'utf8')).toMatch(/^# ShowCore local deploy and verification/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns an exception inside a check into a failed check naming the error', async () => {
    const checks = new CheckList('edge');
    await checks.guard('bucket x', async () => {
      throw new Error('NoSuchBucket');
    });
    expect(checks.results).toEqual([{ tier: 'edge', check: 'bucket x', status: 'fail', detail: 'error: NoSuchBucket' }]);
  });

  it('names the standard tags a resource lacks', () => {
    expect(missingTags([{ Key: 'Project', Value: 'ShowCore' }])).toEqual(['Phase', 'Environment', 'ManagedBy', 'CostCenter', 'Tier']);
    expect(missingTags({ Project: 'a', Phase: 'b', Environment: 'c', ManagedBy: 'd', CostCenter: 'e', Tier: 'f' })).toEqual([]);
  });
});

/** A tier's plan from a cloud assembly: the acknowledgements TierStack recorded there, and the stale ones. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { TierStack, type ChangeAcknowledgement } from '@showcore/naming';
import { planTier } from '../plan';
import { renderJson, renderMarkdown, renderText } from '../render';
import type { Plan, Template } from '../model';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Synthesizes a one-log-group TierStack with these acknowledgements; returns the assembly folder. */
function assembly(acknowledgedChanges: ChangeAcknowledgement[], retentionDays: logs.RetentionDays): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-plan-'));
  dirs.push(outdir);
  // The CDK CLI asks for path metadata (aws:cdk:path), which acknowledgements may name; a bare App does not.
  const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
  const stack = new TierStack(app, 'Data', {
    tier: 'data',
    environment: 'dev',
    config: { region: 'us-east-1', terminationProtection: false, acknowledgedChanges },
  });
  new logs.LogGroup(stack, 'Audit', { retention: retentionDays });
  app.synth();
  return outdir;
}

const reason = 'moved to the new key by the kms-key-migration runbook';

/** The data tier's dev plan of `dir` against a deployed stack that holds only a retained log group, OldAudit. */
function planOverDeployedAudit(dir: string) {
  const deployed: Template = { Resources: { OldAudit: { Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Retain' } } };
  return planTier({
    tier: 'data',
    target: 'dev',
    baselineLabel: 'deployed',
    assemblyDir: dir,
    baseline: new Map([['showcore-data-dev-stack', deployed]]),
  });
}

describe('planTier', () => {
  it('lets an acknowledged removal through and reports the acknowledgement that matches nothing as stale', () => {
    const dir = assembly(
      [
        { resource: 'OldAudit', change: 'remove', reason },
        { resource: 'Data/Nothing/Resource', change: 'replace', reason },
      ],
      logs.RetentionDays.ONE_WEEK,
    );
    const plan = planOverDeployedAudit(dir);
    const removal = plan.changes.find((c) => c.logicalId === 'OldAudit');
    expect(removal).toMatchObject({ kind: 'remove', acknowledged: reason });
    expect(plan.changes.find((c) => c.path === 'Data/Audit/Resource')).toMatchObject({ kind: 'add' });
    expect(plan.staleAcknowledgements).toEqual([{ resource: 'Data/Nothing/Resource', change: 'replace', reason }]);

    const whole: Plan = { environment: 'dev', baseline: { kind: 'deployed' }, tiers: [plan] };
    expect(renderText(whole)).toContain('STALE acknowledgement in apps/data/src/config/environments.ts: replace of Data/Nothing/Resource');
    expect(renderText(whole)).toContain(`acknowledged: ${reason}`);
    expect(renderMarkdown(whole)).toContain('**stale acknowledgement**: replace of `Data/Nothing/Resource`');
    expect(JSON.parse(renderJson(whole)).refused).toBe(0);
  });

  it('refuses an unacknowledged removal in every format', () => {
    const dir = assembly([], logs.RetentionDays.ONE_WEEK);
    const plan = planOverDeployedAudit(dir);
    const whole: Plan = { environment: 'dev', baseline: { kind: 'deployed' }, tiers: [plan] };
    expect(renderText(whole)).toContain('1 refused change(s), 0 stale acknowledgement(s): a deploy would stop here.');
    expect(renderMarkdown(whole)).toContain('**refused**: removing a AWS::Logs::LogGroup');
    expect(JSON.parse(renderJson(whole)).refused).toBe(1);
  });

  it('refuses an acknowledgement without a reviewable reason when the stack is built', () => {
    expect(() => assembly([{ resource: 'X', change: 'replace', reason: 'ok' }], logs.RetentionDays.ONE_WEEK)).toThrow(
      /acknowledgedChanges\[0\]\.reason = "ok": too short to review/,
    );
  });
});

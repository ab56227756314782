import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { CONTROL_TOWER_ACKNOWLEDGEMENTS, type ControlAcknowledgement } from '../control-tower-acknowledgements';
import { controlRuleFiles, controlTowerFailures, type ControlFailure } from '../templates/control-tower';
import { controlVerdict } from '../templates/control-tower-verdict';
import type { CfnResourceJson, SynthesizedTemplate, Variant } from '../templates/variants';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A template written to a temporary file, as the synth steps would. */
function written(variant: Variant, resources: Record<string, CfnResourceJson>): SynthesizedTemplate {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-ct-'));
  dirs.push(dir);
  const file = path.join(dir, 'Data.template.json');
  fs.writeFileSync(file, JSON.stringify({ Resources: resources }));
  return { tier: 'data', variant, stack: 'Data', file, resources };
}

/** A Lambda function in a VPC (no VpcConfig when `vpcConfig` is undefined). */
const lambdaFunction = (vpcConfig?: { SubnetIds: unknown; SecurityGroupIds: unknown }): CfnResourceJson => ({
  Type: 'AWS::Lambda::Function',
  Properties: {
    Runtime: 'nodejs22.x',
    Handler: 'index.handler',
    Role: 'arn:aws:iam::123456789012:role/r',
    Code: { ZipFile: 'exports.handler = async () => 1;' },
    ...(vpcConfig === undefined ? {} : { VpcConfig: vpcConfig }),
  },
});
/** Subnets from an Fn::Split of a parameter, groups from a parameter: the validator plugin fails on CT.LAMBDA.PR.3's results for them. */
const FROM_PARAMETERS = { SubnetIds: { 'Fn::Split': [',', { Ref: 'SubnetsParameter' }] }, SecurityGroupIds: [{ Ref: 'GroupParameter' }] };
const singleAzDb: CfnResourceJson = {
  Type: 'AWS::RDS::DBInstance',
  Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', MultiAZ: false, StorageEncrypted: true },
};
const UNEVALUABLE = 'cfn-guard could not evaluate this control here';

/** The failures of `templates` and how many cfn-guard runs (validator runs) they took. */
function counted(run: () => ControlFailure[]): { failures: ControlFailure[]; runs: number } {
  const validate = jest.spyOn(CfnGuardValidator.prototype, 'validate');
  try {
    const failures = run();
    return { failures, runs: validate.mock.calls.length };
  } finally {
    validate.mockRestore();
  }
}

const failure = (control: string, resource: string, variant: Variant, unevaluable = false): ControlFailure => ({
  control,
  rule: 'some_rule',
  template: { tier: 'data', variant, stack: 'Data', file: `apps/data/cdk.out/${variant}/Data.template.json`, resources: {} },
  logicalId: resource,
  type: 'AWS::RDS::DBInstance',
  fix: "Set 'MultiAZ' to 'true'.",
  unevaluable,
});

describe('AWS Control Tower proactive controls', () => {
  it('reads control ids, rule names and reported types from the rule pack', () => {
    const s3 = controlRuleFiles().find((f) => f.control === 'CT.S3.PR.1');
    expect(s3).toMatchObject({ rules: ['s3_bucket_level_public_access_prohibited_check'], reportsOn: ['AWS::S3::Bucket'] });
  });

  it('runs cfn-guard on a template and names the control, the resource and the fix', () => {
    const template = written('dev', {
      Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', MultiAZ: false, StorageEncrypted: true } },
    });
    const multiAz = controlTowerFailures([template]).filter((f) => f.control === 'CT.RDS.PR.1');
    expect(multiAz).toEqual([expect.objectContaining({ logicalId: 'Db', type: 'AWS::RDS::DBInstance', fix: "Set 'MultiAZ' to 'true'." })]);
    const fixed = written('dev', {
      Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', MultiAZ: true, StorageEncrypted: true } },
    });
    expect(controlTowerFailures([fixed]).filter((f) => f.control === 'CT.RDS.PR.1')).toEqual([]);
  });

  it('checks several templates in one run and gives each failure to its own template', () => {
    const single = written('dev', {
      Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', MultiAZ: false, StorageEncrypted: true } },
    });
    const multi = written('prod', {
      Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', MultiAZ: true, StorageEncrypted: true } },
    });
    const bucketOnly = written('staging', { Logs: { Type: 'AWS::S3::Bucket', Properties: {} } });
    const failures = controlTowerFailures([single, multi, bucketOnly]);
    expect(failures.filter((f) => f.control === 'CT.RDS.PR.1').map((f) => f.template.variant)).toEqual(['dev']);
    // Every failure names a resource type of its own template: the RDS rules never report on the bucket-only one.
    for (const f of failures) expect(Object.values(f.template.resources).map((r) => r.Type)).toContain(f.type);
    expect(failures.filter((f) => f.template === bucketOnly).every((f) => f.type === 'AWS::S3::Bucket')).toBe(true);
    expect(failures.some((f) => f.template === bucketOnly)).toBe(true);
  });

  it('reports a control the validator cannot evaluate on a template as a failure there, and still checks everything else', () => {
    // CT.LAMBDA.PR.3 over subnets from an Fn::Split of a parameter makes the validator plugin fail on its results.
    const lambda = written('dev', { Fn: lambdaFunction(FROM_PARAMETERS) });
    const db = written('prod', {
      Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', MultiAZ: false, StorageEncrypted: true } },
    });
    const failures = controlTowerFailures([lambda, db]);
    const unevaluable = failures.filter((f) => f.fix.startsWith('cfn-guard could not evaluate this control here'));
    expect(unevaluable.length).toBeGreaterThan(0);
    for (const f of unevaluable) expect(f).toMatchObject({ template: lambda, logicalId: 'Fn', type: 'AWS::Lambda::Function' });
    expect(failures.filter((f) => f.control === 'CT.RDS.PR.1')).toEqual([expect.objectContaining({ template: db, logicalId: 'Db' })]);
  });

  describe('a rule file the validator cannot evaluate on one template', () => {
    // The validator fails on CT.LAMBDA.PR.3 over `crashing`'s VpcConfig (built from parameters) only: that pair alone
    // is unevaluable; the same control on the other templates and every other control on `crashing` are evaluated.
    let templates: SynthesizedTemplate[];
    let halved: { failures: ControlFailure[]; runs: number };
    beforeAll(() => {
      templates = [
        written('dev', { Fn: lambdaFunction(FROM_PARAMETERS), Db: singleAzDb }),
        written('staging', { Fn: lambdaFunction({ SubnetIds: ['subnet-1', 'subnet-2'], SecurityGroupIds: ['sg-1'] }) }),
        written('prod', { Fn: lambdaFunction() }),
      ];
      halved = counted(() => controlTowerFailures(templates));
    });
    const lambdaPr3 = (failures: readonly ControlFailure[]) => failures.filter((f) => f.control === 'CT.LAMBDA.PR.3');

    it('halves the rule files until the one the validator cannot evaluate is alone, then tries it per template', () => {
      const { failures, runs } = halved;
      expect(failures.filter((f) => f.fix.startsWith(UNEVALUABLE)).map((f) => [f.control, f.template.variant, f.logicalId])).toEqual([
        ['CT.LAMBDA.PR.3', 'dev', 'Fn'],
      ]);
      expect(failures.filter((f) => f.unevaluable)).toEqual(failures.filter((f) => f.fix.startsWith(UNEVALUABLE)));
      expect(lambdaPr3(failures).map((f) => [f.template.variant, f.logicalId])).toEqual([
        ['dev', 'Fn'],
        ['prod', 'Fn'],
      ]);
      expect(lambdaPr3(failures)[1].fix).toMatch(/^In 'VpcConfig', provide the 'SubnetIds'/);
      expect(failures.filter((f) => f.control === 'CT.RDS.PR.1')).toEqual([expect.objectContaining({ template: templates[0], logicalId: 'Db' })]);
      // One run for all, then the halving (two runs a level) and one run per template the culprit concerns.
      expect(runs).toBeGreaterThan(6);
    });

    it('runs a pair known to be unevaluable apart: the same failures, in the same order, without the halving', () => {
      const known = counted(() => controlTowerFailures(templates, [{ control: 'CT.LAMBDA.PR.3', tier: 'data', resource: 'Fn', variants: ['dev'] }]));
      expect(known.failures).toEqual(halved.failures);
      // Every other rule file over the three templates; CT.LAMBDA.PR.3 over staging and prod; then over dev alone.
      expect(known.runs).toBe(3);
    });

    it('still evaluates a pair wrongly known to be unevaluable, and the verdict reports that acknowledgement as stale', () => {
      // dev, which does fail, is left to the fallback; staging and prod are run alone and evaluated normally.
      const known = counted(() =>
        controlTowerFailures(templates, [{ control: 'CT.LAMBDA.PR.3', tier: 'data', resource: 'Fn', variants: ['staging', 'prod'] }]),
      );
      expect(known.failures).toEqual(halved.failures);
      // Every other rule file over the three templates; CT.LAMBDA.PR.3 over dev (it fails there: no halving of one
      // file on one template); over staging alone; over prod alone.
      expect(known.runs).toBe(4);
      const ack: ControlAcknowledgement = {
        control: 'CT.LAMBDA.PR.3',
        tier: 'data',
        resource: 'Fn',
        variants: ['dev', 'staging', 'prod'],
        reason: 'the validator fails on it',
        unevaluable: true,
      };
      const verdict = controlVerdict(lambdaPr3(known.failures), [ack]);
      expect(verdict.unacknowledged).toEqual([]);
      expect(verdict.stale).toEqual([
        'CT.LAMBDA.PR.3 on data Fn in staging is acknowledged in tools/checks/control-tower-acknowledgements.ts but no longer fails. Fix: remove staging from that entry (or the entry).',
        `CT.LAMBDA.PR.3 on data Fn in prod is acknowledged as unevaluable in tools/checks/control-tower-acknowledgements.ts but cfn-guard evaluated it (it fails: ${lambdaPr3(known.failures)[1].fix}). Fix: drop \`unevaluable\` from that entry and give the reason for this failure (or fix it).`,
      ]);
    });
  });

  it('fails a new failure with control, resource and fix, and a stale acknowledgement per variant', () => {
    const acks: ControlAcknowledgement[] = [{ control: 'CT.RDS.PR.1', tier: 'data', resource: 'Db', variants: ['dev', 'staging'], reason: 'cost' }];
    const verdict = controlVerdict([failure('CT.RDS.PR.1', 'Db', 'dev'), failure('CT.RDS.PR.1', 'Other', 'dev')], acks);
    expect(verdict.acknowledged).toBe(1);
    expect(verdict.unacknowledged).toEqual([
      "CT.RDS.PR.1 (some_rule) fails on Other (AWS::RDS::DBInstance) in apps/data/cdk.out/dev/Data.template.json. Fix: Set 'MultiAZ' to 'true'. Or, when it is a deliberate choice, acknowledge it with its reason in tools/checks/control-tower-acknowledgements.ts.",
    ]);
    expect(verdict.stale).toEqual([
      'CT.RDS.PR.1 on data Db in staging is acknowledged in tools/checks/control-tower-acknowledgements.ts but no longer fails. Fix: remove staging from that entry (or the entry).',
    ]);
  });

  it('accepts an acknowledgement marked unevaluable only where the failure is one cfn-guard could not evaluate', () => {
    const acks: ControlAcknowledgement[] = [
      { control: 'CT.RDS.PR.1', tier: 'data', resource: 'Db', variants: ['dev', 'staging'], reason: 'not evaluable', unevaluable: true },
    ];
    const verdict = controlVerdict([failure('CT.RDS.PR.1', 'Db', 'dev', true), failure('CT.RDS.PR.1', 'Db', 'staging')], acks);
    expect(verdict.acknowledged).toBe(2);
    expect(verdict.unacknowledged).toEqual([]);
    expect(verdict.stale).toEqual([
      "CT.RDS.PR.1 on data Db in staging is acknowledged as unevaluable in tools/checks/control-tower-acknowledgements.ts but cfn-guard evaluated it (it fails: Set 'MultiAZ' to 'true'.). Fix: drop `unevaluable` from that entry and give the reason for this failure (or fix it).",
    ]);
  });

  it('gives every acknowledgement a control of the pack and a reason', () => {
    const controls = new Set(controlRuleFiles().map((f) => f.control));
    for (const ack of CONTROL_TOWER_ACKNOWLEDGEMENTS) {
      expect([ack.control, controls.has(ack.control)]).toEqual([ack.control, true]);
      expect(ack.reason.length).toBeGreaterThan(40);
      expect(ack.variants.length).toBeGreaterThan(0);
    }
  });
});

import { expectNoNagFindings, onlyResource, resourcesOfType } from '@showcore/testing';
import { applyOverrides, costOptimized, hardened, loadConfig } from '../../src/config';
import { synthesizeConfig, synthesizeTemplates, variantOf } from '../helpers';

describe('GuardDuty (guardDuty.enabled)', () => {
  it('is off in the cost-optimized profile and on in the hardened one', () => {
    expect(costOptimized.guardDuty.enabled).toBe(false);
    expect(applyOverrides(costOptimized, hardened).guardDuty.enabled).toBe(true);
    for (const environment of ['local', 'dev', 'staging', 'prod'] as const) expect(loadConfig(environment).guardDuty.enabled).toBe(false);
  });

  it('off: no detector and no findings rule', () => {
    const template = synthesizeTemplates(loadConfig('dev')).template('Ops');
    template.resourceCountIs('AWS::GuardDuty::Detector', 0);
    expect(resourcesOfType([template], 'AWS::Events::Rule').filter((r) => JSON.stringify(r.properties.EventPattern ?? {}).includes('guardduty'))).toEqual([]);
  });

  describe('on (prod, hardened)', () => {
    const result = synthesizeConfig(loadConfig('prod', 'hardened'), 'prod');
    const template = result.template('Ops');

    it('enables one detector on the foundational sources with every optional protection plan listed as off', () => {
      const detector = onlyResource(template, 'AWS::GuardDuty::Detector');
      expect(detector.properties.Enable).toBe(true);
      expect(detector.properties.FindingPublishingFrequency).toBe('FIFTEEN_MINUTES');
      expect(detector.properties.Features.map((f: { Name: string; Status: string }) => f.Status)).toEqual(Array(6).fill('DISABLED'));
      expect(detector.properties.Features.map((f: { Name: string }) => f.Name)).toContain('RDS_LOGIN_EVENTS');
    });

    it('sends findings of severity 7 or more to the critical topic', () => {
      const [rule] = resourcesOfType([template], 'AWS::Events::Rule').filter((r) => r.properties.Name === 'showcore-guardduty-prod-high-findings');
      expect(rule.properties.EventPattern).toEqual({
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        detail: { severity: [{ numeric: ['>=', 7] }] },
      });
      const critical = resourcesOfType([template], 'AWS::SNS::Topic').find((t) => t.properties.TopicName === 'showcore-critical-prod-alerts');
      expect(rule.properties.Targets).toEqual([expect.objectContaining({ Arn: { Ref: critical?.logicalId } })]);
    });

    it('passes cdk-nag', () => {
      expectNoNagFindings(result.app);
    });
  });

  it('takes another publishing frequency', () => {
    const template = synthesizeTemplates(variantOf('dev', { guardDuty: { enabled: true, findingPublishingFrequency: 'SIX_HOURS' } })).template('Ops');
    expect(onlyResource(template, 'AWS::GuardDuty::Detector').properties.FindingPublishingFrequency).toBe('SIX_HOURS');
  });
});

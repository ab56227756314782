import { onlyResource, resourcesOfType, resourceWith } from '@showcore/testing';
import { loadConfig } from '../../src/config';
import { synthesizeTemplates, variantOf } from '../helpers';

describe('AWS Config rules that follow what the hardened profile turns on', () => {
  const template = synthesizeTemplates(loadConfig('staging', 'hardened'), 'staging').template('Ops');

  it('checks Multi-AZ on the RDS instances (the hardened data tier runs Multi-AZ)', () => {
    const rule = resourceWith(template, 'AWS::Config::ConfigRule', 'ConfigRuleName', 'showcore-config-staging-rds-multi-az-support');
    expect(rule.properties.Source).toEqual({ Owner: 'AWS', SourceIdentifier: 'RDS_MULTI_AZ_SUPPORT' });
    expect(rule.properties.Scope).toEqual({ ComplianceResourceTypes: ['AWS::RDS::DBInstance'] });
  });

  it('checks flow logs daily on every VPC (the hardened network tier turns them on)', () => {
    const rule = resourceWith(template, 'AWS::Config::ConfigRule', 'ConfigRuleName', 'showcore-config-staging-vpc-flow-logs-enabled');
    expect(rule.properties).toMatchObject({
      Source: { Owner: 'AWS', SourceIdentifier: 'VPC_FLOW_LOGS_ENABLED' },
      MaximumExecutionFrequency: 'TwentyFour_Hours',
    });
    expect(rule.properties.Scope).toBeUndefined();
  });

  it('has all ten design.md rules', () => {
    expect(resourcesOfType([template], 'AWS::Config::ConfigRule')).toHaveLength(10);
  });

  it('records no snapshots when the snapshot rule is off', () => {
    const off = synthesizeTemplates(variantOf('dev', { awsConfig: { rules: { 'rds-snapshots-public-prohibited': false } } })).template('Ops');
    expect(onlyResource(off, 'AWS::Config::ConfigurationRecorder').properties.RecordingGroup.ResourceTypes).not.toContain('AWS::RDS::DBSnapshot');
  });
});

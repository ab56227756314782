import { type App, CfnResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { EnvironmentName } from '@showcore/naming';
import { configSynthesizer, configVariants, nagFindings, synthesisPerEnvironment } from '../src';

interface TierConfig {
  readonly retentionDays: number;
  readonly bucket: { readonly versioned: boolean; readonly name: string };
}

const environmentConfig = (environment: EnvironmentName): TierConfig => ({
  retentionDays: environment === 'prod' ? 30 : 7,
  bucket: { versioned: true, name: `b-${environment}` },
});

function buildStacks(app: App, environment: EnvironmentName, config: TierConfig): void {
  const stack = new Stack(app, 'Tier');
  new CfnResource(stack, 'Logs', { type: 'AWS::Logs::LogGroup', properties: { RetentionInDays: config.retentionDays, LogGroupName: `/t/${environment}` } });
}

describe('configVariants', () => {
  it("applies overrides to the environment's configuration, nested groups field by field", () => {
    const variantOf = configVariants(environmentConfig);
    expect(variantOf('prod', { bucket: { versioned: false } })).toEqual({ retentionDays: 30, bucket: { versioned: false, name: 'b-prod' } });
    expect(variantOf('dev', {})).toEqual(environmentConfig('dev'));
  });
});

describe('configSynthesizer', () => {
  const synthesizeConfig = configSynthesizer(buildStacks);

  it('builds the stacks from the configuration in the given environment, dev by default', () => {
    const dev = synthesizeConfig(environmentConfig('dev'));
    expect(dev.template('Tier').toJSON().Resources.Logs.Properties).toEqual({ RetentionInDays: 7, LogGroupName: '/t/dev' });
    const prod = synthesizeConfig({ ...environmentConfig('prod'), retentionDays: 90 }, 'prod');
    expect(prod.template('Tier').toJSON().Resources.Logs.Properties).toEqual({ RetentionInDays: 90, LogGroupName: '/t/prod' });
  });

  it('adds cdk-nag AwsSolutions, so an unacknowledged finding is reported', () => {
    const openToTheWorld = configSynthesizer((app: App, _environment: EnvironmentName, port: number) => {
      new ec2.CfnSecurityGroup(new Stack(app, 'Tier'), 'Open', {
        groupDescription: 'open',
        securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: port, toPort: port, cidrIp: '0.0.0.0/0', description: 'open' }],
      });
    });
    expect(nagFindings(openToTheWorld(5432).app)).toEqual([expect.objectContaining({ rule: 'AwsSolutions-EC23', path: 'Tier/Open' })]);
  });

  it('with nag: false, builds the same templates without cdk-nag (for tests that read only templates)', () => {
    const templatesOf = configSynthesizer(buildStacks, { nag: false });
    const result = templatesOf(environmentConfig('prod'), 'prod');
    expect(result.template('Tier').toJSON()).toEqual(synthesizeConfig(environmentConfig('prod'), 'prod').template('Tier').toJSON());
    expect(() => nagFindings(result.app)).toThrow(/No validation-report\.json .*was cdk-nag added/);
  });
});

describe('synthesisPerEnvironment', () => {
  it('passes its options to each synthesis', () => {
    const synthOf = synthesisPerEnvironment((app) => void new Stack(app, 'Tier'), { context: { profile: 'hardened' } });
    expect(synthOf('prod').app.node.tryGetContext('profile')).toBe('hardened');
  });

  it('synthesizes each environment once and gives the same result after', () => {
    const builds: string[] = [];
    const synthOf = synthesisPerEnvironment((app) => {
      builds.push(String(app.node.tryGetContext('env')));
      buildStacks(app, 'dev', environmentConfig('dev'));
    });
    const first = synthOf('dev');
    expect(synthOf('dev')).toBe(first);
    synthOf('staging');
    expect(builds).toEqual(['dev', 'staging']);
  });
});

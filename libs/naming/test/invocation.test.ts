import { App } from 'aws-cdk-lib';
import { environmentOf, isProfileName, parseProfile, PROFILE_NAMES, unknownContextKeys } from '../src';

describe('profiles', () => {
  it('accepts exactly the declared profile names', () => {
    expect(PROFILE_NAMES).toEqual(['hardened']);
    expect(isProfileName('hardened')).toBe(true);
    expect(isProfileName('hardend')).toBe(false);
    expect(parseProfile('hardened')).toBe('hardened');
  });

  it('names the value, its source, the choices and the option in an error', () => {
    expect(() => parseProfile('hardend', '--profile', '--profile=<name>')).toThrow(
      'Unknown configuration profile "hardend" (from --profile). Expected one of: hardened. Pass one with --profile=<name>, ' +
        "or leave it out for the environment's own values.",
    );
  });
});

describe('context keys', () => {
  it("lets ShowCore's keys and the CDK's own through", () => {
    expect(
      unknownContextKeys({
        env: 'dev',
        profile: 'hardened',
        'cli-telemetry': false,
        '@aws-cdk/core:newStyleStackSynthesis': true,
        'availability-zones:account=123456789012:region=us-east-1': ['us-east-1a'],
        'aws:cdk:enable-path-metadata': true,
      }),
    ).toEqual([]);
  });

  it('names each key it does not know, with the value and the keys it reads', () => {
    expect(unknownContextKeys({ env: 'dev', envv: 'prod', profle: 'hardened' })).toEqual([
      'Unknown context key "envv" (-c envv=prod). ShowCore reads only: env, profile (-c env=<local|dev|staging|prod>, -c profile=<hardened>).',
      'Unknown context key "profle" (-c profle=hardened). ShowCore reads only: env, profile (-c env=<local|dev|staging|prod>, -c profile=<hardened>).',
    ]);
  });

  it('environmentOf refuses an unknown key before reading the environment', () => {
    expect(() => environmentOf(new App({ context: { env: 'dev', enviroment: 'prod' } }))).toThrow('Unknown context key "enviroment"');
  });

  it('environmentOf has no default environment', () => {
    expect(() => environmentOf(new App())).toThrow('Unknown environment nothing (from the CDK context "env")');
  });
});

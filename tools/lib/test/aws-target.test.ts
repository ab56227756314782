import { awsEnvironmentFor, awsEnvironmentWithCredentials, deployMethodFor, isLoopbackUrl } from '../aws-target';
import { credentialSource } from '../credentials';
import { parseArgs } from '../args';

describe('isLoopbackUrl', () => {
  it.each(['http://localhost:5000', 'http://127.0.0.1:5000', 'http://127.9.8.7', 'http://[::1]:5000'])('accepts %s', (url) => {
    expect(isLoopbackUrl(url)).toBe(true);
  });

  it.each(['http://10.0.0.5:5000', 'https://s3.amazonaws.com', 'http://192.168.1.2', 'http://localhost.example.com', 'not a url'])('rejects %s', (url) => {
    expect(isLoopbackUrl(url)).toBe(false);
  });
});

describe('awsEnvironmentFor', () => {
  it('points the local environment at the emulator with dummy credentials', () => {
    const env = awsEnvironmentFor('local', { AWS_ENDPOINT_URL: 'http://localhost:5123' });
    expect(env).toMatchObject({
      AWS_ENDPOINT_URL: 'http://localhost:5123',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'testing',
      CDK_DEFAULT_ACCOUNT: '123456789012',
    });
  });

  it('refuses a local deploy without an emulator, saying how to start one', () => {
    expect(() => awsEnvironmentFor('local', {})).toThrow(/AWS_ENDPOINT_URL is not set\. Run `npm start`/);
  });

  it('refuses a local deploy to anything but loopback', () => {
    expect(() => awsEnvironmentFor('local', { AWS_ENDPOINT_URL: 'http://10.1.2.3:5000' })).toThrow(
      'AWS_ENDPOINT_URL="http://10.1.2.3:5000" is not a loopback address; the local environment only talks to moto on 127.0.0.1/localhost.',
    );
  });

  it('refuses a real environment aimed at the emulator', () => {
    expect(() => awsEnvironmentFor('prod', { AWS_ENDPOINT_URL: 'http://localhost:5000' })).toThrow(/environment is "prod"\. Unset AWS_ENDPOINT_URL/);
  });

  it('leaves a real environment to the normal credential chain', () => {
    expect(awsEnvironmentFor('dev', { AWS_PROFILE: 'showcore-dev' })).toEqual({ AWS_PROFILE: 'showcore-dev', AWS_EC2_METADATA_DISABLED: 'true' });
  });
});

describe('parseArgs', () => {
  it('reads --key=value, --key value, flags, positionals and the CDK habit -c env=<name>', () => {
    expect(parseArgs(['deploy', '--tier=data', '--environment', 'dev', '--keep', '-c', 'env=prod'])).toEqual({
      positional: ['deploy'],
      options: { tier: 'data', environment: 'prod', keep: true },
    });
  });
});

describe('deployMethodFor', () => {
  it('deploys real environments through change sets and the emulator directly (moto drops outputs of change sets)', () => {
    expect(deployMethodFor('prod')).toBe('change-set');
    expect(deployMethodFor('dev')).toBe('change-set');
    expect(deployMethodFor('local')).toBe('direct');
  });
});

describe('awsEnvironmentWithCredentials', () => {
  const home = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'showcore-home-')) as string;

  it('refuses a real environment without credentials before any request, naming what could not run', () => {
    expect(() => awsEnvironmentWithCredentials('prod', 'a deploy of the data tier', { HOME: home })).toThrow(
      'No AWS credentials for the prod environment, so a deploy of the data tier cannot run.',
    );
  });

  it.each([
    [{ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' }],
    [{ AWS_WEB_IDENTITY_TOKEN_FILE: '/tmp/token', AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/deploy' }],
  ])('accepts credentials from %j and never asks the instance metadata service', (vars) => {
    expect(awsEnvironmentWithCredentials('dev', 'x', { HOME: home, ...vars })).toMatchObject({ ...vars, AWS_EC2_METADATA_DISABLED: 'true' });
  });

  it('accepts a named profile from the shared config file', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    fs.mkdirSync(`${home}/.aws`, { recursive: true });
    fs.writeFileSync(`${home}/.aws/config`, '[profile showcore-dev]\nsso_session = showcore\n');
    expect(credentialSource({ HOME: home, AWS_PROFILE: 'showcore-dev' })).toBe(`the profile "showcore-dev" in ${home}/.aws/config`);
    expect(credentialSource({ HOME: home, AWS_PROFILE: 'showcore-prod' })).toBeUndefined();
  });
});

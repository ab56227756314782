import { ENVIRONMENTS, type EnvironmentName } from '@showcore/naming';
import { configSynthesizer, onlyResource, resourcesOfType, resourceWith, synthesize } from '@showcore/testing';
import type { Template } from 'aws-cdk-lib/assertions';
import { buildDataStack } from '../../src/app';
import { loadConfig, NOT_EMULATED, validateDataConfig } from '../../src/config';
import { environmentConfig } from '../../src/config/environments';
import { DataStack } from '../../src/stacks/data-stack';

/**
 * Passwordless access (IAM database authentication, Redis RBAC with IAM users) in every environment: the stack
 * `cdk synth -c env=<environment>` builds, without cdk-nag, which these tests do not read (data-stack.test.ts and
 * data-stack.environments.test.ts assert on its findings for every environment).
 */
const withoutNag = configSynthesizer(buildDataStack, { nag: false });
const templateOf = (environment: EnvironmentName): Template => withoutNag(loadConfig(environment), environment).template('Data');

function parameterValue(template: Template, name: string): unknown {
  return resourceWith(template, 'AWS::SSM::Parameter', 'Name', name).properties.Value;
}

describe.each(ENVIRONMENTS.map((environment) => [environment]))('data tier access (%s)', (environment) => {
  const template = templateOf(environment);
  const users = resourcesOfType([template], 'AWS::ElastiCache::User');
  const userNamed = (name: string) => users.find((u) => u.properties.UserName === name);

  it('turns on IAM database authentication on the instance', () => {
    expect(onlyResource(template, 'AWS::RDS::DBInstance').properties.EnableIAMDatabaseAuthentication).toBe(true);
  });

  it('authenticates the replication group through exactly one user group holding exactly its three users', () => {
    const group = onlyResource(template, 'AWS::ElastiCache::UserGroup');
    expect(onlyResource(template, 'AWS::ElastiCache::ReplicationGroup').properties.UserGroupIds).toEqual([{ Ref: group.logicalId }]);
    expect(group.properties).toMatchObject({ Engine: 'redis', UserGroupId: `showcore-redis-${environment}-users` });
    expect(group.properties.UserIds).toEqual(users.map((u) => ({ Ref: u.logicalId })));
    expect(users.map((u) => u.properties.UserName).sort()).toEqual(['default', `showcore-redis-${environment}-app`, `showcore-redis-${environment}-probe`]);
  });

  it('replaces the built-in default user with one that is switched off and may run nothing', () => {
    const disabled = userNamed('default');
    expect(disabled?.properties.UserId).not.toBe('default');
    expect(disabled?.properties.AccessString).toBe('off -@all');
  });

  it.each([
    ['probe', 'on ~showcore:verify:* -@all +ping +set +get +del +exists'],
    ['app', 'on ~* &* +@all -@dangerous'],
  ])('the %s user authenticates with IAM only (same lowercase id and name), with its access string', (role, access) => {
    const user = userNamed(`showcore-redis-${environment}-${role}`);
    expect(user?.properties).toMatchObject({ Engine: 'redis', AuthenticationMode: { Type: 'iam' }, UserId: user?.properties.UserName, AccessString: access });
    expect(user?.properties.Passwords).toBeUndefined();
    expect(user?.properties.NoPasswordRequired).toBeUndefined();
  });

  it("keeps user and group ids within ElastiCache's pattern ([a-z][a-z0-9-]*)", () => {
    const ids = [...users.map((u) => u.properties.UserId), onlyResource(template, 'AWS::ElastiCache::UserGroup').properties.UserGroupId];
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it('publishes the application user, the probe user and the DB resource id (placeholders where the emulator lacks them)', () => {
    const local = environment === 'local';
    const ref = (prefix: string) => ({ Ref: users.find((u) => u.logicalId.startsWith(prefix))?.logicalId });
    const database = onlyResource(template, 'AWS::RDS::DBInstance').logicalId;
    expect(parameterValue(template, `/showcore/${environment}/data/redis-application-user-id`)).toEqual(local ? NOT_EMULATED : ref('RedisApplicationUser'));
    expect(parameterValue(template, `/showcore/${environment}/data/redis-probe-user-id`)).toEqual(local ? NOT_EMULATED : ref('RedisProbeUser'));
    expect(parameterValue(template, `/showcore/${environment}/data/db-resource-id`)).toEqual(
      local ? NOT_EMULATED : { 'Fn::GetAtt': [database, 'DbiResourceId'] },
    );
  });
});

describe('data tier access, retained cache', () => {
  it('keeps the users and the user group when the cache is retained (a group in use cannot lose them)', () => {
    const base = environmentConfig('dev');
    const config = validateDataConfig({ ...base, cache: { ...base.cache, removal: 'retain' } }, 'dev', 'test');
    const template = synthesize('dev', (app) => void new DataStack(app, 'Data', { environment: 'dev', config })).template('Data');
    const policies = [...resourcesOfType([template], 'AWS::ElastiCache::User'), ...resourcesOfType([template], 'AWS::ElastiCache::UserGroup')].map(
      (r) => r.resource.DeletionPolicy,
    );
    expect(policies).toEqual(['Retain', 'Retain', 'Retain', 'Retain']);
  });
});

import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import type { Construct } from 'constructs';
import { resourceName, type EnvironmentName } from '@showcore/naming';

/**
 * Access strings of the cache's users (Redis ACL syntax). The probe may touch only its own keys, with only the
 * commands the verification needs; the application gets every command but the dangerous ones (FLUSHALL, CONFIG,
 * KEYS, DEBUG, …), on every key and channel.
 */
export const REDIS_ACCESS_STRINGS = {
  disabledDefault: 'off -@all',
  probe: 'on ~showcore:verify:* -@all +ping +set +get +del +exists',
  application: 'on ~* &* +@all -@dangerous',
} as const;

/** User ids of an environment. IAM-authenticated users need the same id and name, lowercase. */
export function redisUserIds(environment: EnvironmentName): { disabledDefault: string; probe: string; application: string; group: string } {
  return {
    disabledDefault: resourceName('redis', environment, 'default-off'),
    probe: resourceName('redis', environment, 'probe'),
    application: resourceName('redis', environment, 'app'),
    group: resourceName('redis', environment, 'users'),
  };
}

export interface RedisUsers {
  readonly userGroup: elasticache.CfnUserGroup;
  readonly probe: elasticache.CfnUser;
  readonly application: elasticache.CfnUser;
  /** Every user of the group, the disabled `default` included. */
  readonly all: readonly elasticache.CfnUser[];
}

export interface RedisUsersProps {
  readonly environment: EnvironmentName;
}

/**
 * Role-based access control for the replication group: the user group `id` (`RedisUserGroup`) with
 *
 * - `RedisDefaultUserDisabled`: a group must contain a user named `default`; this one replaces the built-in
 *   `default` user (which has every right and no password) with one that is switched off (`off`), so a
 *   connection that does not authenticate can run nothing;
 * - `RedisProbeUser`: IAM-authenticated, for `ops:verify`'s probe function (its own keys only);
 * - `RedisApplicationUser`: IAM-authenticated, for the application tier (published through SSM).
 *
 * IAM authentication (Redis 7+, TLS required) means no password exists anywhere: a client signs a short-lived
 * token with its role's credentials, and the role needs `elasticache:Connect` on the group and the user.
 */
export function createRedisUsers(scope: Construct, id: string, props: RedisUsersProps): RedisUsers {
  const ids = redisUserIds(props.environment);
  // An `off` user cannot log in whatever its authentication mode; `iam` is not allowed for the name `default`.
  const disabledDefault = new elasticache.CfnUser(scope, 'RedisDefaultUserDisabled', {
    engine: 'redis',
    userId: ids.disabledDefault,
    userName: 'default',
    accessString: REDIS_ACCESS_STRINGS.disabledDefault,
    authenticationMode: { Type: 'no-password-required' },
  });
  const iamUser = (userConstructId: string, userId: string, accessString: string): elasticache.CfnUser =>
    new elasticache.CfnUser(scope, userConstructId, { engine: 'redis', userId, userName: userId, accessString, authenticationMode: { Type: 'iam' } });
  const probe = iamUser('RedisProbeUser', ids.probe, REDIS_ACCESS_STRINGS.probe);
  const application = iamUser('RedisApplicationUser', ids.application, REDIS_ACCESS_STRINGS.application);

  const userGroup = new elasticache.CfnUserGroup(scope, id, {
    engine: 'redis',
    userGroupId: ids.group,
    // Refs, not literal ids: the group is created after its users.
    userIds: [disabledDefault.ref, probe.ref, application.ref],
  });
  return { userGroup, probe, application, all: [disabledDefault, probe, application] };
}

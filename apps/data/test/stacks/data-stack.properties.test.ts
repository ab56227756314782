import fc from 'fast-check';
import { ConfigError, type EnvironmentName } from '@showcore/naming';
import { ingressRules, resourcesOfType } from '@showcore/testing';
import type { StatefulRemovalChoice } from '@showcore/naming';
import { applyOverrides, environmentConfig, type DataConfig } from '../../src/config';
import { coversPort, templateFor } from '../helpers';

/** What keeps each stateful type's data when it leaves the stack: CloudFormation snapshots only databases and caches. */
const KEPT: Record<string, readonly string[]> = {
  'AWS::RDS::DBInstance': ['Snapshot', 'Retain'],
  'AWS::ElastiCache::ReplicationGroup': ['Snapshot', 'Retain'],
  'AWS::Logs::LogGroup': ['Retain'],
  'AWS::KMS::Key': ['Retain'],
};
const STATEFUL_TYPES = Object.keys(KEPT);

/** The removal choices and deletion protection generated for an environment: `valid` keeps to what validation accepts. */
function removalChoices(environment: EnvironmentName, valid: boolean | undefined) {
  const all: StatefulRemovalChoice[] = ['snapshot', 'retain', 'destroy'];
  const kept = valid === true && environment !== 'local' ? all.filter((r) => r !== 'destroy') : all;
  return {
    removal: fc.constantFrom<StatefulRemovalChoice>(...kept),
    logRemoval: fc.constantFrom<'retain' | 'destroy'>(...(kept.includes('destroy') ? (['retain', 'destroy'] as const) : (['retain'] as const))),
    deletionProtection: valid === true && environment === 'prod' ? fc.constant(true) : fc.boolean(),
  };
}

/**
 * Variations of an environment's configuration around what the properties are about. `valid: true` generates only
 * what validation must accept, so every run builds a template; otherwise anything, valid or not.
 */
const variant = (valid?: boolean): fc.Arbitrary<{ environment: EnvironmentName; config: DataConfig }> =>
  fc
    .constantFrom<EnvironmentName>('local', 'dev', 'staging', 'prod')
    .chain((environment) => {
      const choices = removalChoices(environment, valid);
      return fc.record({
        environment: fc.constant(environment),
        databasePort: fc.oneof(fc.constant(5432), fc.integer({ min: 1150, max: 65535 })),
        cachePort: fc.oneof(fc.constant(6379), fc.integer({ min: 1024, max: 65535 })),
        multiAz: fc.boolean(),
        replicas: fc.integer({ min: 0, max: 2 }),
        encryptionKey: fc.constantFrom('aws-managed' as const, 'customer-managed' as const),
        databaseRemoval: choices.removal,
        cacheRemoval: choices.removal,
        logRemoval: choices.logRemoval,
        deletionProtection: choices.deletionProtection,
      });
    })
    .map((v) => ({
      environment: v.environment,
      config: applyOverrides(environmentConfig(v.environment), {
        encryptionKey: v.encryptionKey,
        database: { port: v.databasePort, multiAz: v.multiAz, removal: v.databaseRemoval, logRemoval: v.logRemoval, deletionProtection: v.deletionProtection },
        cache: { port: v.cachePort, replicas: v.replicas, removal: v.cacheRemoval },
      }),
    }));

/** What validation must accept: anything in local; elsewhere nothing destroyed, and prod keeps deletion protection. */
function shouldBeValid(environment: EnvironmentName, config: DataConfig): boolean {
  if (environment === 'local') return true;
  const destroys = [config.database.removal, config.cache.removal, config.database.logRemoval].includes('destroy');
  return !destroys && (environment !== 'prod' || config.database.deletionProtection);
}

describe('data stack properties (generated configurations)', () => {
  it('the generator of valid configurations generates only what the rule calls valid (so the next property is never vacuous)', () => {
    fc.assert(
      fc.property(variant(true), ({ environment, config }) => shouldBeValid(environment, config)),
      { numRuns: 200 },
    );
  });

  it('refuses, with a ConfigError, every configuration that breaks a rule', () => {
    fc.assert(
      fc.property(
        variant().filter(({ environment, config }) => !shouldBeValid(environment, config)),
        ({ environment, config }) => {
          expect(() => templateFor(environment, config)).toThrow(ConfigError);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('never opens the database or cache port to a CIDR, and stateful resources keep a snapshot or are retained outside local', () => {
    fc.assert(
      fc.property(variant(true), ({ environment, config }) => {
        // Every generated configuration is valid: building it must succeed.
        const template = templateFor(environment, config);

        const rules = ingressRules(template);
        const toCidr = rules.filter(({ rule }) => rule.CidrIp !== undefined || rule.CidrIpv6 !== undefined || rule.SourcePrefixListId !== undefined);
        expect(toCidr).toEqual([]);
        for (const port of [5432, 6379, config.database.port, config.cache.port]) {
          for (const { rule } of rules.filter(({ rule: r }) => coversPort(r, port))) {
            expect(JSON.stringify(rule.SourceSecurityGroupId)).toMatch(/networkappsecuritygroupid/);
          }
        }

        if (environment !== 'local') {
          const stateful = resourcesOfType([template]).filter((r) => STATEFUL_TYPES.includes(r.type));
          // Not vacuous: the database and the cache are always among them.
          expect(stateful.map((r) => r.type)).toEqual(expect.arrayContaining(['AWS::RDS::DBInstance', 'AWS::ElastiCache::ReplicationGroup']));
          // The helpers of each follow it: kept when it is retained (a retained instance keeps using them), else deleted.
          const helperTypes = [
            'AWS::RDS::DBSubnetGroup',
            'AWS::RDS::DBParameterGroup',
            'AWS::ElastiCache::SubnetGroup',
            'AWS::ElastiCache::ParameterGroup',
            'AWS::EC2::SecurityGroup',
          ];
          for (const [prefix, removal] of [
            ['Rds', config.database.removal],
            ['ElastiCache', config.cache.removal],
          ] as const) {
            const helpers = resourcesOfType([template]).filter((r) => helperTypes.includes(r.type) && r.logicalId.startsWith(prefix));
            expect(helpers.length).toBe(3);
            const expected = removal === 'retain' ? 'Retain' : 'Delete';
            for (const h of helpers) expect({ id: h.logicalId, policy: h.resource.DeletionPolicy ?? 'Delete' }).toEqual({ id: h.logicalId, policy: expected });
          }
          for (const resource of stateful) {
            expect({
              id: resource.logicalId,
              deletion: KEPT[resource.type].includes(resource.resource.DeletionPolicy),
              replace: KEPT[resource.type].includes(resource.resource.UpdateReplacePolicy),
            }).toEqual({
              id: resource.logicalId,
              deletion: true,
              replace: true,
            });
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});

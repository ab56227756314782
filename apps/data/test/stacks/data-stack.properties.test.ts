import fc from 'fast-check';
import { ConfigError, type EnvironmentName } from '@showcore/naming';
import { resourcesOfType } from '@showcore/testing';
import { applyOverrides, environmentConfig, type DataConfig, type StatefulRemoval } from '../../src/config';
import { coversPort, ingressRules, templateFor } from '../helpers';

/** What keeps each stateful type's data when it leaves the stack: CloudFormation snapshots only databases and caches. */
const KEPT: Record<string, readonly string[]> = {
  'AWS::RDS::DBInstance': ['Snapshot', 'Retain'],
  'AWS::ElastiCache::ReplicationGroup': ['Snapshot', 'Retain'],
  'AWS::Logs::LogGroup': ['Retain'],
  'AWS::KMS::Key': ['Retain'],
};
const STATEFUL_TYPES = Object.keys(KEPT);

/** Valid and invalid variations of an environment's configuration around what the properties are about. */
const variant = (): fc.Arbitrary<{ environment: EnvironmentName; config: DataConfig }> =>
  fc
    .record({
      environment: fc.constantFrom<EnvironmentName>('local', 'dev', 'staging', 'prod'),
      databasePort: fc.oneof(fc.constant(5432), fc.integer({ min: 1150, max: 65535 })),
      cachePort: fc.oneof(fc.constant(6379), fc.integer({ min: 1024, max: 65535 })),
      multiAz: fc.boolean(),
      replicas: fc.integer({ min: 0, max: 2 }),
      encryptionKey: fc.constantFrom('aws-managed' as const, 'customer-managed' as const),
      databaseRemoval: fc.constantFrom<StatefulRemoval>('snapshot', 'retain', 'destroy'),
      cacheRemoval: fc.constantFrom<StatefulRemoval>('snapshot', 'retain', 'destroy'),
      logRemoval: fc.constantFrom('retain' as const, 'destroy' as const),
      deletionProtection: fc.boolean(),
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
  it('never opens the database or cache port to a CIDR, and stateful resources keep a snapshot or are retained outside local', () => {
    let built = 0;
    fc.assert(
      fc.property(variant(), ({ environment, config }) => {
        let template;
        try {
          template = templateFor(environment, config);
        } catch (error) {
          // A configuration may only be refused by validation, and only when it breaks a rule.
          expect(error).toBeInstanceOf(ConfigError);
          expect(shouldBeValid(environment, config)).toBe(false);
          return;
        }
        expect(shouldBeValid(environment, config)).toBe(true);
        built++;

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
          const helperTypes = ['AWS::RDS::DBSubnetGroup', 'AWS::RDS::DBParameterGroup', 'AWS::ElastiCache::SubnetGroup', 'AWS::ElastiCache::ParameterGroup', 'AWS::EC2::SecurityGroup'];
          for (const [prefix, removal] of [['Rds', config.database.removal], ['ElastiCache', config.cache.removal]] as const) {
            const helpers = resourcesOfType([template]).filter((r) => helperTypes.includes(r.type) && r.logicalId.startsWith(prefix));
            expect(helpers.length).toBe(3);
            const expected = removal === 'retain' ? 'Retain' : 'Delete';
            for (const h of helpers) expect({ id: h.logicalId, policy: h.resource.DeletionPolicy ?? 'Delete' }).toEqual({ id: h.logicalId, policy: expected });
          }
          for (const resource of stateful) {
            expect({ id: resource.logicalId, deletion: KEPT[resource.type].includes(resource.resource.DeletionPolicy), replace: KEPT[resource.type].includes(resource.resource.UpdateReplacePolicy) }).toEqual({
              id: resource.logicalId,
              deletion: true,
              replace: true,
            });
          }
        }
      }),
      { numRuns: 25 },
    );
    // The property above must not hold only because everything was refused.
    expect(built).toBeGreaterThan(5);
  });
});

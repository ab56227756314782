import { onlyResource } from '@showcore/testing';
import { applyOverrides, environmentConfig, type DataConfigOverrides } from '../../src/config';
import { templateFor } from '../helpers';

/** The dev template with some settings changed (validated first, as the app does). */
const devWith = (overrides: DataConfigOverrides) => templateFor('dev', applyOverrides(environmentConfig('dev'), overrides));

describe('data settings in both states', () => {
  it.each<[string, number, number | undefined]>([
    ['on at the design ceiling', 100, 100],
    ['on at a larger ceiling', 250, 250],
    ['off', 0, undefined],
  ])('storage autoscaling %s: MaxAllocatedStorage follows database.maxAllocatedStorageGb', (_state, ceiling, expected) => {
    const database = onlyResource(devWith({ database: { maxAllocatedStorageGb: ceiling } }), 'AWS::RDS::DBInstance');
    expect(database.properties.MaxAllocatedStorage).toEqual(expected);
    // The allocation in the template stays the floor either way.
    expect(database.properties.AllocatedStorage).toBe('20');
  });
});

describe('Redis cluster mode (cache.clusterMode, cache.shards)', () => {
  it('off (every profile): one node group, NumCacheClusters, the primary endpoint published', () => {
    const template = devWith({});
    const redis = onlyResource(template, 'AWS::ElastiCache::ReplicationGroup');
    expect(redis.properties).toMatchObject({ NumCacheClusters: 1 });
    expect(redis.properties.ClusterMode).toBeUndefined();
    expect(redis.properties.NumNodeGroups).toBeUndefined();
    expect(onlyResource(template, 'AWS::ElastiCache::ParameterGroup').properties.Properties).toBeUndefined();
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/showcore/dev/data/redis-primary-endpoint-address',
      Value: { 'Fn::GetAtt': [redis.logicalId, 'PrimaryEndPoint.Address'] },
    });
  });

  it('on: shards × (replicas + 1) nodes, failover on, a cluster-enabled parameter group, the configuration endpoint published', () => {
    const template = devWith({ cache: { clusterMode: true, shards: 2, replicas: 1 } });
    const redis = onlyResource(template, 'AWS::ElastiCache::ReplicationGroup');
    expect(redis.properties).toMatchObject({
      ClusterMode: 'enabled',
      NumNodeGroups: 2,
      ReplicasPerNodeGroup: 1,
      AutomaticFailoverEnabled: true,
      MultiAZEnabled: true,
    });
    expect(redis.properties.NumCacheClusters).toBeUndefined();
    expect(redis.properties.PreferredCacheClusterAZs).toBeUndefined();
    expect(redis.properties).toMatchObject({ TransitEncryptionEnabled: true, TransitEncryptionMode: 'required', AtRestEncryptionEnabled: true });
    expect(onlyResource(template, 'AWS::ElastiCache::ParameterGroup').properties.Properties).toEqual({ 'cluster-enabled': 'yes' });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/showcore/dev/data/redis-primary-endpoint-address',
      Value: { 'Fn::GetAtt': [redis.logicalId, 'ConfigurationEndPoint.Address'] },
    });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/showcore/dev/data/redis-primary-endpoint-port',
      Value: { 'Fn::GetAtt': [redis.logicalId, 'ConfigurationEndPoint.Port'] },
    });
  });

  it('on with one shard and no replica: ElastiCache requires failover on in cluster mode; Multi-AZ needs a replica', () => {
    const redis = onlyResource(devWith({ cache: { clusterMode: true, shards: 1, replicas: 0 } }), 'AWS::ElastiCache::ReplicationGroup');
    expect(redis.properties).toMatchObject({ NumNodeGroups: 1, ReplicasPerNodeGroup: 0, AutomaticFailoverEnabled: true, MultiAZEnabled: false });
  });
});

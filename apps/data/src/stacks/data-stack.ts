import { Annotations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elasticache from 'aws-cdk-lib/aws-elasticache';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type { Construct } from 'constructs';
import { publish, read, readList, TierStack, type EnvironmentName } from '@showcore/naming';
import { NOT_EMULATED, type DataConfig } from '../config';
import { createDataKey } from '../constructs/data-key';
import { createDataSecurityGroup } from '../constructs/data-security-groups';
import { createPostgresDatabase } from '../constructs/postgres-database';
import { createRedisReplicationGroup } from '../constructs/redis-replication-group';
import { retainHelpersWith } from '../constructs/removal';

export interface DataStackProps {
  readonly environment: EnvironmentName;
  readonly config: DataConfig;
}

/**
 * The data tier: RDS PostgreSQL 16 and ElastiCache Redis in the network tier's private subnets, each behind a
 * security group that admits only the application tier (tasks.md 4.1, 5.x, 6.x).
 */
export class DataStack extends TierStack {
  readonly database: rds.DatabaseInstance;
  readonly replicationGroup: elasticache.CfnReplicationGroup;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    const { environment, config } = props;
    super(scope, id, {
      tier: 'data',
      environment,
      config,
      description: `ShowCore data tier (${environment}): RDS PostgreSQL 16 and ElastiCache Redis`,
    });

    // Deploy-time SSM reads only: the template holds SSM-typed parameters, never ids resolved at synth time.
    const subnetIds = readList(this, 'privateSubnetIds', config.availabilityZones.length);
    const vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
      vpcId: read(this, 'vpcId'),
      availabilityZones: [...config.availabilityZones],
      isolatedSubnetIds: subnetIds,
    });
    for (const subnet of vpc.isolatedSubnets) {
      Annotations.of(subnet).acknowledgeWarning(
        '@aws-cdk/aws-ec2:noSubnetRouteTableId',
        'The data tier places resources in these subnets and never reads their route tables.',
      );
    }
    const applicationSecurityGroupId = read(this, 'appSecurityGroupId');
    const securityGroups = {
      database: createDataSecurityGroup(this, 'RdsSecurityGroup', {
        environment,
        vpc,
        component: 'rds',
        description: 'ShowCore RDS PostgreSQL: PostgreSQL from the application tier only',
        applicationSecurityGroupId,
        port: config.database.port,
        ruleDescription: 'PostgreSQL from the application tier security group',
      }),
      cache: createDataSecurityGroup(this, 'ElastiCacheSecurityGroup', {
        environment,
        vpc,
        component: 'redis',
        description: 'ShowCore ElastiCache Redis: Redis from the application tier only',
        applicationSecurityGroupId,
        port: config.cache.port,
        ruleDescription: 'Redis (TLS) from the application tier security group',
      }),
    };
    retainHelpersWith(config.database.removal, securityGroups.database);
    retainHelpersWith(config.cache.removal, securityGroups.cache);
    const encryptionKey = config.encryptionKey === 'customer-managed' ? createDataKey(this, 'DataKey', { environment, config }) : undefined;

    const postgres = createPostgresDatabase(this, 'Database', {
      environment,
      config: config.database,
      vpc,
      securityGroup: securityGroups.database,
      availabilityZone: config.availabilityZones[0],
      encryptionKey,
    });
    this.database = postgres.instance;
    const redis = createRedisReplicationGroup(this, 'RedisCluster', {
      environment,
      config: config.cache,
      subnetIds,
      availabilityZones: config.availabilityZones,
      securityGroup: securityGroups.cache,
      encryptionKey,
      logRetentionDays: config.database.logRetentionDays,
      logRemoval: config.database.logRemoval,
    });
    this.replicationGroup = redis.group;

    const unemulated = (value: string): string => (config.publishUnemulatedAttributes ? value : NOT_EMULATED);
    publish(this, 'dbInstanceId', this.database.instanceIdentifier);
    publish(this, 'dbEndpointAddress', this.database.dbInstanceEndpointAddress);
    publish(this, 'dbEndpointPort', this.database.dbInstanceEndpointPort);
    publish(this, 'dbSecretArn', unemulated(postgres.masterSecretArn));
    publish(this, 'dbResourceId', unemulated(postgres.resourceId));
    publish(this, 'dbAllocatedStorageGb', String(config.database.allocatedStorageGb));
    publish(this, 'redisReplicationGroupId', unemulated(this.replicationGroup.ref));
    publish(this, 'redisPrimaryEndpointAddress', unemulated(redis.endpointAddress));
    publish(this, 'redisPrimaryEndpointPort', unemulated(redis.endpointPort));
    publish(this, 'redisApplicationUserId', unemulated(redis.users.application.ref));
    publish(this, 'redisProbeUserId', unemulated(redis.users.probe.ref));
    publish(this, 'rdsSecurityGroupId', securityGroups.database.securityGroupId);
    publish(this, 'elastiCacheSecurityGroupId', securityGroups.cache.securityGroupId);
  }
}

import { Validations } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { removalPolicyOf, resourceName, type EnvironmentName, type RemovalChoice } from '@showcore/naming';
import type { CacheConfig } from '../config';
import { retainHelpersWith } from './removal';
import { createRedisUsers, type RedisUsers } from './redis-users';

export interface RedisReplicationGroupProps {
  readonly environment: EnvironmentName;
  readonly config: CacheConfig;
  /** The network tier's private subnet ids. */
  readonly subnetIds: string[];
  /** Availability zones in subnet order: the primary goes to the first, replicas to the next ones. */
  readonly availabilityZones: readonly string[];
  readonly securityGroup: ec2.ISecurityGroup;
  /** @default - the AWS managed key */
  readonly encryptionKey?: kms.IKey;
  /** Retention of the slow-log group: the tier's one log-retention setting (`database.logRetentionDays`). */
  readonly logRetentionDays: number;
  readonly logRemoval: RemovalChoice;
}

/** The replication group id of an environment: `showcore-redis-<env>-cache` (ElastiCache allows 40 characters). */
export function replicationGroupId(environment: EnvironmentName): string {
  return resourceName('redis', environment, 'cache');
}

/**
 * `ElastiCacheSubnetGroup`, `ElastiCacheParameterGroup` (redis7) and the replication group `id` (the spec's
 * `RedisCluster`, tasks.md 6.1–6.3). A replication group rather than the spec's cache cluster: only a replication group has
 * encryption at rest and in transit (spec README). With no replicas it is one node without failover.
 */
export interface RedisReplicationGroup {
  readonly group: elasticache.CfnReplicationGroup;
  readonly users: RedisUsers;
  /** Where clients connect: the primary endpoint, or in cluster mode the configuration endpoint. */
  readonly endpointAddress: string;
  readonly endpointPort: string;
}

export function createRedisReplicationGroup(scope: Construct, id: string, props: RedisReplicationGroupProps): RedisReplicationGroup {
  const { config, environment } = props;
  const major = config.engineVersion.split('.')[0];
  const subnetGroup = new elasticache.CfnSubnetGroup(scope, 'ElastiCacheSubnetGroup', {
    cacheSubnetGroupName: resourceName('redis', environment, 'subnet-group'),
    description: 'ShowCore ElastiCache Redis: the private subnets (no route to the internet)',
    subnetIds: props.subnetIds,
  });
  // TLS is not a parameter (the spec's `transit-encryption-enabled` does not exist): it is the replication
  // group's TransitEncryptionEnabled/Mode below. The group exists so parameters can change without replacing it.
  const parameterGroup = new elasticache.CfnParameterGroup(scope, 'ElastiCacheParameterGroup', {
    cacheParameterGroupFamily: `redis${major}`,
    description: `ShowCore Redis ${major} parameters`,
    // A cluster-mode group needs a parameter group with cluster-enabled=yes (the default.redis7.cluster.on values).
    properties: config.clusterMode ? { 'cluster-enabled': 'yes' } : undefined,
  });

  // Redis slow log to CloudWatch Logs (tasks 10.7: /aws/elasticache/…). Created here, before the group, for the
  // same reason as the RDS log group: the group that writes to it must find it, and one stack must own it.
  const logGroup = new logs.LogGroup(scope, 'RedisSlowLogGroup', {
    logGroupName: `/aws/elasticache/${replicationGroupId(environment)}/slow-log`,
    retention: props.logRetentionDays as logs.RetentionDays,
    removalPolicy: removalPolicyOf(props.logRemoval),
    encryptionKey: props.encryptionKey,
  });

  const users = createRedisUsers(scope, 'RedisUserGroup', { environment });

  const nodes = config.clusterMode ? config.shards * (1 + config.replicas) : 1 + config.replicas;
  const highlyAvailable = config.replicas > 0;
  // Without cluster mode: one node group of NumCacheClusters nodes placed AZ by AZ. With it: NumNodeGroups shards of
  // ReplicasPerNodeGroup replicas each, spread over the subnet group's AZs by ElastiCache; failover is mandatory
  // (CreateReplicationGroup: AutomaticFailoverEnabled must be on for a cluster-mode replication group).
  const topology: Partial<elasticache.CfnReplicationGroupProps> = config.clusterMode
    ? {
        clusterMode: 'enabled',
        numNodeGroups: config.shards,
        replicasPerNodeGroup: config.replicas,
        automaticFailoverEnabled: true,
        multiAzEnabled: highlyAvailable,
      }
    : {
        numCacheClusters: nodes,
        automaticFailoverEnabled: highlyAvailable,
        multiAzEnabled: highlyAvailable,
        preferredCacheClusterAZs: Array.from({ length: nodes }, (_node, i) => props.availabilityZones[i % props.availabilityZones.length]),
      };
  const group = new elasticache.CfnReplicationGroup(scope, id, {
    replicationGroupId: replicationGroupId(environment),
    replicationGroupDescription: config.clusterMode
      ? `ShowCore Redis (${environment}): cluster mode, ${config.shards} shard(s) x ${1 + config.replicas} node(s), TLS required`
      : `ShowCore Redis (${environment}): ${nodes} node(s), TLS required`,
    engine: 'redis',
    engineVersion: config.engineVersion,
    cacheNodeType: config.nodeType,
    ...topology,
    cacheSubnetGroupName: subnetGroup.ref,
    cacheParameterGroupName: parameterGroup.ref,
    securityGroupIds: [props.securityGroup.securityGroupId],
    port: config.port,
    atRestEncryptionEnabled: true,
    kmsKeyId: props.encryptionKey?.keyArn,
    transitEncryptionEnabled: true,
    transitEncryptionMode: 'required',
    userGroupIds: [users.userGroup.ref],
    snapshotRetentionLimit: config.snapshotRetentionDays,
    snapshotWindow: config.snapshotWindow,
    preferredMaintenanceWindow: config.maintenanceWindow,
    logDeliveryConfigurations: [
      {
        destinationType: 'cloudwatch-logs',
        destinationDetails: { cloudWatchLogsDetails: { logGroup: logGroup.logGroupName } },
        logFormat: 'json',
        logType: 'slow-log',
      },
    ],
  });
  // `snapshot`: CloudFormation takes a final snapshot before deleting or replacing the group.
  group.applyRemovalPolicy(removalPolicyOf(config.removal));
  // A retained group keeps authenticating with these users: deleting them would fail while it uses them.
  retainHelpersWith(config.removal, subnetGroup, parameterGroup, users.userGroup, ...users.all);
  acknowledgeCacheChoices(group, config);
  return {
    group,
    users,
    endpointAddress: config.clusterMode ? group.attrConfigurationEndPointAddress : group.attrPrimaryEndPointAddress,
    endpointPort: config.clusterMode ? group.attrConfigurationEndPointPort : group.attrPrimaryEndPointPort,
  };
}

function acknowledgeCacheChoices(group: elasticache.CfnReplicationGroup, config: CacheConfig): void {
  const nag = Validations.of(group);
  if (config.replicas === 0) {
    nag.acknowledge({
      id: 'AwsSolutions-AEC4',
      reason:
        'One node without Multi-AZ by cost choice (tasks.md 6.2: each cache.t3.micro node is $12.41/month); the cache ' +
        'is rebuilt from the database and restored from the daily snapshot. cache.replicas turns failover on (hardened profile).',
    });
  }
  if (config.port === 6379) {
    nag.acknowledge({
      id: 'AwsSolutions-AEC5',
      reason:
        'The default Redis port is kept: the security group admits only the application tier and TLS is required, ' +
        'so a non-standard port would add client configuration without adding protection.',
    });
  }
  nag.acknowledge({
    id: 'AwsSolutions-AEC6',
    reason:
      'No AUTH token on purpose: the group authenticates with role-based access control instead (RedisUserGroup, the ' +
      'built-in default user switched off, IAM-authenticated users), which this rule does not look at. An AUTH token ' +
      'would be a shared password that ElastiCache cannot rotate without a custom Lambda; IAM tokens expire in 15 minutes.',
  });
}

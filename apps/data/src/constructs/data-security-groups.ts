import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { resourceName, type EnvironmentName } from '@showcore/naming';

export interface DataSecurityGroupsProps {
  readonly environment: EnvironmentName;
  readonly vpc: ec2.IVpc;
  /** The network tier's application security group: the only source admitted to the database and the cache. */
  readonly applicationSecurityGroupId: string;
  readonly databasePort: number;
  readonly cachePort: number;
}

export interface DataSecurityGroups {
  readonly database: ec2.SecurityGroup;
  readonly cache: ec2.SecurityGroup;
}

/**
 * `RdsSecurityGroup` and `ElastiCacheSecurityGroup` (tasks.md 4.1): each admits its one port from the
 * application security group only, never from a CIDR.
 *
 * Neither has egress rules (`allowAllOutbound: false`; CDK then writes its placeholder rule that matches no
 * traffic). Security groups are stateful, so replies to admitted connections leave anyway; RDS and ElastiCache
 * open no connections of their own that pass through these groups (backups, snapshots, log export and
 * monitoring run on the AWS side). A feature that needs outbound traffic (e.g. aws_lambda or aws_s3 from
 * PostgreSQL) must add its own, described rule.
 */
export function createDataSecurityGroups(scope: Construct, props: DataSecurityGroupsProps): DataSecurityGroups {
  const application = ec2.Peer.securityGroupId(props.applicationSecurityGroupId);
  const database = new ec2.SecurityGroup(scope, 'RdsSecurityGroup', {
    vpc: props.vpc,
    securityGroupName: resourceName('rds', props.environment, 'sg'),
    description: 'ShowCore RDS PostgreSQL: PostgreSQL from the application tier only',
    allowAllOutbound: false,
  });
  database.addIngressRule(application, ec2.Port.tcp(props.databasePort), 'PostgreSQL from the application tier security group');
  const cache = new ec2.SecurityGroup(scope, 'ElastiCacheSecurityGroup', {
    vpc: props.vpc,
    securityGroupName: resourceName('redis', props.environment, 'sg'),
    description: 'ShowCore ElastiCache Redis: Redis from the application tier only',
    allowAllOutbound: false,
  });
  cache.addIngressRule(application, ec2.Port.tcp(props.cachePort), 'Redis (TLS) from the application tier security group');
  return { database, cache };
}

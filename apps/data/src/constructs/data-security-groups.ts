import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { resourceName, type EnvironmentName } from '@showcore/naming';

export interface DataSecurityGroupProps {
  readonly environment: EnvironmentName;
  readonly vpc: ec2.IVpc;
  /** The name component of the group (`showcore-<component>-<env>-sg`): `rds` or `redis`. */
  readonly component: 'rds' | 'redis';
  readonly description: string;
  /** The network tier's application security group: the only source admitted. */
  readonly applicationSecurityGroupId: string;
  readonly port: number;
  readonly ruleDescription: string;
}

/**
 * A data-tier security group, `RdsSecurityGroup` or `ElastiCacheSecurityGroup` (tasks.md 4.1): it admits its one
 * port from the application security group only, never from a CIDR.
 *
 * It has no egress rules (`allowAllOutbound: false`; CDK then writes its placeholder rule that matches no
 * traffic). Security groups are stateful, so replies to admitted connections leave anyway; RDS and ElastiCache
 * open no connections of their own that pass through these groups (backups, snapshots, log export and
 * monitoring run on the AWS side). A feature that needs outbound traffic (e.g. aws_lambda or aws_s3 from
 * PostgreSQL) must add its own, described rule.
 */
export function createDataSecurityGroup(scope: Construct, id: string, props: DataSecurityGroupProps): ec2.SecurityGroup {
  const group = new ec2.SecurityGroup(scope, id, {
    vpc: props.vpc,
    securityGroupName: resourceName(props.component, props.environment, 'sg'),
    description: props.description,
    allowAllOutbound: false,
  });
  group.addIngressRule(ec2.Peer.securityGroupId(props.applicationSecurityGroupId), ec2.Port.tcp(props.port), props.ruleDescription);
  return group;
}

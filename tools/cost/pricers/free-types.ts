/**
 * Resource types that cost nothing by themselves, each with the reason (shown in the report). A type that is
 * neither here nor priced is "unpriced": listed, and an error under --strict.
 */
export const FREE_TYPES: Readonly<Record<string, string>> = {
  'AWS::CDK::Metadata': 'CDK bookkeeping',
  'AWS::CloudFormation::WaitConditionHandle': 'CloudFormation bookkeeping',
  'AWS::EC2::VPC': 'VPCs are free',
  'AWS::EC2::Subnet': 'subnets are free',
  'AWS::EC2::RouteTable': 'route tables are free',
  'AWS::EC2::Route': 'routes are free',
  'AWS::EC2::SubnetRouteTableAssociation': 'route table associations are free',
  'AWS::EC2::InternetGateway': 'internet gateways are free (data transfer out is billed)',
  'AWS::EC2::VPCGatewayAttachment': 'free',
  'AWS::EC2::EgressOnlyInternetGateway': 'free (data transfer out is billed)',
  'AWS::EC2::SecurityGroup': 'security groups are free',
  'AWS::EC2::SecurityGroupIngress': 'security group rules are free',
  'AWS::EC2::SecurityGroupEgress': 'security group rules are free',
  'AWS::EC2::NetworkAcl': 'network ACLs are free',
  'AWS::EC2::NetworkAclEntry': 'network ACL entries are free',
  'AWS::EC2::SubnetNetworkAclAssociation': 'free',
  'AWS::EC2::PrefixList': 'managed prefix lists are free',
  'AWS::EC2::DHCPOptions': 'free',
  'AWS::EC2::VPCDHCPOptionsAssociation': 'free',
  'AWS::RDS::DBSubnetGroup': 'subnet groups are free',
  'AWS::RDS::DBParameterGroup': 'parameter groups are free',
  'AWS::RDS::DBClusterParameterGroup': 'parameter groups are free',
  'AWS::RDS::OptionGroup': 'option groups are free',
  'AWS::ElastiCache::SubnetGroup': 'subnet groups are free',
  'AWS::ElastiCache::ParameterGroup': 'parameter groups are free',
  'AWS::ElastiCache::User': 'free',
  'AWS::ElastiCache::UserGroup': 'free',
  'AWS::SecretsManager::SecretTargetAttachment': 'free (the secret is priced)',
  'AWS::SecretsManager::RotationSchedule': 'free (the rotation Lambda is priced if in the template)',
  'AWS::SecretsManager::ResourcePolicy': 'free',
  'AWS::KMS::Alias': 'aliases are free',
  'AWS::S3::BucketPolicy': 'free',
  'AWS::SNS::TopicPolicy': 'free',
  'AWS::SNS::Subscription': 'deliveries are priced on the topic',
  'AWS::SQS::QueuePolicy': 'free',
  'AWS::CloudFront::OriginAccessControl': 'free',
  'AWS::CloudFront::CloudFrontOriginAccessIdentity': 'free',
  'AWS::CloudFront::CachePolicy': 'free',
  'AWS::CloudFront::OriginRequestPolicy': 'free',
  'AWS::CloudFront::ResponseHeadersPolicy': 'free',
  'AWS::Events::Rule': 'rules matching AWS service events on the default event bus are free',
  'AWS::Lambda::Permission': 'free',
  'AWS::Logs::ResourcePolicy': 'free',
  'AWS::Logs::MetricFilter': 'free (a metric it publishes is a custom metric only once it has data)',
  'AWS::Config::DeliveryChannel': 'free (the S3 bucket it writes to is priced)',
  'AWS::Backup::BackupVault': "vaults are free (the plan's stored backups are priced)",
  'AWS::Backup::BackupSelection': "free (the plan's stored backups are priced)",
  'AWS::Budgets::Budget': 'budgets without actions are free',
  'AWS::CE::AnomalyMonitor': 'Cost Anomaly Detection is free',
  'AWS::CE::AnomalySubscription': 'Cost Anomaly Detection is free',
  'AWS::ResourceGroups::Group': 'free',
  'AWS::SSM::Document': 'free',
};

/** Type prefixes that are free as a family. */
const FREE_PREFIXES: readonly [string, string][] = [
  ['AWS::IAM::', 'IAM is free'],
  ['Custom::', 'a CDK custom resource: its Lambda runs at deploy time (priced on the function)'],
];

/** Why `type` is free, or undefined when it is not a known free type. */
export function freeReason(type: string): string | undefined {
  return FREE_TYPES[type] ?? FREE_PREFIXES.find(([prefix]) => type.startsWith(prefix))?.[1];
}

import { DescribeStackResourcesCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  DeleteInternetGatewayCommand,
  DeleteRouteTableCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DeleteVpcEndpointsCommand,
  DescribeInternetGatewaysCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';

export interface StackResource {
  readonly type: string;
  readonly physicalId: string;
}

/** The physical resources of the stacks (missing stacks skipped), recorded before a local destroy. */
export async function stackResources(cfn: CloudFormationClient, stackNames: readonly string[]): Promise<StackResource[]> {
  const resources: StackResource[] = [];
  for (const stackName of stackNames) {
    try {
      const out = await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }));
      for (const r of out.StackResources ?? []) {
        if (r.ResourceType && r.PhysicalResourceId) resources.push({ type: r.ResourceType, physicalId: r.PhysicalResourceId });
      }
    } catch (error) {
      if (!/does not exist/.test((error as Error).message)) throw error;
    }
  }
  return resources;
}

const ids = (resources: readonly StackResource[], type: string) => resources.filter((r) => r.type === type).map((r) => r.physicalId);

type Tags = readonly { Key?: string; Value?: string }[] | undefined;

/**
 * Who created an EC2 object: this stack (its recorded physical id, or moto's `aws:cloudformation:stack-name` tag),
 * another stack (the tag names another stack), or nobody known. Only what is this stack's is ever removed: the
 * data tier's security groups live in the network tier's VPC, and a network destroy must not touch them.
 */
function ownership(id: string, tags: Tags, own: ReadonlySet<string>, stackNames: readonly string[]): 'own' | 'other' | 'unknown' {
  const stackTag = tags?.find((t) => t.Key === 'aws:cloudformation:stack-name')?.Value;
  if (stackTag !== undefined) return stackNames.includes(stackTag) ? 'own' : 'other';
  return own.has(id) ? 'own' : 'unknown';
}

export interface LeftoverRemoval {
  /** Ids removed. */
  readonly removed: string[];
  /** What was left in a VPC of this stack because it is not this stack's (so the VPC stays too). */
  readonly keptForOthers: string[];
}

/**
 * moto deletes a stack's VPC before its endpoints, gateway and route tables, fails with DependencyViolation and
 * leaves them (and the VPC) behind, although the stack record is gone. For the local emulator only, remove what
 * this stack created inside each of its VPCs, in dependency order. Anything another stack created there (or that
 * nobody is known to have created) is kept, and then so is the VPC. Listings are unfiltered and matched by VPC
 * id: moto implements few EC2 filters.
 */
export async function removeEmulatorLeftovers(ec2: EC2Client, resources: readonly StackResource[], stackNames: readonly string[]): Promise<LeftoverRemoval> {
  const removed: string[] = [];
  const keptForOthers: string[] = [];
  const own = new Set(resources.map((r) => r.physicalId));
  const mine = (id: string, tags: Tags) => {
    const owner = ownership(id, tags, own, stackNames);
    if (owner !== 'own') keptForOthers.push(id);
    return owner === 'own';
  };
  const stackVpcs = ids(resources, 'AWS::EC2::VPC');
  const vpcs = ((await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []).map((v) => v.VpcId as string).filter((id) => stackVpcs.includes(id));
  for (const vpcId of vpcs) {
    const keptBefore = keptForOthers.length;
    const endpoints = ((await ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints ?? [])
      .filter((e) => e.VpcId === vpcId && String(e.State).toLowerCase() !== 'deleted' && mine(e.VpcEndpointId as string, e.Tags))
      .map((e) => e.VpcEndpointId as string);
    if (endpoints.length) {
      await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: endpoints }));
      removed.push(...endpoints);
    }
    for (const gateway of (await ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways ?? []) {
      if (!gateway.Attachments?.some((a) => a.VpcId === vpcId) || !mine(gateway.InternetGatewayId as string, gateway.Tags)) continue;
      await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: gateway.InternetGatewayId, VpcId: vpcId }));
      await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: gateway.InternetGatewayId }));
      removed.push(gateway.InternetGatewayId as string);
    }
    for (const subnet of (await ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? []) {
      if (subnet.VpcId !== vpcId || !mine(subnet.SubnetId as string, subnet.Tags)) continue;
      await ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId }));
      removed.push(subnet.SubnetId as string);
    }
    for (const table of (await ec2.send(new DescribeRouteTablesCommand({}))).RouteTables ?? []) {
      if (table.VpcId !== vpcId || table.Associations?.some((a) => a.Main) || !mine(table.RouteTableId as string, table.Tags)) continue;
      await ec2.send(new DeleteRouteTableCommand({ RouteTableId: table.RouteTableId }));
      removed.push(table.RouteTableId as string);
    }
    for (const group of (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? []) {
      if (group.VpcId !== vpcId || group.GroupName === 'default' || !mine(group.GroupId as string, group.Tags)) continue;
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: group.GroupId }));
      removed.push(group.GroupId as string);
    }
    if (keptForOthers.length > keptBefore) continue; // the VPC still holds what others created
    await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    removed.push(vpcId);
  }
  return { removed, keptForOthers };
}

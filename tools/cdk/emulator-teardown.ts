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

/**
 * moto deletes a stack's VPC before its endpoints, gateway and route tables, fails with DependencyViolation and
 * leaves them (and the VPC) behind, although the stack record is gone. For the local emulator only, remove
 * everything inside each VPC the stack created, in dependency order, and return what was removed. Listings are
 * unfiltered and matched by VPC id: moto implements few EC2 filters, and its physical ids of stack resources do
 * not always match the ids of the objects.
 */
export async function removeEmulatorLeftovers(ec2: EC2Client, resources: readonly StackResource[]): Promise<string[]> {
  const removed: string[] = [];
  const stackVpcs = ids(resources, 'AWS::EC2::VPC');
  const vpcs = ((await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []).map((v) => v.VpcId as string).filter((id) => stackVpcs.includes(id));
  for (const vpcId of vpcs) {
    const endpoints = ((await ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints ?? []).filter((e) => e.VpcId === vpcId).map((e) => e.VpcEndpointId as string);
    if (endpoints.length) {
      await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: endpoints }));
      removed.push(...endpoints);
    }
    for (const gateway of (await ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways ?? []) {
      if (!gateway.Attachments?.some((a) => a.VpcId === vpcId)) continue;
      await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: gateway.InternetGatewayId, VpcId: vpcId }));
      await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: gateway.InternetGatewayId }));
      removed.push(gateway.InternetGatewayId as string);
    }
    for (const subnet of (await ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? []) {
      if (subnet.VpcId !== vpcId) continue;
      await ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId }));
      removed.push(subnet.SubnetId as string);
    }
    for (const table of (await ec2.send(new DescribeRouteTablesCommand({}))).RouteTables ?? []) {
      if (table.VpcId !== vpcId || table.Associations?.some((a) => a.Main)) continue;
      await ec2.send(new DeleteRouteTableCommand({ RouteTableId: table.RouteTableId }));
      removed.push(table.RouteTableId as string);
    }
    for (const group of (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? []) {
      if (group.VpcId !== vpcId || group.GroupName === 'default') continue;
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: group.GroupId }));
      removed.push(group.GroupId as string);
    }
    await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    removed.push(vpcId);
  }
  return removed;
}

import { DescribeStackResourcesCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  DeleteInternetGatewayCommand,
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
 * moto deletes a stack's VPC before its endpoints and internet gateway, fails with DependencyViolation and
 * leaves them (and the VPC) behind, although the stack is gone. For the local emulator only, remove what the
 * stack created and the emulator left, in dependency order, and return what was removed.
 */
export async function removeEmulatorLeftovers(ec2: EC2Client, resources: readonly StackResource[]): Promise<string[]> {
  const removed: string[] = [];
  const vpcIds = ids(resources, 'AWS::EC2::VPC');
  const liveVpcs = vpcIds.length ? ((await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'vpc-id', Values: vpcIds }] }))).Vpcs ?? []).map((v) => v.VpcId as string) : [];
  const endpointIds = ids(resources, 'AWS::EC2::VPCEndpoint');
  if (endpointIds.length) {
    const live = ((await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-endpoint-id', Values: endpointIds }] }))).VpcEndpoints ?? []).map((e) => e.VpcEndpointId as string);
    if (live.length) {
      await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: live }));
      removed.push(...live);
    }
  }
  for (const gatewayId of ids(resources, 'AWS::EC2::InternetGateway')) {
    const gateway = (await ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'internet-gateway-id', Values: [gatewayId] }] }))).InternetGateways?.[0];
    if (!gateway) continue;
    for (const attachment of gateway.Attachments ?? []) {
      await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: gatewayId, VpcId: attachment.VpcId }));
    }
    await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: gatewayId }));
    removed.push(gatewayId);
  }
  const ignoreMissing = (error: unknown) => {
    if (!/NotFound|does not exist/i.test(`${(error as Error).name} ${(error as Error).message}`)) throw error;
  };
  for (const subnetId of ids(resources, 'AWS::EC2::Subnet')) {
    await ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })).then(() => removed.push(subnetId), ignoreMissing);
  }
  for (const groupId of ids(resources, 'AWS::EC2::SecurityGroup')) {
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId })).then(() => removed.push(groupId), ignoreMissing);
  }
  for (const vpcId of liveVpcs) {
    await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    removed.push(vpcId);
  }
  return removed;
}

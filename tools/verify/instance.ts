import { DescribeImagesCommand, DescribeInstancesCommand, RunInstancesCommand, TerminateInstancesCommand, type EC2Client, type Tag } from '@aws-sdk/client-ec2';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { resourceName, type EnvironmentName } from '@showcore/naming';
import { standardTags } from '@showcore/tags';
import { sleep } from './channel';

/** Amazon Linux 2023 (SSM agent, AWS CLI, dnf repositories in S3 reachable through the gateway endpoint). */
export const DEFAULT_AMI_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
export const DEFAULT_INSTANCE_TYPE = 't3.micro';
/** Tag that marks every probe instance; `showcore:run-id` tells runs apart. */
export const PURPOSE_TAG = { Key: 'showcore:purpose', Value: 'verification' } as const;

export interface LaunchSpec {
  readonly environment: EnvironmentName;
  readonly runId: string;
  readonly subnetId: string;
  readonly securityGroupId: string;
  readonly instanceProfileName: string;
  readonly instanceType: string;
  readonly imageId: string;
  /** The instance powers itself off (and so terminates) after this long, even if this process dies. */
  readonly maxLifetimeMinutes: number;
}

/**
 * The project's standard tags (Environment `Development`, … as everywhere, so cost allocation and tag-based rules
 * see these resources too), managed by the tool that made them, plus the run's own tags.
 */
export function toolResourceTags(environment: EnvironmentName, managedBy: string, extra: readonly Tag[]): Tag[] {
  const standard = { ...standardTags({ environment, tier: 'ops' }), ManagedBy: managedBy };
  return [...Object.entries(standard).map(([Key, Value]) => ({ Key, Value })), ...extra];
}

export function probeInstanceTags(environment: EnvironmentName, runId: string): Tag[] {
  return toolResourceTags(environment, 'ops:verify', [{ Key: 'Name', Value: resourceName('verify', environment, 'instance') }, PURPOSE_TAG, { Key: 'showcore:run-id', Value: runId }]);
}

/** The newest Amazon Linux 2023 image id from the public SSM parameter. */
export async function latestImageId(ssm: SSMClient, parameter = DEFAULT_AMI_PARAMETER): Promise<string> {
  const answer = await ssm.send(new GetParameterCommand({ Name: parameter }));
  const value = answer.Parameter?.Value;
  if (!value) throw new Error(`The public parameter ${parameter} has no image id: pass --ami <image id>.`);
  return value;
}

/** The image's root device and its size, so the launch can encrypt that volume without guessing either. */
export async function rootDevice(ec2: EC2Client, imageId: string): Promise<{ deviceName: string; volumeSize: number }> {
  const image = (await ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0];
  const deviceName = image?.RootDeviceName ?? '/dev/xvda';
  const root = image?.BlockDeviceMappings?.find((m) => m.DeviceName === deviceName)?.Ebs;
  return { deviceName, volumeSize: root?.VolumeSize ?? 8 };
}

/**
 * Launches the probe instance: private subnet, the application security group, no key pair, no public IP,
 * IMDSv2 only, encrypted root volume, tagged, and a dead man's switch (`shutdown -h +N` with terminate-on-shutdown).
 */
export async function launchProbeInstance(ec2: EC2Client, spec: LaunchSpec): Promise<string> {
  const tags = probeInstanceTags(spec.environment, spec.runId);
  const root = await rootDevice(ec2, spec.imageId);
  const userData = ['#!/bin/bash', `# ShowCore verification run ${spec.runId}: power off (and so terminate) even if the operator's machine never comes back.`, `shutdown -h +${spec.maxLifetimeMinutes}`].join('\n');
  const answer = await ec2.send(
    new RunInstancesCommand({
      ImageId: spec.imageId,
      InstanceType: spec.instanceType as never,
      MinCount: 1,
      MaxCount: 1,
      ClientToken: `showcore-verify-${spec.runId}`,
      IamInstanceProfile: { Name: spec.instanceProfileName },
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: spec.subnetId, Groups: [spec.securityGroupId], AssociatePublicIpAddress: false, DeleteOnTermination: true }],
      MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 },
      BlockDeviceMappings: [{ DeviceName: root.deviceName, Ebs: { Encrypted: true, DeleteOnTermination: true, VolumeType: 'gp3', VolumeSize: root.volumeSize } }],
      InstanceInitiatedShutdownBehavior: 'terminate',
      UserData: Buffer.from(userData).toString('base64'),
      TagSpecifications: [
        { ResourceType: 'instance', Tags: tags },
        { ResourceType: 'volume', Tags: tags },
      ],
    }),
  );
  const id = answer.Instances?.[0]?.InstanceId;
  if (!id) throw new Error('RunInstances returned no instance id.');
  return id;
}

/**
 * Instances of a run that are not (being) terminated, found by the run's tags. EC2's listing is eventually
 * consistent, so an empty answer is asked again `attempts` times, `pauseMs` apart.
 */
export async function findRunInstances(ec2: EC2Client, runId: string, retry: { readonly attempts: number; readonly pauseMs: number }): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const found = await listRunInstances(ec2, runId);
    if (found.length > 0 || attempt >= retry.attempts) return found;
    await sleep(retry.pauseMs);
  }
}

async function listRunInstances(ec2: EC2Client, runId: string): Promise<string[]> {
  const answer = await ec2.send(
    new DescribeInstancesCommand({
      Filters: [
        { Name: `tag:${PURPOSE_TAG.Key}`, Values: [PURPOSE_TAG.Value] },
        { Name: 'tag:showcore:run-id', Values: [runId] },
        { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
      ],
    }),
  );
  return (answer.Reservations ?? []).flatMap((r) => r.Instances ?? []).flatMap((i) => (i.InstanceId ? [i.InstanceId] : []));
}

export async function instanceState(ec2: EC2Client, instanceId: string): Promise<string | undefined> {
  const answer = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  return answer.Reservations?.[0]?.Instances?.[0]?.State?.Name;
}

/** Waits until the instance runs; an instance that stops or terminates on its own is an error. */
export async function waitUntilRunning(ec2: EC2Client, instanceId: string, timeoutMs: number, signal?: AbortSignal, pollMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await instanceState(ec2, instanceId);
    if (state === 'running') return;
    if (state && state !== 'pending') throw new Error(`The probe instance ${instanceId} went to "${state}" before it ran: see its console output (aws ec2 get-console-output --instance-id ${instanceId}).`);
    if (Date.now() > deadline) throw new Error(`The probe instance ${instanceId} was still "${state}" after ${Math.round(timeoutMs / 1000)} s.`);
    await sleep(pollMs, signal);
  }
}

/** Terminates the instance; retried, since this is the one step that must not be skipped. */
export async function terminateProbeInstance(ec2: EC2Client, instanceId: string, attempts = 3): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
      return;
    } catch (error) {
      lastError = error;
      await sleep(1000 * (attempt + 1));
    }
  }
  throw new Error(
    `Could not terminate the probe instance ${instanceId} (${(lastError as Error).message}). Terminate it by hand: ` +
      `aws ec2 terminate-instances --instance-ids ${instanceId} (it powers itself off at the latest when its lifetime ends).`,
  );
}

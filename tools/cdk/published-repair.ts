/**
 * The SSM parameters a producer stack publishes can be deleted or overwritten outside CloudFormation, and an
 * unchanged template makes CloudFormation do nothing about it: consumers would then fail or read a wrong value.
 * Each published parameter has a `<Key>Output` beside it with the value the stack published; a deploy that finds
 * "no changes" compares the two and puts back what differs, with the parameter's description and tags from the
 * template.
 */
import { AddTagsToResourceCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { Output } from '@aws-sdk/client-cloudformation';
import { parameterPath, parametersProducedBy, publishedOutputId, type EnvironmentName, type Tier } from '@showcore/naming';
import { readParameters } from '#tools/lib/ssm-preflight';

export interface ParameterRepair {
  readonly path: string;
  readonly found: string | undefined;
  readonly restored: string;
}

interface ParameterResource {
  readonly Type: string;
  readonly Properties?: { Name?: unknown; Description?: unknown; Tags?: Record<string, string> };
}

/** Published parameters of `tier` whose value is not what its stack published (missing ones included). */
export async function parametersToRepair(ssm: SSMClient, tier: Tier, environment: EnvironmentName, outputs: readonly Output[]): Promise<ParameterRepair[]> {
  const published = parametersProducedBy(tier)
    .map((name) => ({ path: parameterPath(environment, name), value: outputs.find((o) => o.OutputKey === publishedOutputId(name))?.OutputValue }))
    .filter((p): p is { path: string; value: string } => p.value !== undefined);
  const current = await readParameters(
    ssm,
    published.map((p) => p.path),
  );
  return published.filter((p) => current.get(p.path) !== p.value).map((p) => ({ path: p.path, found: current.get(p.path), restored: p.value }));
}

/** Puts each parameter back with the published value, and the description and tags the template gives it. */
export async function repairParameters(
  ssm: SSMClient,
  repairs: readonly ParameterRepair[],
  template: { Resources?: Record<string, ParameterResource> },
): Promise<void> {
  const resources = Object.values(template.Resources ?? {}).filter((r) => r.Type === 'AWS::SSM::Parameter');
  for (const repair of repairs) {
    const resource = resources.find((r) => r.Properties?.Name === repair.path);
    const description = typeof resource?.Properties?.Description === 'string' ? resource.Properties.Description : undefined;
    await ssm.send(
      new PutParameterCommand({
        Name: repair.path,
        Value: repair.restored,
        Type: 'String',
        Overwrite: true,
        ...(description ? { Description: description } : {}),
      }),
    );
    const tags = Object.entries(resource?.Properties?.Tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
    if (tags.length > 0) await ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: repair.path, Tags: tags }));
  }
}

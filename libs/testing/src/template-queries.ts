import { CfnElement, type Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { parameterPath, type EnvironmentName, type ParameterName } from '@showcore/naming';
import { resourcesOfType, type FoundResource } from './resources';

/** Logical id a `{ Ref }` or `{ Fn::GetAtt: [id, attr] }` points at (undefined for anything else). */
export function referencedId(value: unknown): string | undefined {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return v?.Ref ?? v?.['Fn::GetAtt']?.[0];
}

/** The one resource of `type` whose property `key` equals `value` (compared as JSON); fails with the count otherwise. */
export function resourceWith(template: Template, type: string, key: string, value: unknown): FoundResource {
  const matches = resourcesOfType([template], type).filter((r) => JSON.stringify(r.properties[key]) === JSON.stringify(value));
  if (matches.length !== 1) throw new Error(`Expected one ${type} with ${key}=${JSON.stringify(value)}, found ${matches.length}.`);
  return matches[0];
}

/** Logical id of the single resource of `type` whose logical id starts with `prefix`. */
export function logicalIdStartingWith(template: Template, type: string, prefix: string): string {
  const ids = resourcesOfType([template], type)
    .filter((r) => r.logicalId.startsWith(prefix))
    .map((r) => r.logicalId);
  if (ids.length !== 1) throw new Error(`Expected one ${type} with a logical id starting ${prefix}, found ${ids.join(', ') || 'none'}.`);
  return ids[0];
}

/** The one resource of `type` whose logical id is the construct ID `id` of a direct child of the stack plus CDK's hash. */
export function resourceByConstructId(template: Template, type: string, id: string): FoundResource {
  const found = resourcesOfType([template], type).filter((r) => new RegExp(`^${id}[0-9A-F]{8}$`).test(r.logicalId));
  if (found.length !== 1) throw new Error(`Expected one ${type} with construct ID ${id}, found ${found.length}.`);
  return found[0];
}

/** Logical id of the CloudFormation resource behind the construct `constructId` (a direct child of the stack). */
export function logicalIdOf(stack: Stack, constructId: string): string {
  const child = stack.node.findChild(constructId);
  const resource = child instanceof CfnElement ? child : child.node.defaultChild;
  if (!(resource instanceof CfnElement)) throw new Error(`Construct ${constructId} has no CloudFormation resource.`);
  return stack.resolve(resource.logicalId);
}

/** `{ Ref: <template parameter> }` of the SSM-typed parameter CloudFormation resolves for a registry parameter. */
export function ssmRef(template: Template, environment: EnvironmentName, name: ParameterName): { Ref: string } {
  const path = parameterPath(environment, name);
  const parameters: Record<string, { Type: string; Default?: string }> = template.toJSON().Parameters ?? {};
  const found = Object.entries(parameters).find(([, p]) => p.Default === path && p.Type.startsWith('AWS::SSM::Parameter::Value'));
  if (!found) throw new Error(`The template reads no SSM parameter ${path}.`);
  return { Ref: found[0] };
}

/** One ingress rule of a template and the security group it belongs to. */
export interface IngressRule {
  /** Logical id of the group; for a standalone rule whose GroupId is no reference, that GroupId as JSON. */
  readonly group: string;
  readonly rule: Record<string, any>;
}

/** Every ingress rule of a template: inline in AWS::EC2::SecurityGroup and standalone AWS::EC2::SecurityGroupIngress. */
export function ingressRules(template: Template): IngressRule[] {
  const inline = resourcesOfType([template], 'AWS::EC2::SecurityGroup').flatMap((group) =>
    ((group.properties.SecurityGroupIngress ?? []) as Record<string, any>[]).map((rule) => ({ group: group.logicalId, rule })),
  );
  const standalone = resourcesOfType([template], 'AWS::EC2::SecurityGroupIngress').map((r) => ({
    group: referencedId(r.properties.GroupId) ?? JSON.stringify(r.properties.GroupId),
    rule: r.properties,
  }));
  return [...inline, ...standalone];
}

/** Every ingress rule of one security group (by logical id); fails when the template has no such group. */
export function ingressRulesOf(template: Template, groupId: string): Record<string, any>[] {
  if (!resourcesOfType([template], 'AWS::EC2::SecurityGroup').some((g) => g.logicalId === groupId)) throw new Error(`No security group ${groupId}.`);
  return ingressRules(template)
    .filter((r) => r.group === groupId)
    .map((r) => r.rule);
}

import { Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parameterPath, type EnvironmentName, type ParameterName } from '@showcore/naming';
import { synthesize, type SynthResult } from '@showcore/testing';
import { buildOpsStacks } from '../src/app';
import { applyOverrides, environmentConfig, type OpsConfig, type OpsConfigOverrides } from '../src/config';

/** Synthesizes the ops stacks straight from a configuration (with cdk-nag), skipping the config loader. */
export function synthesizeConfig(config: OpsConfig, environment: EnvironmentName = 'dev'): SynthResult {
  return synthesize(environment, (app) => {
    buildOpsStacks(app, environment, config);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  });
}

/** An environment's configuration with some values changed. */
export function variantOf(environment: EnvironmentName, overrides: OpsConfigOverrides): OpsConfig {
  return applyOverrides(environmentConfig(environment), overrides);
}

/** `{ Ref: <template parameter> }` of the SSM-typed parameter CloudFormation resolves for a registry parameter. */
export function ssmRef(template: Template, environment: EnvironmentName, name: ParameterName): { Ref: string } {
  const path = parameterPath(environment, name);
  const parameters: Record<string, { Type: string; Default?: string }> = template.toJSON().Parameters ?? {};
  const found = Object.entries(parameters).find(([, p]) => p.Default === path && p.Type.startsWith('AWS::SSM::Parameter::Value'));
  if (!found) throw new Error(`The template reads no SSM parameter ${path}.`);
  return { Ref: found[0] };
}

/** The one resource of `type` whose property `key` equals `value`. */
export function resourceWith(template: Template, type: string, key: string, value: unknown): { logicalId: string; properties: Record<string, any>; resource: Record<string, any> } {
  const resources: Record<string, any> = template.toJSON().Resources ?? {};
  const matches = Object.entries(resources).filter(([, r]) => r.Type === type && JSON.stringify(r.Properties?.[key]) === JSON.stringify(value));
  if (matches.length !== 1) throw new Error(`Expected one ${type} with ${key}=${JSON.stringify(value)}, found ${matches.length}.`);
  const [logicalId, resource] = matches[0];
  return { logicalId, properties: resource.Properties, resource };
}

/** Logical id of the single resource of `type` whose logical id starts with `prefix`. */
export function logicalIdStartingWith(template: Template, type: string, prefix: string): string {
  const ids = Object.entries<any>(template.toJSON().Resources ?? {})
    .filter(([id, r]) => r.Type === type && id.startsWith(prefix))
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`Expected one ${type} with a logical id starting ${prefix}, found ${ids.join(', ') || 'none'}.`);
  return ids[0];
}

import { CfnElement, type Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { EnvironmentName } from '@showcore/naming';
import { synthesize, type SynthResult } from '@showcore/testing';
import { applyOverrides, environmentConfig, type EdgeConfig, type EdgeConfigOverrides } from '../src/config';
import { buildEdgeStacks } from '../src/app';

/**
 * Synthesizes the edge stacks straight from a configuration (with cdk-nag), skipping the config loader: the main
 * stack `Edge`, and `EdgeReplica` when `replication.enabled`.
 */
export function synthesizeConfig(config: EdgeConfig, environment: EnvironmentName = 'dev'): SynthResult {
  return synthesize(environment, (app) => {
    buildEdgeStacks(app, environment, config);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  });
}

/** An environment's configuration with some values changed. */
export function variantOf(environment: EnvironmentName, overrides: EdgeConfigOverrides): EdgeConfig {
  return applyOverrides(environmentConfig(environment), overrides);
}

/** A valid custom domain for tests (the ARN only has to be well formed and in us-east-1). */
export const CUSTOM_DOMAIN = {
  domainName: 'cdn.showcore.example',
  certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
} as const;

/** Logical id of the CloudFormation resource behind the construct `constructId` (a direct child of the stack). */
export function logicalIdOf(stack: Stack, constructId: string): string {
  const child = stack.node.findChild(constructId);
  const resource = child instanceof CfnElement ? child : child.node.defaultChild;
  if (!(resource instanceof CfnElement)) throw new Error(`Construct ${constructId} has no CloudFormation resource.`);
  return stack.resolve(resource.logicalId);
}

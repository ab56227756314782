import { configSynthesizer, configVariants } from '@showcore/testing';
import type { EnvironmentName, ProfileName } from '@showcore/naming';
import { environmentConfig, loadConfig, type EdgeConfig, type EdgeConfigOverrides } from '../src/config';
import { buildEdgeStacks } from '../src/app';

/**
 * Synthesizes the edge stacks straight from a configuration (with cdk-nag), skipping the config loader: the main
 * stack `Edge`, and `EdgeReplica` when `replication.enabled`.
 */
export const synthesizeConfig = configSynthesizer(buildEdgeStacks);

/** The same without cdk-nag, for tests that read only templates (those asserting on findings use synthesizeConfig). */
export const synthesizeTemplates = configSynthesizer(buildEdgeStacks, { nag: false });

/** The stacks `cdk synth -c env=<environment> [-c profile=<profile>]` builds, without cdk-nag: for tests that read only templates. */
export const synthesizeEnvironment = (environment: EnvironmentName, profile?: ProfileName) =>
  synthesizeTemplates(loadConfig(environment, profile), environment);

/** An environment's configuration with some values changed. */
export const variantOf = configVariants<EdgeConfig, EdgeConfigOverrides>(environmentConfig);

/** A valid custom domain for tests (the ARN only has to be well formed and in us-east-1). */
export const CUSTOM_DOMAIN = {
  domainName: 'cdn.showcore.example',
  certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
} as const;

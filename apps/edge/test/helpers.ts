import { configSynthesizer, configVariants } from '@showcore/testing';
import { environmentConfig, type EdgeConfig, type EdgeConfigOverrides } from '../src/config';
import { buildEdgeStacks } from '../src/app';

/**
 * Synthesizes the edge stacks straight from a configuration (with cdk-nag), skipping the config loader: the main
 * stack `Edge`, and `EdgeReplica` when `replication.enabled`.
 */
export const synthesizeConfig = configSynthesizer(buildEdgeStacks);

/** An environment's configuration with some values changed. */
export const variantOf = configVariants<EdgeConfig, EdgeConfigOverrides>(environmentConfig);

/** A valid custom domain for tests (the ARN only has to be well formed and in us-east-1). */
export const CUSTOM_DOMAIN = {
  domainName: 'cdn.showcore.example',
  certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
} as const;

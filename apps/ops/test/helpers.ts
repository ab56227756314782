import { configSynthesizer, configVariants } from '@showcore/testing';
import { buildOpsStacks } from '../src/app';
import { environmentConfig, type OpsConfig, type OpsConfigOverrides } from '../src/config';

/** Synthesizes the ops stacks straight from a configuration (with cdk-nag), skipping the config loader. */
export const synthesizeConfig = configSynthesizer(buildOpsStacks);

/** An environment's configuration with some values changed. */
export const variantOf = configVariants<OpsConfig, OpsConfigOverrides>(environmentConfig);

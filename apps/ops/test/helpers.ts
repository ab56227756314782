import { configSynthesizer, configVariants } from '@showcore/testing';
import type { EnvironmentName, ProfileName } from '@showcore/naming';
import { buildOpsStacks } from '../src/app';
import { environmentConfig, loadConfig, type OpsConfig, type OpsConfigOverrides } from '../src/config';

// These leave out the probe function's esbuild bundle (bundling: false): no test reads it but probe-function.test.ts,
// which bundles it.

/** Synthesizes the ops stacks straight from a configuration (with cdk-nag), skipping the config loader. */
export const synthesizeConfig = configSynthesizer(buildOpsStacks, { bundling: false });

/** The same without cdk-nag, for tests that read only templates (those asserting on findings use synthesizeConfig). */
export const synthesizeTemplates = configSynthesizer(buildOpsStacks, { nag: false, bundling: false });

/** The stacks `cdk synth -c env=<environment> [-c profile=<profile>]` builds, without cdk-nag: for tests that read only templates. */
export const synthesizeEnvironment = (environment: EnvironmentName, profile?: ProfileName) =>
  synthesizeTemplates(loadConfig(environment, profile), environment);

/** An environment's configuration with some values changed. */
export const variantOf = configVariants<OpsConfig, OpsConfigOverrides>(environmentConfig);

import { type App, Validations } from 'aws-cdk-lib';
import type * as cdkNag from 'cdk-nag';
import { applyOverrides, type ConfigOverrides, type EnvironmentName } from '@showcore/naming';
import { synthesize, type SynthOptions, type SynthResult } from './synth';

/** A tier's stack builder that takes a configuration directly (`buildEdgeStacks`, `buildOpsStacks`). */
export type StacksBuilder<C> = (app: App, environment: EnvironmentName, config: C) => unknown;

/**
 * cdk-nag, loaded on the first synthesis that adds it: loading its rule packs costs about 0.3 s of CPU, which every
 * test file importing this library would otherwise pay at import, nag or not.
 */
function loadCdkNag(): typeof cdkNag {
  return require('cdk-nag') as typeof cdkNag;
}

export interface ConfigSynthesizerOptions extends Pick<SynthOptions, 'bundling'> {
  /**
   * Add cdk-nag's AwsSolutionsChecks, as the app's build function does. Default true. A synthesizer for tests that
   * read only templates passes false: the checks cost a good part of a synthesis, and every test that asserts on
   * their findings (and `synth-all`, on every real stack) keeps them.
   */
  readonly nag?: boolean;
}

/**
 * A tier's `synthesizeConfig(config, environment = 'dev')`: builds its stacks straight from a configuration,
 * skipping the config loader, with cdk-nag's AwsSolutionsChecks added as the app's build function would
 * (unless `options.nag` is false).
 */
export function configSynthesizer<C>(
  buildStacks: StacksBuilder<C>,
  options: ConfigSynthesizerOptions = {},
): (config: C, environment?: EnvironmentName) => SynthResult {
  const { nag = true, ...synthOptions } = options;
  return (config, environment = 'dev') =>
    synthesize(
      environment,
      (app) => {
        buildStacks(app, environment, config);
        if (nag) Validations.of(app).addPlugins(new (loadCdkNag().AwsSolutionsChecks)(app));
      },
      synthOptions,
    );
}

/** A tier's `variantOf(environment, overrides)`: an environment's configuration with some values changed. */
export function configVariants<C, O extends ConfigOverrides<C> = ConfigOverrides<C>>(
  environmentConfig: (environment: EnvironmentName) => C,
): (environment: EnvironmentName, overrides: O) => C {
  return (environment, overrides) => applyOverrides(environmentConfig(environment), overrides);
}

/**
 * `synthesize` remembered per environment: a test file that asks for the same environment in several `describe`
 * blocks synthesizes it once.
 */
export function synthesisPerEnvironment(build: (app: App) => void, options: SynthOptions = {}): (environment: EnvironmentName) => SynthResult {
  const synthesized = new Map<EnvironmentName, SynthResult>();
  return (environment) => {
    let result = synthesized.get(environment);
    if (!result) {
      result = synthesize(environment, build, options);
      synthesized.set(environment, result);
    }
    return result;
  };
}

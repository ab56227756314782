import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { applyOverrides, type ConfigOverrides, type EnvironmentName } from '@showcore/naming';
import { synthesize, type SynthResult } from './synth';

/** A tier's stack builder that takes a configuration directly (`buildEdgeStacks`, `buildOpsStacks`). */
export type StacksBuilder<C> = (app: App, environment: EnvironmentName, config: C) => unknown;

/**
 * A tier's `synthesizeConfig(config, environment = 'dev')`: builds its stacks straight from a configuration,
 * skipping the config loader, with cdk-nag's AwsSolutionsChecks added as the app's build function would.
 */
export function configSynthesizer<C>(buildStacks: StacksBuilder<C>): (config: C, environment?: EnvironmentName) => SynthResult {
  return (config, environment = 'dev') =>
    synthesize(environment, (app) => {
      buildStacks(app, environment, config);
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    });
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
export function synthesisPerEnvironment(build: (app: App) => void): (environment: EnvironmentName) => SynthResult {
  const synthesized = new Map<EnvironmentName, SynthResult>();
  return (environment) => {
    let result = synthesized.get(environment);
    if (!result) {
      result = synthesize(environment, build);
      synthesized.set(environment, result);
    }
    return result;
  };
}

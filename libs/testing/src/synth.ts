import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS, CloudAssembly, DISABLE_CREATION_STACK_TRACES } from 'aws-cdk-lib/cx-api';
import type { EnvironmentName } from '@showcore/naming';
import { isValidationFailure } from './validation-error';

const outdirs = new Set<string>();

export interface SynthOptions {
  /** Extra CDK context (the `env` key is set from `environment`). */
  readonly context?: Record<string, unknown>;
  /**
   * Whether assets that build their code at synthesis are bundled (the ops tier's probe function, with esbuild).
   * Default true. With false, CDK skips the bundling as it does for the stacks `cdk synth --exclusively` leaves out
   * (context `aws:cdk:bundling-stacks`): the templates are the same but for the asset's hash, which then stands for
   * the asset's construct path rather than the bundle. For tests that read nothing of an asset's content.
   */
  readonly bundling?: boolean;
}

export interface SynthResult {
  readonly app: App;
  readonly stacks: Stack[];
  /** Templates by stack id (the construct id, e.g. `Network`). */
  readonly templates: Record<string, Template>;
  /** The stack whose id is given, with a clear error listing the ids there are. */
  template(stackId: string): Template;
}

/**
 * Builds a CDK app for one environment into a temporary cloud-assembly folder (removed after the test file
 * by {@link cleanupSynthOutputs}, registered in jest-cleanup) and returns its templates.
 */
export function synthesize(environment: EnvironmentName, build: (app: App) => void, options: SynthOptions = {}): SynthResult {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-synth-'));
  outdirs.add(outdir);
  // Tests read the templates and the validation report, never tree.json nor the stack trace CDK captures for each
  // CloudFormation element it creates (under Jest, each one source-mapped: about a sixth of a synthesis).
  const context = {
    [DISABLE_CREATION_STACK_TRACES]: true,
    ...(options.bundling === false ? { [BUNDLING_STACKS]: [] } : {}),
    ...options.context,
    env: environment,
  };
  const app = new App({ outdir, treeMetadata: false, context });
  build(app);
  const stacks = app.node.findAll().filter((c): c is Stack => Stack.isStack(c));
  // One synthesis for everything a test asks: templates here, the cdk-nag report in nagFindings(). A failed
  // validation (cdk-nag findings) still writes the templates, so template tests and the nag test report
  // their own failures separately.
  try {
    app.synth();
  } catch (error) {
    if (!isValidationFailure(error)) throw error;
  }
  const templates: Record<string, Template> = {};
  for (const stack of stacks) {
    const file = path.join(outdir, stack.templateFile);
    templates[stack.node.id] = Template.fromJSON(JSON.parse(fs.readFileSync(file, 'utf8')), { skipCyclicalDependenciesCheck: true });
  }
  return {
    app,
    stacks,
    templates,
    template(stackId: string): Template {
      const found = templates[stackId];
      if (!found) {
        throw new Error(`No stack "${stackId}" in the app. Stacks: ${Object.keys(templates).join(', ') || 'none'}.`);
      }
      return found;
    },
  };
}

/**
 * Removes every temporary cloud assembly this process created: those of {@link synthesize}, and the `cdk.out*`
 * folder CDK makes in the OS temp dir for each `new App()` without an outdir (which `Template.fromStack` fills).
 */
export function cleanupSynthOutputs(): void {
  for (const dir of outdirs) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  outdirs.clear();
  CloudAssembly.cleanupTemporaryDirectories();
}

import { App } from 'aws-cdk-lib';
import { parseEnvironment, type EnvironmentName } from './environments';
import { unknownContextKeys } from './invocation';

/**
 * The environment a CDK app is synthesized for, from `-c env=<name>`. There is no default: a command that names no
 * environment, or a context key ShowCore does not read (a mistyped `-c envv=prod` would otherwise build the
 * default), is refused before anything is synthesized.
 */
export function environmentOf(app: App): EnvironmentName {
  const problems = unknownContextKeys(app.node.getAllContext() as Record<string, unknown>);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return parseEnvironment(app.node.tryGetContext('env'));
}

/**
 * Runs a CDK app's entry point: a configuration or usage error prints its message (no stack trace, which
 * would bury it) and exits non-zero, so `cdk synth` fails before anything is written or deployed.
 * Set SHOWCORE_DEBUG=1 to see the stack trace.
 */
export function runCdkApp(main: () => void): void {
  try {
    main();
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    console.error(`\n${err.message}\n`);
    if (process.env.SHOWCORE_DEBUG) console.error(err.stack);
    process.exit(1);
  }
}

/**
 * The environment variable through which the workspace's synth tool asks an app's entry point for several
 * cloud assemblies in one process (every environment and profile of a tier), instead of one CDK CLI process
 * each: aws-cdk-lib and the app's modules load once. A JSON array of {@link SynthVariant}.
 */
export const SYNTH_VARIANTS_ENV = 'SHOWCORE_SYNTH_VARIANTS';

/** One cloud assembly to write: where, and the context it is built with (as `cdk synth -c …` would pass it). */
export interface SynthVariant {
  readonly outdir: string;
  readonly context: Readonly<Record<string, unknown>>;
}

function parseVariants(raw: string): SynthVariant[] {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${SYNTH_VARIANTS_ENV} is not JSON (${(error as Error).message}). Unset it to synthesize through the CDK CLI.`, { cause: error });
  }
  const valid = (v: any): v is SynthVariant => typeof v?.outdir === 'string' && v.outdir !== '' && typeof v?.context === 'object' && v.context !== null;
  if (!Array.isArray(value) || value.length === 0 || !value.every(valid)) {
    throw new Error(`${SYNTH_VARIANTS_ENV} must be a non-empty JSON array of {"outdir": "<dir>", "context": {...}}; got ${raw.slice(0, 200)}.`);
  }
  return value;
}

/**
 * Where a synthesizer running in the same process as the entry point (the workspace's synth tool, which loads the
 * entry point itself instead of starting a process for it) receives the entry point's build function: while a
 * function is set here, {@link synthesizeCdkApp} hands `build` to it and synthesizes nothing itself.
 */
export const IN_PROCESS_SYNTHESIZER = Symbol.for('@showcore/naming.synthesizeCdkApp.inProcess');

/**
 * Writes one assembly per variant, each from a fresh App built by `build` (cdk-nag runs on every one). Every
 * variant is attempted; returns one message per variant that failed (its outdir and the error), so one bad
 * environment does not hide another.
 */
export function synthesizeEachVariant(build: (app: App) => unknown, variants: readonly SynthVariant[]): string[] {
  const failures: string[] = [];
  for (const variant of variants) {
    try {
      const app = new App({ outdir: variant.outdir, context: { ...variant.context } });
      build(app);
      app.synth();
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      failures.push(`${variant.outdir}:\n${err.message}`);
      if (process.env.SHOWCORE_DEBUG) console.error(err.stack);
    }
  }
  return failures;
}

/**
 * A tier's entry point: builds the app with `build` and synthesizes it. Run by the CDK CLI, that is one cloud
 * assembly from the CLI's context. With {@link SYNTH_VARIANTS_ENV} set, it is one assembly per variant
 * ({@link synthesizeEachVariant}), and the process exits 1 naming each that failed. Loaded by a synthesizer in
 * the same process ({@link IN_PROCESS_SYNTHESIZER}), it hands `build` over instead.
 */
export function synthesizeCdkApp(build: (app: App) => unknown): void {
  const receiver = (globalThis as Record<symbol, unknown>)[IN_PROCESS_SYNTHESIZER];
  if (typeof receiver === 'function') {
    receiver(build);
    return;
  }
  const raw = process.env[SYNTH_VARIANTS_ENV];
  if (raw === undefined || raw === '') {
    runCdkApp(() => {
      const app = new App();
      build(app);
      app.synth();
    });
    return;
  }
  let variants: SynthVariant[] = [];
  runCdkApp(() => {
    variants = parseVariants(raw);
  });
  const failures = synthesizeEachVariant(build, variants);
  if (failures.length > 0) {
    console.error(`\n${failures.join('\n\n')}\n`);
    process.exit(1);
  }
}

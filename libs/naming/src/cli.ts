import type { App } from 'aws-cdk-lib';
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

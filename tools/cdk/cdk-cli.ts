/**
 * The CDK CLI as the tier runner calls it: no notices or telemetry, and, against a local emulator, stopped as soon
 * as the emulator is gone (the CLI itself retries a refused connection for about 45 s).
 */
import type { Tier } from '@showcore/naming';
import { appDir, cdkNodeArgs } from '#tools/lib/paths';
import { run, UsageError, type RunResult } from '#tools/lib/process';
import { emulatorGoneAt, watchEmulator } from '#tools/lib/liveness';

/** Settings every CDK CLI call gets: no notices or telemetry (this machine reaches no network but loopback). */
const CDK_COMMON = ['--no-notices', '--no-version-reporting'];

function cdkEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...base, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_VALIDATION: 'false', FORCE_COLOR: process.stdout.isTTY ? (base.FORCE_COLOR ?? '1') : '0' };
}

export function emulatorGone(endpoint: string, what: string, tier: Tier): UsageError {
  return new UsageError(
    `The local AWS emulator at ${endpoint} stopped answering during ${what} of the ${tier} tier. ` +
      'If `npm start` started it, run `npm start` again: it starts a fresh emulator and deploys every tier from scratch, with nothing to clean up. ' +
      `If you started it yourself (npm start --endpoint=${endpoint}, or a deploy with AWS_ENDPOINT_URL), start it again on the same port and deploy again.`,
  );
}

export async function cdk(tier: Tier, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  // Against a local emulator, the CLI is stopped as soon as the emulator is gone (it would retry for ~45 s).
  const watch = watchEmulator(env.AWS_ENDPOINT_URL);
  let result: RunResult;
  try {
    result = await run(process.execPath, cdkNodeArgs([...args, ...CDK_COMMON]), { cwd: appDir(tier), env: cdkEnv(env), signal: watch.signal });
  } catch (error) {
    if (watch.signal.aborted) throw emulatorGone(env.AWS_ENDPOINT_URL as string, `cdk ${args[0]}`, tier);
    throw error;
  } finally {
    watch.stop();
  }
  if (result.code !== 0 && (await emulatorGoneAt(env.AWS_ENDPOINT_URL))) {
    throw emulatorGone(env.AWS_ENDPOINT_URL as string, `cdk ${args[0]}`, tier);
  }
  if (result.code !== 0) {
    throw new UsageError(`cdk ${args[0]} failed for the ${tier} tier (exit ${result.code}); see the output above.`);
  }
}

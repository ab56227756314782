/**
 * The one entry point behind every tier's synth/diff/deploy/destroy Nx targets:
 *
 *   node --require ./tools/lib/typescript.cjs tools/cdk/tier.ts <synth|diff|deploy|destroy> --tier=<tier> --environment=<env>
 *
 * deploy/diff/destroy use the cloud assembly that synth wrote to apps/<tier>/cdk.out/<env> (the very templates
 * that cdk-nag and cfn-lint checked), never a fresh synth. deploy first checks that every SSM parameter the tier
 * reads exists, so a consumer deployed before its producer fails before anything is created.
 */
import { isTier, parseEnvironment, parseProfile, TIERS, type EnvironmentName, type Tier } from '@showcore/naming';
import { optionString, parseArgs } from '#tools/lib/args';
import { asUsage, runMain, UsageError } from '#tools/lib/process';
import { awsEnvironmentWithCredentials } from '#tools/lib/aws-target';
import { FORCE_WITH_CONSUMERS } from './flags';
import { requireAssembly, synth } from './tier-assembly';

const ACTIONS = ['synth', 'diff', 'deploy', 'destroy'] as const;
type Action = (typeof ACTIONS)[number];

/** What deploy, diff and destroy use, loaded only for them (a synth needs none of it). */
function deployModule(): typeof import('./tier-deploy') {
  return require('./tier-deploy') as typeof import('./tier-deploy');
}

function cdkCli(): typeof import('./cdk-cli') {
  return require('./cdk-cli') as typeof import('./cdk-cli');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['tier', 'environment', 'env', 'profile', 'force', FORCE_WITH_CONSUMERS]);
  const action = args.positional[0] as Action;
  if (!(ACTIONS as readonly string[]).includes(action)) {
    throw new UsageError(`Unknown action "${args.positional[0] ?? ''}". Expected one of: ${ACTIONS.join(', ')}.`);
  }
  const tierName = optionString(args, 'tier');
  if (!isTier(tierName)) {
    throw new UsageError(`Unknown tier "${tierName ?? ''}". Expected one of: ${TIERS.join(', ')}.`);
  }
  const environment = asUsage(() => parseEnvironment(optionString(args, 'environment', 'env'), '--environment'));
  if (action !== 'synth' && args.options.profile !== undefined) {
    throw new UsageError(
      `--profile applies to synth only: ${action} uses the environment's own assembly. To see a profile switch, plan it: npm run plan -- --environment=${environment} --profile=${String(args.options.profile)}`,
    );
  }
  try {
    await runAction(action, tierName, environment, args);
  } catch (error) {
    // Any failure against a local emulator that has gone away is explained the same way, wherever it surfaced.
    const endpoint = process.env.AWS_ENDPOINT_URL;
    // emulatorGoneAt asks only a loopback endpoint: a refused non-loopback AWS_ENDPOINT_URL is reported as is.
    if (environment === 'local' && !(error instanceof UsageError && /stopped answering/.test(error.message))) {
      const { emulatorGoneAt } = require('#tools/lib/liveness') as typeof import('#tools/lib/liveness');
      if (await emulatorGoneAt(endpoint)) throw cdkCli().emulatorGone(endpoint as string, action, tierName);
    }
    throw error;
  }
}

async function runAction(action: Action, tierName: Tier, environment: EnvironmentName, args: ReturnType<typeof parseArgs>): Promise<void> {
  switch (action) {
    case 'synth': {
      const profile = optionString(args, 'profile');
      if (profile !== undefined) asUsage(() => parseProfile(profile, '--profile', '--profile=<name>'));
      await synth(tierName, environment, profile);
      return;
    }
    case 'diff':
      return cdkCli().cdk(
        tierName,
        ['diff', '--app', requireAssembly(tierName, environment), '--all'],
        awsEnvironmentWithCredentials(environment, `a diff of the ${tierName} tier`),
      );
    case 'deploy':
      return deployModule().deploy(tierName, environment, { force: args.options.force === true });
    case 'destroy':
      return deployModule().destroy(tierName, environment, { forceWithConsumers: [true, 'true'].includes(args.options[FORCE_WITH_CONSUMERS]) });
  }
}

if (require.main === module) runMain(main);

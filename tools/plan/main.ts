/**
 * `npm run plan -- --environment=<env> [--base=<ref>] [--profile=<name>]` and `npx nx run <tier>:plan -c <env>`:
 * what a deploy would change in each tier, classified as add / modify in place / replace / remove, before
 * CloudFormation runs. Refuses (exit 3) to replace or remove what holds data or keys, or to replace a resource
 * with a fixed physical name, unless the environment's configuration acknowledges it with a reason.
 */
import { stackName, type Tier } from '@showcore/naming';
import { resolveCommit } from '#tools/cost/base-ref';
import { synthesize } from '#tools/cost/sources';
import { variantDir } from '#tools/lib/paths';
import { assemblyStacks, type AssemblyStack } from '#tools/lib/assembly';
import { awsEnvironmentFor } from '#tools/lib/aws-target';
import { credentialSource } from '#tools/lib/credentials';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
import { runMain, UsageError } from '#tools/lib/process';
import { awsClients, byRegion } from '#tools/lib/aws-clients';
import { deployedBaseline, refBaseline, type Baseline } from './baseline';
import { EXIT_REFUSED, refusals, type Plan } from './model';
import { parsePlanOptions, USAGE, type PlanOptions } from './options';
import { planTier } from './plan';
import { renderJson, renderMarkdown, renderText } from './render';

/** Checks that need no synth and no request: the ref exists, or there is somewhere to read deployed stacks from. */
async function preflight(options: PlanOptions): Promise<NodeJS.ProcessEnv | undefined> {
  if (options.base !== undefined) {
    await resolveCommit(WORKSPACE_ROOT, options.base);
    return undefined;
  }
  const env = awsEnvironmentFor(options.environment);
  if (options.environment !== 'local' && !credentialSource(env)) {
    throw new UsageError(
      `No AWS credentials for the ${options.environment} environment, so its deployed stacks cannot be read. ` +
        'Configure them (AWS_PROFILE, SSO login, or the environment variables), or plan against a git ref without an account: ' +
        `npm run plan -- --environment=${options.environment} --base=origin/main`,
    );
  }
  return env;
}

/** Synthesizes the tiers two at a time (this machine's cores), each through its own tier.ts. */
async function synthesizeAll(tiers: readonly Tier[], options: PlanOptions): Promise<void> {
  const queue = [...tiers];
  const worker = async () => {
    for (let tier = queue.shift(); tier; tier = queue.shift()) await synthesize(WORKSPACE_ROOT, tier, options.environment, options.profile, 'for the plan');
  };
  await Promise.all([worker(), worker()]);
}

/** What each stack runs now, asked in the stack's own region (a tier may have a second-region stack). */
async function deployedBaselineByRegion(env: NodeJS.ProcessEnv, stacks: readonly AssemblyStack[]): Promise<Baseline> {
  const baseline: Baseline = new Map();
  for (const group of byRegion(env, awsClients(env), stacks)) {
    for (const [name, template] of await deployedBaseline(
      group.clients.cloudFormation,
      group.stacks.map((s) => s.stackName),
    ))
      baseline.set(name, template);
  }
  return baseline;
}

export async function buildPlan(options: PlanOptions): Promise<Plan> {
  const env = await preflight(options);
  const target = `${options.environment}${options.profile ? ` with the ${options.profile} profile` : ''}`;
  // The base ref's templates and this checkout's are synthesized side by side.
  const [baselines] = await Promise.all([
    options.base !== undefined ? refBaseline(WORKSPACE_ROOT, options.base, options.tiers, options.environment) : Promise.resolve(undefined),
    synthesizeAll(options.tiers, options),
  ]);
  const tiers = [];
  for (const tier of options.tiers) {
    const assemblyDir = variantDir(WORKSPACE_ROOT, tier, options.environment, options.profile);
    let baseline: Baseline;
    if (baselines) baseline = baselines.get(tier) as Baseline;
    else baseline = await deployedBaselineByRegion(env as NodeJS.ProcessEnv, assemblyStacks(assemblyDir));
    const baselineLabel =
      options.base !== undefined ? `${options.base} (${options.environment}'s own values)` : `the deployed ${stackName(tier, options.environment)}`;
    tiers.push(planTier({ tier, target, baselineLabel, assemblyDir, baseline }));
  }
  return {
    environment: options.environment,
    ...(options.profile ? { profile: options.profile } : {}),
    baseline: options.base !== undefined ? { kind: 'ref', ref: options.base } : { kind: 'deployed' },
    tiers,
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  const options = parsePlanOptions(argv);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const plan = await buildPlan(options);
  console.log(options.format === 'json' ? renderJson(plan) : options.format === 'markdown' ? renderMarkdown(plan) : renderText(plan));
  const stale = plan.tiers.flatMap((t) => t.staleAcknowledgements.map((ack) => `${t.tier}: ${ack.change} of ${ack.resource}`));
  if (refusals(plan).length > 0) return EXIT_REFUSED;
  if (stale.length > 0) {
    console.error(`\nStale acknowledgement(s), which match no refused change: ${stale.join('; ')}. Remove them from the tier's configuration.`);
    return 1;
  }
  return 0;
}

if (require.main === module) runMain(() => main(process.argv.slice(2)));

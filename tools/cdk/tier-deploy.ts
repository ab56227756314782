/**
 * deploy and destroy of a tier's synthesized assembly, for tools/cdk/tier.ts. A module of its own so that `tier.ts synth`
 * (a task of every deploy through Nx) does not load what only a deploy or destroy uses: the AWS SDK clients, the
 * service specification behind the plan, the destroy guard (~0.4 s of CPU per synth process).
 */
import * as fs from 'node:fs';
import { consumersOf, stackName, PARAMETERS, type EnvironmentName, type ParameterName, type Tier } from '@showcore/naming';
import { awsEnvironmentWithCredentials, deployMethodFor } from '#tools/lib/aws-target';
import { UsageError } from '#tools/lib/process';
import { assemblyStacks, type AssemblyStack } from '#tools/lib/assembly';
import { deployedBaseline, type Baseline } from '#tools/plan/baseline';
import { describeMissing, missingInputs } from '#tools/lib/ssm-preflight';
import { S3Client } from '@aws-sdk/client-s3';
import { checkConsumers, emptyBuckets, FORCE_WITH_CONSUMERS, remainingBuckets } from './destroy-guard';
import { assemblyToDeploy } from './tier-assembly';
import { cdk } from './cdk-cli';
import { repairPublishedParameters, requireAcceptablePlan, requireStableStacks } from './deploy-gate';
import { awsClients, byRegion, clientConfig, type AwsClients } from '#tools/lib/aws-clients';
import { stackOutputs } from '#tools/lib/deployed-stacks';
import { changedParameters, publishedValues, staleInputs } from './staleness';

/** True when every stack of the assembly is deployed with exactly the synthesized template. */
function deployedTemplatesMatch(stacks: readonly AssemblyStack[], deployed: Baseline): boolean {
  return stacks.every((stack) => {
    const running = deployed.get(stack.stackName);
    return running !== undefined && JSON.stringify(running) === JSON.stringify(JSON.parse(fs.readFileSync(stack.templateFile, 'utf8')));
  });
}

function log(tier: Tier, started: number, message: string): void {
  console.log(`[${tier}] ${message} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

export interface DeployOptions {
  /** Deploy even when the template is unchanged (cdk deploy --force). */
  readonly force?: boolean;
  /** Redeploy consumers whose inputs this deploy changed. @default true */
  readonly cascade?: boolean;
}

/**
 * Deploys a tier's synthesized assembly:
 *  1. fails, changing nothing, when an SSM parameter the tier reads does not exist (its producer is not deployed);
 *  2. forces the update when a producer changed a value since this tier last resolved it;
 *  3. afterwards, redeploys every already-deployed consumer whose inputs this deploy changed.
 */
export async function deploy(tier: Tier, environment: EnvironmentName, options: DeployOptions = {}): Promise<void> {
  const started = Date.now();
  const env = awsEnvironmentWithCredentials(environment, `a deploy of the ${tier} tier`);
  const clients = awsClients(env);
  const say = (message: string) => log(tier, started, message);

  say(`checking the SSM parameters it reads in ${environment}`);
  const missing = await missingInputs(clients.ssm, tier, environment);
  if (missing.length > 0) throw new UsageError(describeMissing(tier, environment, missing));

  const app = await assemblyToDeploy(tier, environment);
  const stacks = assemblyStacks(app);
  const stackNames = stacks.map((s) => s.stackName);
  // Each stack is asked about in its own region: a second-region stack (edge replicas, ops copy vault) is not
  // visible to the main region's CloudFormation.
  const regions = byRegion(env, clients, stacks);
  for (const group of regions) await requireStableStacks(tier, environment, group.clients.cloudFormation, group.stacks, say);

  const stale = (
    await Promise.all(
      regions.map((group) =>
        staleInputs(
          group.clients,
          tier,
          environment,
          group.stacks.map((s) => s.stackName),
        ),
      ),
    )
  ).flat();
  for (const input of stale) say(`input ${input.path} changed (${input.resolved} -> ${input.current}): forcing an update`);
  const before = await publishedValues(clients, tier, environment);
  // Read once: what the stacks run decides both "no changes" and the plan.
  const deployed: Baseline = new Map();
  for (const group of regions) {
    for (const [name, template] of await deployedBaseline(
      group.clients.cloudFormation,
      group.stacks.map((s) => s.stackName),
    ))
      deployed.set(name, template);
  }

  if (!options.force && stale.length === 0 && deployedTemplatesMatch(stacks, deployed)) {
    // The CDK CLI never skips a stack that reads SSM parameters (it cannot know whether they changed); the staleness
    // check above does know, so an unchanged tier is not touched at all, except for published parameters that
    // were deleted or changed outside the stack.
    let repaired = 0;
    for (const group of regions) repaired += await repairPublishedParameters(tier, environment, group.clients, group.stacks, say);
    say(
      `no changes: every stack already runs this template with current inputs; nothing deployed${repaired ? `, ${repaired} published parameter(s) restored` : ''}`,
    );
    await cascade(tier, environment, clients, before, options, started);
    return;
  }
  say('planning the change against the deployed stacks');
  const plan = requireAcceptablePlan(tier, environment, app, deployed);
  const acknowledged = plan.changes.filter((c) => c.acknowledged);
  say(`plan: ${plan.changes.length} resource change(s), nothing refused${acknowledged.length ? `, ${acknowledged.length} acknowledged` : ''}`);
  if (environment !== 'local') {
    say('diff against the deployed stacks');
    await cdk(tier, ['diff', '--app', app, '--all'], env);
  }
  log(tier, started, `deploying ${stackNames.join(', ')}`);
  // --no-previous-parameters: every template parameter is an SSM path with its default (the registry's), so
  // nothing is lost; and moto fails on UsePreviousValue for parameters first created from their defaults.
  const args = [
    'deploy',
    '--app',
    app,
    '--all',
    '--require-approval',
    'never',
    '--progress',
    'events',
    `--method=${deployMethodFor(environment)}`,
    '--no-previous-parameters',
  ];
  if (options.force || stale.length > 0) args.push('--force');
  await cdk(tier, args, env);
  say('deployed');
  for (const group of regions) await repairPublishedParameters(tier, environment, group.clients, group.stacks, say);
  await cascade(tier, environment, clients, before, options, started);
}

/** Redeploys every already-deployed consumer whose inputs the producer's deploy changed. */
async function cascade(
  tier: Tier,
  environment: EnvironmentName,
  clients: AwsClients,
  before: Map<ParameterName, string>,
  options: DeployOptions,
  started: number,
): Promise<void> {
  if (options.cascade === false) return;
  const changed = changedParameters(before, await publishedValues(clients, tier, environment));
  const consumers = consumersOf(tier).filter((consumer) => changed.some((name) => (PARAMETERS[name].consumers as readonly Tier[]).includes(consumer)));
  for (const consumer of consumers) {
    // A consumer that is not deployed yet will resolve the new values when it is.
    if (!(await stackOutputs(clients.cloudFormation, stackName(consumer, environment)))) continue;
    log(tier, started, `published values changed (${changed.join(', ')}): refreshing the ${consumer} tier`);
    await deploy(consumer, environment, { cascade: true });
  }
}

export interface DestroyOptions {
  /** Destroy a producer although tiers that read its parameters are deployed (--force-with-consumers). */
  readonly forceWithConsumers?: boolean;
}

/**
 * Deletes a tier's stacks. Refused, changing nothing, while a tier that reads this tier's SSM parameters is
 * deployed (unless `forceWithConsumers`). Outside `local`, stateful resources stay (retain/snapshot policies,
 * deletion protection). In `local`, the tier's own buckets are emptied first (moto leaves a non-empty bucket
 * behind), and what moto leaves of the stack's VPC is removed afterwards: only what this stack created.
 */
export async function destroy(tier: Tier, environment: EnvironmentName, options: DestroyOptions = {}): Promise<void> {
  const env = awsEnvironmentWithCredentials(environment, `a destroy of the ${tier} tier`);
  const clients = awsClients(env);
  const consumers = await checkConsumers(clients.cloudFormation, tier, environment, options.forceWithConsumers === true);
  if (consumers.length > 0)
    console.log(`[${tier}] --${FORCE_WITH_CONSUMERS}: destroying it although ${consumers.map((c) => c.tier).join(', ')} read(s) its parameters`);
  const app = await assemblyToDeploy(tier, environment);
  const stacks = assemblyStacks(app);
  const stackNames = stacks.map((s) => s.stackName);
  // EC2's SDK client is the largest the runner uses (~0.5 s of CPU to load): only a local destroy needs it, so it is
  // required here, not by every run.
  const teardown = environment === 'local' ? (require('./emulator-teardown') as typeof import('./emulator-teardown')) : undefined;
  const recorded = teardown ? await teardown.stackResources(clients.cloudFormation, stackNames) : [];
  const s3 = new S3Client({ ...clientConfig(env), forcePathStyle: true });
  if (environment === 'local') {
    for (const { bucket, deleted } of await emptyBuckets(s3, recorded))
      console.log(`[${tier}] emptied bucket ${bucket} (${deleted} object version(s) and delete marker(s))`);
  }
  try {
    await cdk(tier, ['destroy', '--app', app, '--all', '--force'], env);
  } catch (error) {
    const outputs = await Promise.all(
      byRegion(env, clients, stacks).flatMap((group) => group.stacks.map((s) => stackOutputs(group.clients.cloudFormation, s.stackName))),
    );
    const gone = outputs.every((o) => o === undefined);
    if (environment !== 'local' || !gone) throw error;
    console.log(`[${tier}] the emulator reported an error but deleted the stack record; removing what it left behind`);
  }
  if (teardown) {
    const { EC2Client } = require('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2');
    const { removed, keptForOthers } = await teardown.removeEmulatorLeftovers(new EC2Client(clientConfig(env)), recorded, stackNames);
    if (removed.length) console.log(`[${tier}] removed ${removed.length} resource(s) the emulator left behind: ${removed.join(', ')}`);
    if (keptForOthers.length)
      console.log(`[${tier}] kept ${keptForOthers.length} resource(s) other stacks created in its VPC (and so the VPC): ${keptForOthers.join(', ')}`);
    const buckets = await remainingBuckets(s3, recorded);
    if (buckets.length)
      throw new UsageError(
        `The ${tier} tier's stack is deleted but its bucket(s) ${buckets.join(', ')} still exist. Delete them (aws s3 rb s3://<name> --force) before deploying the tier again.`,
      );
  }
}

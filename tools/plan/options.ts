import { isTier, parseEnvironment, parseProfile, TIERS, type EnvironmentName, type ProfileName, type Tier } from '@showcore/naming';
import { optionString, parseArgs } from '#tools/lib/args';
import { asUsage, UsageError } from '#tools/lib/process';

export const USAGE = `Usage: npm run plan -- --environment=<local|dev|staging|prod> [--base=<git ref>] [--profile=<name>] [--tier=<a,b>] [--json|--markdown]

  Without --base the synthesized templates are compared with the deployed stacks (credentials, or the local
  emulator, needed); with --base they are compared with the templates synthesized at that git ref (no account).
  --profile plans the switch of the environment to that profile. Exit 0: nothing refused; 3: a refused
  replacement or removal (docs/deploying.md, "What the plan refuses"); 1: bad input or a stale acknowledgement.`;

export interface PlanOptions {
  readonly environment: EnvironmentName;
  readonly base?: string;
  readonly profile?: ProfileName;
  readonly tiers: readonly Tier[];
  readonly format: 'table' | 'markdown' | 'json';
}

const FLAGS = new Set(['json', 'markdown', 'help']);
const VALUES = new Set(['environment', 'env', 'base', 'profile', 'tier']);

export function parsePlanOptions(argv: readonly string[]): PlanOptions | 'help' {
  const args = parseArgs(argv, [...FLAGS, ...VALUES]);
  if (args.options.help) return 'help';
  if (args.positional.length > 0) throw new UsageError(`Unexpected argument "${args.positional[0]}".\n\n${USAGE}`);
  for (const [key, value] of Object.entries(args.options)) {
    if (FLAGS.has(key) && value !== true) throw new UsageError(`--${key} takes no value (got "${value}").`);
    if (VALUES.has(key) && value === true) throw new UsageError(`--${key} needs a value: --${key}=<value>.`);
  }
  if (args.options.json && args.options.markdown) throw new UsageError('Choose one of --json and --markdown.');
  const environmentValue = optionString(args, 'environment', 'env');
  if (environmentValue === undefined) {
    throw new UsageError(`A plan names its environment: --environment=<local|dev|staging|prod> (there is no default).\n\n${USAGE}`);
  }
  const environment = asUsage(() => parseEnvironment(environmentValue, '--environment'));
  const profileValue = optionString(args, 'profile');
  const profile = profileValue === undefined ? undefined : asUsage(() => parseProfile(profileValue, '--profile', '--profile=<name>'));
  const tierValue = optionString(args, 'tier');
  const tiers = tierValue === undefined ? [...TIERS] : tierValue.split(',').map((t) => t.trim());
  const unknown = tiers.filter((t) => !isTier(t));
  if (unknown.length > 0) throw new UsageError(`Unknown tier "${unknown.join('", "')}" (--tier). Expected one of: ${TIERS.join(', ')}.`);
  return {
    environment,
    ...(optionString(args, 'base') !== undefined ? { base: optionString(args, 'base') } : {}),
    ...(profile ? { profile } : {}),
    tiers: TIERS.filter((t) => tiers.includes(t)),
    format: args.options.json ? 'json' : args.options.markdown ? 'markdown' : 'table',
  };
}

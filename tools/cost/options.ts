import { isTier, parseEnvironment, TIERS, type EnvironmentName, type Tier } from '@showcore/naming';
import { optionString, parseArgs } from '#tools/lib/args';
import { UsageError } from '#tools/lib/process';

export const USAGE = `Monthly cost of the synthesized templates, from the checked-in price table.

  node --import tsx tools/cost/main.ts [options]        (npm run cost -- [options]; npx nx run <tier>:cost -c <env>)

  --tier=<t>[,<t>]      network, data, edge, ops (default: every tier in this checkout, summed)
  --environment=<env>   local, dev, staging, prod (default: dev)
  --profile=<name>      read cdk.out/<env>-<name> (e.g. hardened)
  --json | --markdown   output for machines / for documents (default: a table for people)
  --strict              exit non-zero when a resource cannot be priced (unknown type or missing price)
  --base=<git ref>      the difference between that ref and the working tree, per tier, in Markdown (--json for JSON)
  --ref=<git ref>       price that commit instead of the working tree (synthesized in a temporary worktree)
  --synth               synthesize the working tree's templates first
  --assumptions=<file>  override some usage assumptions (keys of tools/cost/assumptions.json)
  --prices=<file>       another price table (default tools/cost/prices/us-east-1.json)
  --workspace=<dir>     read the templates of another checkout`;

export type OutputFormat = 'table' | 'json' | 'markdown';

export interface CostOptions {
  readonly help: boolean;
  /** Undefined: every tier present in the checkout. */
  readonly tiers?: readonly Tier[];
  readonly environment: EnvironmentName;
  readonly profile?: string;
  readonly format: OutputFormat;
  readonly strict: boolean;
  readonly base?: string;
  /** Price this ref (synthesized in a worktree) instead of the working tree. */
  readonly ref?: string;
  readonly synth: boolean;
  readonly assumptionsFile?: string;
  readonly pricesFile?: string;
  readonly workspace?: string;
}

const KNOWN = new Set([
  'help',
  'tier',
  'environment',
  'env',
  'profile',
  'json',
  'markdown',
  'strict',
  'base',
  'ref',
  'synth',
  'assumptions',
  'prices',
  'workspace',
]);
const FLAGS = new Set(['help', 'json', 'markdown', 'strict', 'synth']);

function parseTiers(value: string | undefined): Tier[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !isTier(name));
  if (unknown.length > 0) throw new UsageError(`Unknown tier "${unknown.join('", "')}" (--tier). Expected one of: ${TIERS.join(', ')}.`);
  return names as Tier[];
}

export function parseCostOptions(argv: readonly string[]): CostOptions {
  const args = parseArgs(argv);
  if (args.positional.length > 0) throw new UsageError(`Unexpected argument "${args.positional[0]}".\n\n${USAGE}`);
  for (const [key, value] of Object.entries(args.options)) {
    if (!KNOWN.has(key)) throw new UsageError(`Unknown option --${key}.\n\n${USAGE}`);
    if (FLAGS.has(key) && value !== true) throw new UsageError(`--${key} takes no value (got "${value}").`);
    if (!FLAGS.has(key) && value === true) throw new UsageError(`--${key} needs a value: --${key}=<value>.`);
  }
  if (args.options.json && args.options.markdown) throw new UsageError('Choose one of --json and --markdown.');
  if (args.options.ref && args.options.synth) throw new UsageError('--synth applies to the working tree; --ref synthesizes its commit anyway. Drop one.');
  let environment: EnvironmentName;
  try {
    environment = parseEnvironment(optionString(args, 'environment', 'env') ?? 'dev', '--environment');
  } catch (error) {
    throw new UsageError((error as Error).message.replace('Pass one with -c env=<name>.', 'Pass one with --environment=<name>.'));
  }
  const profile = optionString(args, 'profile');
  if (profile !== undefined && !/^[a-z][a-z0-9-]*$/.test(profile))
    throw new UsageError(`Invalid profile "${profile}" (--profile): lower-case letters, digits and dashes, e.g. hardened.`);
  return {
    help: args.options.help === true,
    tiers: parseTiers(optionString(args, 'tier')),
    environment,
    profile,
    format: args.options.json ? 'json' : args.options.markdown ? 'markdown' : 'table',
    strict: args.options.strict === true,
    base: optionString(args, 'base'),
    ref: optionString(args, 'ref'),
    synth: args.options.synth === true,
    assumptionsFile: optionString(args, 'assumptions'),
    pricesFile: optionString(args, 'prices'),
    workspace: optionString(args, 'workspace'),
  };
}

import { isTier, TIERS, type Tier } from '@showcore/naming';
import { UsageError } from './process';

/** Minimal `--key=value` / `--flag` parser for the workspace scripts (positional arguments kept in order). */
export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Record<string, string | true>;
}

/**
 * Parses a tool's command line. `-c env=<name>` and `-c profile=<name>` (the CDK habit) are read as
 * `--environment` and `--profile`; any other `-c key=value` is refused, since no tool reads it. When `known` is
 * given, an option outside it is refused too (a mistyped `--enviroment=prod` must not fall back to a default).
 */
export function parseArgs(argv: readonly string[], known?: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [key, ...rest] = arg.slice(2).split('=');
      if (rest.length > 0) options[key] = rest.join('=');
      else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('-') && VALUE_OPTIONS.has(key)) options[key] = argv[++i];
      else options[key] = true;
    } else if (arg === '-c' || arg === '--context') {
      const [key, ...rest] = (argv[++i] ?? '').split('=');
      const name = key === 'env' ? 'environment' : key;
      if (!CONTEXT_OPTIONS.has(key) || rest.length === 0) {
        throw new UsageError(
          `Unknown context "-c ${argv[i] ?? ''}". The workspace tools read -c env=<name> and -c profile=<name> ` +
            '(or --environment=<name> and --profile=<name>); nothing else is passed to the CDK apps.',
        );
      }
      options[name] = rest.join('=');
    } else {
      positional.push(arg);
    }
  }
  if (known) {
    const allowed = new Set([...known, 'help']);
    const unknown = Object.keys(options).filter((key) => !allowed.has(key));
    if (unknown.length > 0) {
      throw new UsageError(
        `Unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `--${key}`).join(', ')}. ` +
          `This command takes: ${[...known]
            .sort()
            .map((key) => `--${key}`)
            .join(', ')}.`,
      );
    }
  }
  return { positional, options };
}

const CONTEXT_OPTIONS = new Set(['env', 'profile']);

const VALUE_OPTIONS = new Set([
  'tier',
  'environment',
  'env',
  'endpoint',
  'base',
  'port',
  'output',
  'report',
  'profile',
  'tiers',
  'probes',
  'account',
  'rds-ca-bundle',
  'acknowledge',
  'instance-type',
  'ami',
  'reachable-timeout',
  'probe-timeout',
]);

/** `--tier=<tier>`: the tier it names, undefined when absent (unless required); an unknown name is refused. */
export function tierOption(args: ParsedArgs, options: { required: true }): Tier;
export function tierOption(args: ParsedArgs, options?: { required?: boolean }): Tier | undefined;
export function tierOption(args: ParsedArgs, options: { required?: boolean } = {}): Tier | undefined {
  const tier = args.options.tier;
  if (tier === undefined && !options.required) return undefined;
  if (typeof tier !== 'string' || !isTier(tier)) {
    throw new UsageError(`--tier must name a tier (${TIERS.join(', ')}); got ${tier === undefined ? 'nothing' : `"${String(tier)}"`}.`);
  }
  return tier;
}

export function optionString(args: ParsedArgs, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = args.options[name];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

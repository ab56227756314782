/** Minimal `--key=value` / `--flag` parser for the workspace scripts (positional arguments kept in order). */
export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Record<string, string | true>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [key, ...rest] = arg.slice(2).split('=');
      if (rest.length > 0) options[key] = rest.join('=');
      else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('-') && VALUE_OPTIONS.has(key)) options[key] = argv[++i];
      else options[key] = true;
    } else if (arg === '-c' && argv[i + 1]?.startsWith('env=')) {
      // The CDK habit: `-c env=dev`.
      options.environment = argv[++i].slice('env='.length);
    } else {
      positional.push(arg);
    }
  }
  return { positional, options };
}

const VALUE_OPTIONS = new Set(['tier', 'environment', 'env', 'endpoint', 'base', 'port', 'output', 'report', 'profile', 'tiers', 'probes', 'account', 'rds-ca-bundle', 'instance-type', 'ami', 'reachable-timeout', 'probe-timeout']);

export function optionString(args: ParsedArgs, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = args.options[name];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

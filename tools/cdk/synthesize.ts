/**
 * Synthesis of a tier's cloud assemblies, without a CDK CLI process: the tier's own entry point (the `app`
 * command of its cdk.json) runs once and writes one assembly per variant (environment, optionally a profile),
 * through `synthesizeCdkApp` in @showcore/naming; in this very process when the app command is
 * `node --import tsx <entry>.ts` and this process loads TypeScript too (every tier, from tier.ts and this file's
 * own command line, through tools/lib/typescript.cjs or tsx), else in its own. aws-cdk-lib and the app load once,
 * so every environment and profile of a tier costs about what one `cdk synth` did. The context is what `cdk synth -c env=… -c profile=…`
 * passes (cdk.json's context plus the CLI's own defaults), so the templates, manifest and tree are identical
 * to the CLI's; deploy, diff and destroy still go through the CLI, on the assembly written here.
 *
 *   node --require ./tools/lib/typescript.cjs tools/cdk/synthesize.ts --tier=<tier>             # every environment and hardened variant
 *   node --require ./tools/lib/typescript.cjs tools/cdk/synthesize.ts --tier=<tier> --hardened  # the hardened variants only
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import type { App } from 'aws-cdk-lib';
import {
  ENVIRONMENTS,
  IN_PROCESS_SYNTHESIZER,
  SYNTH_VARIANTS_ENV,
  synthesizeEachVariant,
  type EnvironmentName,
  type ProfileName,
  type SynthVariant,
  type Tier,
} from '@showcore/naming';
import { parseArgs, tierOption } from '#tools/lib/args';
import { appDir, HARDENED_ENVIRONMENTS, variantDir as assemblyVariantDir, WORKSPACE_ROOT } from '#tools/lib/paths';
import { run, runMain, UsageError } from '#tools/lib/process';

export interface AssemblyVariant {
  readonly environment: EnvironmentName;
  readonly profile?: ProfileName;
}

/** Every assembly `npm test` checks for a tier: each environment, then the hardened profile of each real one. */
export const ALL_VARIANTS: readonly AssemblyVariant[] = [
  ...ENVIRONMENTS.map((environment) => ({ environment })),
  ...HARDENED_ENVIRONMENTS.map((environment) => ({ environment, profile: 'hardened' as const })),
];

/** apps/<tier>/cdk.out/<env>, or <env>-<profile> for a profile's variant. */
export function variantDir(tier: Tier, variant: AssemblyVariant): string {
  return assemblyVariantDir(WORKSPACE_ROOT, tier, variant.environment, variant.profile);
}

export function variantLabel(variant: AssemblyVariant): string {
  return variant.profile ? `${variant.environment} (${variant.profile} profile)` : variant.environment;
}

interface CdkJson {
  readonly app: string;
  readonly versionReporting?: boolean;
  readonly context?: Record<string, unknown>;
}

/** The context `cdk synth` gives the app: cdk.json's, the CLI's defaults, then -c env/-c profile. */
export function cliContext(cdkJson: CdkJson, variant: AssemblyVariant): Record<string, unknown> {
  return {
    ...(cdkJson.context ?? {}),
    'aws:cdk:enable-path-metadata': true,
    'aws:cdk:enable-asset-metadata': true,
    'aws:cdk:version-reporting': cdkJson.versionReporting ?? true,
    'aws:cdk:bundling-stacks': ['**'],
    env: variant.environment,
    ...(variant.profile ? { profile: variant.profile } : {}),
  };
}

function readCdkJson(tier: Tier): CdkJson {
  const file = path.join(appDir(tier), 'cdk.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as CdkJson;
  if (typeof json.app !== 'string' || json.app.trim() === '') throw new UsageError(`${file} has no "app" command.`);
  return json;
}

// CDK's own CloudFormation validation costs seconds per assembly (its engine starts for each); cfn-lint checks every
// template instead, as with the CLI (tier.ts turns it off the same way).
const SYNTH_ENV = { CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_VALIDATION: 'false' } as const;

/**
 * The entry point this process can load itself: the app command is `node --import tsx <file>.ts` (every tier's),
 * this process loads TypeScript files (a `.ts` loader registered: tools/lib/typescript.cjs, as every Nx target runs
 * the tools, or tsx), and the libs load from this checkout's sources as in the app's own process
 * (`libsResolveToCheckout`).
 */
function inProcessEntry(tier: Tier, cdkJson: CdkJson): string | undefined {
  const match = /^node --import tsx (\S+\.ts)$/.exec(cdkJson.app.trim());
  const loadsTypeScript = typeScriptLoaderRegistered();
  return match && loadsTypeScript && libsResolveToCheckout(appDir(tier), WORKSPACE_ROOT) ? path.resolve(appDir(tier), match[1]) : undefined;
}

/**
 * True when this process compiles `.ts` files as the app's own process would: tools/lib/typescript.cjs (its handler is
 * marked) or tsx is registered. Node's own `.ts` handler (type stripping, Node 22.18+ and 23.6+) does not count: it
 * loads them as ES modules, without enums.
 */
function typeScriptLoaderRegistered(): boolean {
  const handler = (Module as unknown as { _extensions: Record<string, { showcoreTypeScript?: boolean } | undefined> })._extensions['.ts'];
  if (handler === undefined) return false;
  if (handler.showcoreTypeScript === true) return true;
  return Object.keys(require.cache).some((file) => file.includes(`${path.sep}node_modules${path.sep}tsx${path.sep}`));
}

/**
 * True when the shared libs, imported from `from`, load from this checkout's sources: where the app's own process
 * takes them (tsconfig.base.json's paths, through the app's tsconfig.json). In a checkout installed by npm they
 * always do (node_modules/@showcore/<lib> links to libs/<lib>, whose main is its source); a node_modules borrowed
 * from another checkout would give this process that checkout's libs, so the app then runs in its own process.
 */
export function libsResolveToCheckout(from: string, root: string): boolean {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions?: { paths?: Record<string, string[]> } };
  return Object.entries(config.compilerOptions?.paths ?? {}).every(([name, [target]]) => {
    try {
      const resolved = Module.createRequire(path.join(from, 'package.json')).resolve(name);
      return fs.realpathSync(resolved) === fs.realpathSync(path.join(root, target));
    } catch {
      return false;
    }
  });
}

/**
 * Runs the entry point in this process: it hands its build function over (`IN_PROCESS_SYNTHESIZER`), which then
 * writes every variant as the entry point would in its own process, in the app's directory and with the same
 * environment, both restored afterwards. Saves a Node process, its TypeScript loader and the libraries this process
 * has loaded already (~0.75 s of CPU per synth). Returns false when it failed (the failures are printed, as the app
 * prints them).
 */
function synthesizeInProcess(entry: string, cwd: string, plan: readonly SynthVariant[]): boolean {
  const slot = globalThis as Record<symbol, unknown>;
  let build: ((app: App) => unknown) | undefined;
  const savedCwd = process.cwd();
  const savedEnv = Object.fromEntries(Object.keys(SYNTH_ENV).map((key) => [key, process.env[key]]));
  slot[IN_PROCESS_SYNTHESIZER] = (received: (app: App) => unknown) => (build = received);
  try {
    process.chdir(cwd);
    Object.assign(process.env, SYNTH_ENV);
    let failures: string[];
    try {
      delete require.cache[entry];
      require(entry);
      if (build === undefined) throw new Error(`${entry} did not call synthesizeCdkApp(build) from @showcore/naming.`);
      failures = synthesizeEachVariant(build, plan);
    } catch (error) {
      failures = [(error as Error).message];
    }
    if (failures.length > 0) console.error(`\n${failures.join('\n\n')}\n`);
    return failures.length === 0;
  } finally {
    delete slot[IN_PROCESS_SYNTHESIZER];
    delete require.cache[entry];
    process.chdir(savedCwd);
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/**
 * Writes the tier's assemblies for `variants` (each directory emptied first): in this process when it can load the
 * tier's entry point and no other environment is asked for (`inProcessEntry`), else by running the app command.
 * Throws a UsageError naming the tier when the app fails (its own output, cdk-nag's findings among it, has been
 * printed).
 */
export async function synthesizeVariants(
  tier: Tier,
  variants: readonly AssemblyVariant[],
  options: { readonly env?: NodeJS.ProcessEnv; readonly outdirOf?: (variant: AssemblyVariant) => string } = {},
): Promise<string[]> {
  const cdkJson = readCdkJson(tier);
  const outdirOf = options.outdirOf ?? ((variant: AssemblyVariant) => variantDir(tier, variant));
  const plan: SynthVariant[] = variants.map((variant) => ({ outdir: outdirOf(variant), context: cliContext(cdkJson, variant) }));
  for (const { outdir } of plan) fs.rmSync(outdir, { recursive: true, force: true });
  const entry = options.env === undefined ? inProcessEntry(tier, cdkJson) : undefined;
  let ok: boolean;
  if (entry !== undefined) {
    ok = synthesizeInProcess(entry, appDir(tier), plan);
  } else {
    const [command, ...args] = cdkJson.app.trim().split(/\s+/);
    const result = await run(command, args, {
      cwd: appDir(tier),
      env: { ...(options.env ?? process.env), [SYNTH_VARIANTS_ENV]: JSON.stringify(plan), ...SYNTH_ENV },
    });
    ok = result.code === 0;
  }
  if (!ok) {
    throw new UsageError(`Synthesis of the ${tier} tier failed (${variants.map(variantLabel).join(', ')}); see the output above.`);
  }
  const missing = plan.filter(({ outdir }) => !fs.existsSync(path.join(outdir, 'manifest.json'))).map(({ outdir }) => outdir);
  if (missing.length > 0) throw new UsageError(`The ${tier} app exited 0 but wrote no assembly to ${missing.join(', ')}.`);
  return plan.map(({ outdir }) => outdir);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['tier', 'hardened']);
  const tier = tierOption(args, { required: true });
  const variants = args.options.hardened === true ? ALL_VARIANTS.filter((v) => v.profile) : ALL_VARIANTS;
  const started = Date.now();
  const dirs = await synthesizeVariants(tier, variants);
  console.log(
    `Synthesized the ${tier} tier: ${variants.map(variantLabel).join(', ')} into ${dirs.length} assemblies (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

if (require.main === module) runMain(main);

import * as path from 'node:path';
import type { EnvironmentName, Tier } from '@showcore/naming';

/** Repository root (tools/lib/paths.ts is two levels below it). */
export const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..');

export function appDir(tier: Tier): string {
  return path.join(WORKSPACE_ROOT, 'apps', tier);
}

/** The cloud assembly `nx run <tier>:synth -c <env>` writes and deploy uses. */
export function assemblyDir(tier: Tier, environment: EnvironmentName): string {
  return path.join(appDir(tier), 'cdk.out', environment);
}

/** apps/<tier>/cdk.out/<env> under `root`, or <env>-<profile> for a profile's assembly (checks, plans, cost). */
export function variantDir(root: string, tier: Tier, environment: EnvironmentName, profile?: string): string {
  return path.join(root, 'apps', tier, 'cdk.out', profile ? `${environment}-${profile}` : environment);
}

/** The environments whose switch to the hardened profile `npm test` synthesizes, lints and plans (every real one). */
export const HARDENED_ENVIRONMENTS = ['dev', 'staging', 'prod'] as const satisfies readonly EnvironmentName[];

export const CDK_BIN = path.join(WORKSPACE_ROOT, 'node_modules', '.bin', 'cdk');

/**
 * Node's arguments that run the CDK CLI with `args`, as the tools run it: the installed CLI, with a code cache of its
 * bundle against the local emulator (tools/lib/cdk-code-cache.cjs: ~0.35 s of CPU less per start; for a real account
 * the CLI runs exactly as installed). Run them with `process.execPath`.
 */
export function cdkNodeArgs(args: readonly string[]): string[] {
  return [
    '--require',
    path.join(WORKSPACE_ROOT, 'tools', 'lib', 'cdk-code-cache.cjs'),
    path.join(WORKSPACE_ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk'),
    ...args,
  ];
}

/** The workspace's `.ts` loader, relative to a checkout's root (what the Nx targets and npm scripts run the tools with). */
export const TYPESCRIPT_LOADER = path.join('tools', 'lib', 'typescript.cjs');

/** Node's arguments that run a checkout's TypeScript files as its Nx targets and npm scripts do. */
export function typeScriptNodeArgs(root: string = WORKSPACE_ROOT): string[] {
  return ['--require', path.join(root, TYPESCRIPT_LOADER)];
}

/** What the tools derive once per installed version and keep (moto's resource types, the service specification). A fresh `npm install` empties it. */
export const TOOLS_CACHE_DIR = path.join(WORKSPACE_ROOT, 'node_modules', '.cache', 'showcore');

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

export const CDK_BIN = path.join(WORKSPACE_ROOT, 'node_modules', '.bin', 'cdk');

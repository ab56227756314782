import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';

/**
 * The probe function's code: one esbuild bundle of `entry` (TypeScript, everything bundled but pg's optional
 * native binding, minified, for Node.js 22), made once per process through esbuild's API and copied into each
 * assembly that asks for it. NodejsFunction ran `npx esbuild` for every synthesis, seven times for a tier's
 * seven assemblies and once per test synthesis; the bundle and so the asset hash are the same.
 */
export function probeFunctionCode(entry: string): lambda.Code {
  return lambda.Code.fromAsset(path.dirname(entry), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: the local bundling below always succeeds (no Docker, ADR 0006).
      image: DockerImage.fromRegistry('dummy'),
      local: {
        tryBundle(outputDir: string): boolean {
          fs.copyFileSync(bundleOf(entry), path.join(outputDir, 'index.js'));
          return true;
        },
      },
    },
  });
}

const bundles = new Map<string, string>();

/** The bundle of `entry` (built on first use in this process, removed when it exits), as a file path. */
export function bundleOf(entry: string): string {
  const known = bundles.get(entry);
  if (known && fs.existsSync(known)) return known;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-probe-bundle-'));
  // Copied into every assembly that asks for it; nothing reads it once the process ends (each synth left ~1 MB).
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const outfile = path.join(dir, 'index.js');
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node22',
    minify: true,
    external: ['pg-native'],
    outfile,
    logLevel: 'warning',
  });
  bundles.set(entry, outfile);
  return outfile;
}

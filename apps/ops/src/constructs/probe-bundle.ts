import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSync, version as esbuildVersion, type BuildOptions } from 'esbuild';

/**
 * The probe function's code: one esbuild bundle of `entry` (TypeScript, everything bundled but pg's optional
 * native binding, minified, for Node.js 22), built through esbuild's API and copied into each assembly that asks
 * for it. NodejsFunction ran `npx esbuild` for every synthesis, seven times for a tier's seven assemblies and once
 * per test synthesis; the bundle and so the asset hash are the same.
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

const BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  minify: true,
  external: ['pg-native'],
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** What a cached bundle was built from: every input file esbuild read, with the SHA-256 of its content. */
interface CacheEntry {
  readonly inputs: Readonly<Record<string, string>>;
  /** The bundle's file name in the cache folder: the SHA-256 of its content. */
  readonly bundle: string;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Where bundles are kept: the `.cache` folder of the node_modules that holds esbuild (node_modules/.cache/showcore/
 * probe-bundle), kept between processes and runs like the other caches of the workspace's tools.
 */
export function bundleCacheDir(): string {
  return path.join(path.dirname(path.dirname(require.resolve('esbuild/package.json'))), '.cache', 'showcore', 'probe-bundle');
}

/** The cached bundle of `entry`, when every file it was built from is unchanged. */
function cachedBundle(dir: string, entryFile: string): string | undefined {
  let entry: CacheEntry;
  try {
    entry = JSON.parse(fs.readFileSync(entryFile, 'utf8')) as CacheEntry;
  } catch {
    return undefined;
  }
  const bundle = path.join(dir, entry.bundle);
  if (!fs.existsSync(bundle)) return undefined;
  for (const [file, hash] of Object.entries(entry.inputs)) {
    try {
      if (sha256(fs.readFileSync(file)) !== hash) return undefined;
    } catch {
      return undefined; // an input is gone: build again
    }
  }
  return bundle;
}

/**
 * What esbuild reads besides the inputs it reports: the tsconfig and package.json files of the entry's folder and
 * every folder above it (compiler settings, path aliases, package type), each with the hash of its content.
 */
function resolutionSettings(entry: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (let dir = path.dirname(path.resolve(entry)); ; dir = path.dirname(dir)) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir).filter((name) => /^(tsconfig.*\.json|package\.json)$/.test(name));
    } catch {
      // unreadable: nothing esbuild could read either
    }
    for (const name of names) settings[path.join(dir, name)] = sha256(fs.readFileSync(path.join(dir, name)));
    if (path.dirname(dir) === dir) return settings;
  }
}

/** Writes `data` to `file` whole or not at all: a reader in another process sees the old file or the new one. */
function writeAtomically(file: string, data: string | Uint8Array): void {
  const staging = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(staging, data);
  fs.renameSync(staging, file);
}

/**
 * The bundle of `entry`, as a file path. Built once and kept in {@link bundleCacheDir}: a later call, in this
 * process or another, reuses it while every input file (the entry, its imports, the bundled packages) has the
 * same content, keyed also by esbuild's version and options and by the tsconfig and package.json files above the
 * entry. Each bundle is a file named by its own hash, written before the entry that points to it, so concurrent
 * builders never leave a reader with a partial bundle, and nothing is left in the temporary folder (per-process
 * folders removed on exit were never removed inside Jest's test sandbox: ~40 of ~1 MB per `npm test`).
 */
export function bundleOf(entry: string): string {
  const dir = bundleCacheDir();
  const key = sha256(JSON.stringify({ entry: path.resolve(entry), options: BUILD_OPTIONS, esbuild: esbuildVersion, settings: resolutionSettings(entry) }));
  const entryFile = path.join(dir, `${key}.json`);
  const cached = cachedBundle(dir, entryFile);
  if (cached) return cached;

  const workingDir = path.dirname(path.resolve(entry));
  const result = buildSync({
    ...BUILD_OPTIONS,
    entryPoints: [path.resolve(entry)],
    absWorkingDir: workingDir,
    write: false,
    outfile: 'index.js',
    metafile: true,
  });
  const code = result.outputFiles[0].contents;
  const inputs: Record<string, string> = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(workingDir, input);
    inputs[file] = sha256(fs.readFileSync(file));
  }
  fs.mkdirSync(dir, { recursive: true });
  const bundle = path.join(dir, `${sha256(code)}.js`);
  if (!fs.existsSync(bundle)) writeAtomically(bundle, code);
  writeAtomically(entryFile, JSON.stringify({ inputs, bundle: path.basename(bundle) } satisfies CacheEntry));
  return bundle;
}

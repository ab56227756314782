/**
 * Turns the shared libraries into the packages the release publishes: compiled JavaScript with declarations in
 * dist/, and manifests that point there. Inside the repository the libs are consumed as TypeScript source
 * (tsconfig paths, Jest's moduleNameMapper, tsx); a consumer outside it gets plain CommonJS it can require without a
 * TypeScript loader.
 *
 *   node --require ./tools/lib/typescript.cjs tools/release/prepare-libs.ts [--root=<checkout>]
 *
 * It rewrites libs/<lib>/package.json in place (main/types to dist/), so it runs only in the release job's
 * throwaway checkout, right before `changeset publish` (npm run release:publish), never in a working copy. The
 * libs build in dependency order: each later one compiles against the declarations of the ones before it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { optionString, parseArgs } from '#tools/lib/args';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
import { runMain, UsageError } from '#tools/lib/process';

const USAGE_NOTE = "Builds libs/<lib>/dist and rewrites each lib's package.json to point there: for the release job's throwaway checkout only.";

/** The published libs, each after the libs it depends on. */
export const LIBS_IN_BUILD_ORDER = ['naming', 'tags', 'testing'] as const;

/** TypeScript 7's native compiler (package alias typescript-native): the same output, several times faster. */
const TSC = path.join(WORKSPACE_ROOT, 'node_modules', 'typescript-native', 'bin', 'tsc');

interface Manifest {
  name: string;
  main?: string;
  types?: string;
  files?: string[];
  [key: string]: unknown;
}

/** The manifest as published: entry points in dist/, only dist/ and the docs in the tarball. */
export function publishedManifest(manifest: Manifest): Manifest {
  return { ...manifest, main: './dist/index.js', types: './dist/index.d.ts', files: ['dist', 'README.md', 'CHANGELOG.md'] };
}

/** Builds one lib into dist/ (emptied first) and points its manifest there; throws with tsc's output on failure. */
export function prepareLib(root: string, lib: string): void {
  const dir = path.join(root, 'libs', lib);
  const manifestFile = path.join(dir, 'package.json');
  if (!fs.existsSync(manifestFile)) throw new UsageError(`No ${path.relative(root, manifestFile)}: is --root=${root} a checkout of this repository?`);
  fs.rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
  const build = spawnSync(process.execPath, [TSC, '-p', path.join(dir, 'tsconfig.build.json')], { encoding: 'utf8', cwd: dir });
  if (build.status !== 0) {
    throw new Error(`Building ${lib} failed (tsc -p libs/${lib}/tsconfig.build.json):\n${build.stdout}${build.stderr}`);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  fs.writeFileSync(manifestFile, `${JSON.stringify(publishedManifest(manifest), null, 2)}\n`);
}

export function prepareLibs(root: string, log: (line: string) => void = console.log): void {
  for (const lib of LIBS_IN_BUILD_ORDER) {
    prepareLib(root, lib);
    log(`@showcore/${lib}: built into libs/${lib}/dist, manifest points there`);
  }
}

if (require.main === module) {
  runMain(async () => {
    // Unknown options refused before anything is built or rewritten (it rewrites the libs' manifests in place).
    const args = parseArgs(process.argv.slice(2), ['root']);
    if (args.options.help) {
      console.log('Usage: node --require ./tools/lib/typescript.cjs tools/release/prepare-libs.ts [--root=<checkout>]\n' + USAGE_NOTE);
      return;
    }
    if (args.positional.length > 0) throw new UsageError(`Unexpected argument "${args.positional[0]}". This command takes: --root=<checkout>.`);
    prepareLibs(path.resolve(optionString(args, 'root') ?? WORKSPACE_ROOT));
  });
}

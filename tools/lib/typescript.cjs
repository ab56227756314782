// TypeScript for the workspace's own commands: `node --require ./tools/lib/typescript.cjs <file>.ts`.
//
// Every tool, tier runner and check the Nx targets, the npm scripts and the e2e suites start is a TypeScript file,
// and `npm test` starts ~150 of them. Through `node --import tsx` each paid ~0.5 s of CPU before its first line
// (tsx's ESM loader thread, and a check of every required module, aws-cdk-lib's ~900 included): a synth took 2.4 s
// of CPU, 1.35 s this way (medians of seven; docs/performance.md). sucrase/register and @swc-node/register, measured
// too, transform every file again in every process (0.55 and 0.64 s for a refused tier-runner command line, 0.19 s
// here).
//
// This is only a CommonJS loader for `.ts` files: each is compiled by SWC with the options the unit tests run the
// same sources with (jest.preset.js), and the output is kept in node_modules/.cache/showcore/typescript, keyed by
// SWC's version, the file's path and its exact source, so a changed file is compiled again. Everything else is
// Node's: `#tools/*` (package.json "imports"), `@showcore/*` (workspace links to the libs, whose main is their
// source), extensionless relative imports (`.ts` first, as TypeScript resolves them), node_modules untouched. With
// SHOWCORE_DEBUG set (the tools then print stack traces) or `node --enable-source-maps`, stack traces point into
// the TypeScript (inline source maps; Node's source-map support costs ~0.1 s of CPU per synth, so it is off
// otherwise). `node --import tsx` keeps working for the same files (the CDK apps' own `cdk.json` commands use it,
// for the CDK CLI).
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const OPTIONS = {
  swcrc: false,
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
const OPTIONS_KEY = JSON.stringify(OPTIONS);

/**
 * SWC, and where its output is cached, found on the first compile rather than when this file loads: without
 * node_modules, a run that never compiles TypeScript is not stopped here (the npm scripts load tools/lib/installed.cjs
 * first, which names what is missing), and one that does gets the fix below.
 */
let swc;
function compiler() {
  if (!swc) {
    let main;
    try {
      main = require.resolve('@swc/core', { paths: [ROOT] });
    } catch {
      throw new Error(
        `TypeScript files here are compiled by @swc/core, which is not installed in ${path.join(ROOT, 'node_modules')}. Run \`npm install\` in ${ROOT} first.`,
      );
    }
    const { version } = require(path.join(path.dirname(main), 'package.json'));
    // SWC itself (its native binding: ~0.1 s of CPU to load) only when a file is not in the cache.
    let transformSync;
    const transform = (source, options) => (transformSync ??= require(main).transformSync)(source, options);
    swc = { transform, cacheDir: path.join(ROOT, 'node_modules', '.cache', 'showcore', 'typescript', version) };
  }
  return swc;
}

function compiled(filename, source) {
  const { transform, cacheDir } = compiler();
  const key = crypto.createHash('sha256').update(OPTIONS_KEY).update('\0').update(filename).update('\0').update(source).digest('hex');
  const file = path.join(cacheDir, key.slice(0, 2), `${key}.js`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    // not compiled yet
  }
  const code = transform(source, { ...OPTIONS, filename }).code;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const staging = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(staging, code);
    fs.renameSync(staging, file); // atomic: another process reads the whole entry or none
  } catch {
    // A read-only or full disk costs the cache, never the run.
  }
  return code;
}

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/**
 * TypeScript's resolution for the workspace's own files: `./x` is x.ts before x.js or x.json (Node tries the extensions
 * in the order they were registered, `.ts` last, so tools/cost's `./assumptions` was assumptions.json). Packages in
 * node_modules resolve as Node resolves them.
 */
function preferTypeScript(resolveFilename) {
  return function resolveTypeScriptFirst(request, parent, ...rest) {
    if (typeof request === 'string' && (request.startsWith('./') || request.startsWith('../')) && parent?.filename && !parent.filename.includes(NODE_MODULES)) {
      const candidate = path.resolve(path.dirname(parent.filename), `${request}.ts`);
      if (fs.statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
    }
    return resolveFilename.call(this, request, parent, ...rest);
  };
}

/**
 * Installed unless this loader already is: Node's own `.ts` handler (type stripping, Node 22.18+ and 23.6+) is
 * replaced, since it loads the files as ES modules without enums and without CommonJS's require and __dirname.
 */
if (Module._extensions['.ts']?.showcoreTypeScript !== true) {
  Module._resolveFilename = preferTypeScript(Module._resolveFilename);
  if (process.env.SHOWCORE_DEBUG) process.setSourceMapsEnabled(true);
  const loadTypeScript = function loadTypeScript(module, filename) {
    module._compile(compiled(filename, fs.readFileSync(filename, 'utf8')), filename);
  };
  /** What tools/cdk/synthesize.ts checks before loading a tier's entry point in its own process. */
  loadTypeScript.showcoreTypeScript = true;
  Module._extensions['.ts'] = loadTypeScript;
}

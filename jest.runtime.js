// Jest's module runtime (jest-runtime, unchanged) with a V8 code cache for the modules of node_modules, and their
// sources read once per process.
//
// Jest compiles every module again for each test file (each file gets its own module registry and context), so a
// tier's unit tests compiled aws-cdk-lib's ~900 modules once per test file: about a fifth of the CPU of `ops:test`.
// V8 can skip most of that work given the code cache of an earlier compile of the same source. The cache is kept
// per process and on disk (node_modules/.cache/showcore/jest-code-cache, per Node version), keyed by the file name
// and a hash of the exact source, so a changed file never reuses another's code; V8 itself refuses a cache made
// by another version or with other flags, and the module is then compiled as usual. Our own sources (transpiled
// by SWC, changing all the time) are compiled as Jest always does. What the tests see is unchanged: the same
// source, compiled into the same function, in the same context.
//
// A module compiled by vm.compileFunction shares nothing with an earlier compile of the same source: each test file
// compiled again, lazily, every function of aws-cdk-lib its synth called, and a code cache made at compile time
// holds only the eagerly compiled top level. A node_modules module is therefore compiled as a vm.Script holding the
// same function (kept for the process and run in each test file's context): V8 keeps the bytecode of the functions
// it compiled on the script's shared function infos, so a later test file reuses them, and the code cache, written
// when the process ends, holds every function the tests ran (~25 % of a tier's unit-test CPU). A module that uses
// `import()` keeps Jest's own compile: its dynamic imports need Jest's loader, which a shared script cannot name.
//
// Jest also reads and decodes every module's source again for each test file (~11 MB of node_modules per test file
// of a tier), and the cache key hashed it again each time: ~6 % of `ops:test`'s CPU. The sources of node_modules
// files are kept for the process (checked against the file's size and modification time, so a file changed under a
// watching Jest is read again), and so is the key of each source.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const CACHE_DIR = path.join(__dirname, 'node_modules', '.cache', 'showcore', 'jest-code-cache', `${process.version}-${process.arch}`);
const inMemory = new Map();
const compileFunction = vm.compileFunction;

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
/** The last key computed per file: the same source (usually the very same string, from `sources`) is not hashed again. */
const keys = new Map();

function cacheFile(code, params, filename) {
  const joined = params.join(',');
  const known = keys.get(filename);
  let key = known && known.code === code && known.params === joined ? known.key : undefined;
  if (key === undefined) {
    key = crypto.createHash('sha256').update(filename).update('\0').update(joined).update('\0').update(code).digest('hex');
    keys.set(filename, { code, params: joined, key });
  }
  return { key, file: path.join(CACHE_DIR, key.slice(0, 2), `${key}.bin`) };
}

/** Sources of node_modules files read by earlier test files of this process, with the size and time they were read at. */
const sources = new Map();

function sharedSource(filename) {
  const known = sources.get(filename);
  if (!known) return undefined;
  let stat;
  try {
    stat = fs.statSync(filename);
  } catch {
    return undefined;
  }
  return stat.size === known.size && stat.mtimeMs === known.mtimeMs ? known.source : undefined;
}

function rememberSource(filename, source) {
  try {
    const stat = fs.statSync(filename);
    sources.set(filename, { source, size: stat.size, mtimeMs: stat.mtimeMs });
  } catch {
    // Gone already: nothing to keep.
  }
}

/**
 * Jest's per-test-file cache of file contents (a Map the runner gives both the transformer and the runtime), answering
 * for node_modules files from what earlier test files of this process read.
 */
function withSharedSources(cacheFS) {
  const get = cacheFS.get.bind(cacheFS);
  const set = cacheFS.set.bind(cacheFS);
  cacheFS.get = (filename) => {
    const own = get(filename);
    if (own !== undefined || typeof filename !== 'string' || !filename.includes(NODE_MODULES)) return own;
    const shared = sharedSource(filename);
    if (shared !== undefined) set(filename, shared);
    return shared;
  };
  cacheFS.set = (filename, source) => {
    if (typeof filename === 'string' && typeof source === 'string' && filename.includes(NODE_MODULES) && sources.get(filename)?.source !== source)
      rememberSource(filename, source);
    return set(filename, source);
  };
  return cacheFS;
}

function readCache(key, file) {
  const known = inMemory.get(key);
  if (known) return known;
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(key, file, data) {
  inMemory.set(key, data);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const staging = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(staging, data);
    fs.renameSync(staging, file); // atomic: a reader in another process sees the whole entry or none
  } catch {
    // A read-only or full disk costs the cache, never the test run.
  }
}

function forget(key, file) {
  inMemory.delete(key);
  fs.rmSync(file, { force: true });
}

/**
 * Per cache key of a node_modules module: its script shared by every test file of the process, or null when the
 * module uses `import()` and keeps Jest's compile (decided once per source). And the scripts whose code cache is to
 * be written.
 */
const scripts = new Map();
const unwritten = [];
const DYNAMIC_IMPORT = /\bimport\s*\(/;

/** The module's function, from a script shared by every test file of the process (see the top of this file), or undefined for a module that uses `import()`. */
function sharedScriptFunction(code, params, options, key, file) {
  let script = scripts.get(key);
  if (script === undefined) {
    if (DYNAMIC_IMPORT.test(code)) {
      script = null;
    } else {
      // Its own cache entry: a script's code cache is not a compileFunction's.
      const scriptKey = `${key}.script`;
      const scriptFile = file.replace(/\.bin$/, '.script.bin');
      const cachedData = readCache(scriptKey, scriptFile);
      script = new vm.Script(`(function (${params.join(', ')}) {${code}\n})`, { filename: options.filename, cachedData });
      if (cachedData === undefined || script.cachedDataRejected) unwritten.push({ key: scriptKey, file: scriptFile, script });
    }
    scripts.set(key, script);
  }
  return script === null ? undefined : script.runInContext(options.parsingContext);
}

// Written at the end of the process, when the scripts' functions the tests ran are compiled.
process.on('exit', () => {
  for (const { key, file, script } of unwritten.splice(0)) writeCache(key, file, script.createCachedData());
});

vm.compileFunction = function compileWithCodeCache(code, params = [], options = {}) {
  const filename = options.filename;
  if (typeof filename !== 'string' || !filename.includes(NODE_MODULES) || options.cachedData || options.produceCachedData) {
    return compileFunction.call(this, code, params, options);
  }
  const { key, file } = cacheFile(code, params, filename);
  const shared = options.parsingContext ? sharedScriptFunction(code, params, options, key, file) : undefined;
  if (shared !== undefined) return shared;
  const cachedData = readCache(key, file);
  const compiled = compileFunction.call(this, code, params, { ...options, cachedData, produceCachedData: cachedData === undefined });
  if (cachedData === undefined) {
    if (compiled.cachedData) writeCache(key, file, compiled.cachedData);
  } else if (compiled.cachedDataRejected) {
    forget(key, file); // made by another V8 or with other flags: the next compile writes a fresh entry
  } else {
    inMemory.set(key, cachedData);
  }
  return compiled;
};

const jestRuntime = require('jest-runtime');
const Runtime = jestRuntime.default;

class SharedSourcesRuntime extends Runtime {
  constructor(config, environment, resolver, transformer, cacheFS, ...rest) {
    super(config, environment, resolver, transformer, cacheFS instanceof Map ? withSharedSources(cacheFS) : cacheFS, ...rest);
  }
}

module.exports = { __esModule: true, default: SharedSourcesRuntime };

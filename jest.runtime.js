// Jest's module runtime (jest-runtime, unchanged) with a V8 code cache for the modules of node_modules.
//
// Jest compiles every module again for each test file (each file gets its own module registry and context), so a
// tier's unit tests compiled aws-cdk-lib's ~900 modules once per test file: about a fifth of the CPU of `ops:test`.
// V8 can skip most of that work given the code cache of an earlier compile of the same source. The cache is kept
// per process and on disk (node_modules/.cache/showcore/jest-code-cache, per Node version), keyed by the file name
// and a hash of the exact source, so a changed file never reuses another's code; V8 itself refuses a cache made
// by another version or with other flags, and the module is then compiled as usual. Our own sources (transpiled
// by SWC, changing all the time) are compiled as Jest always does. What the tests see is unchanged: the same
// source, compiled into the same function, in the same context.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const CACHE_DIR = path.join(__dirname, 'node_modules', '.cache', 'showcore', 'jest-code-cache', `${process.version}-${process.arch}`);
const inMemory = new Map();
const compileFunction = vm.compileFunction;

function cacheFile(code, params, filename) {
  const key = crypto.createHash('sha256').update(filename).update('\0').update(params.join(',')).update('\0').update(code).digest('hex');
  return { key, file: path.join(CACHE_DIR, key.slice(0, 2), `${key}.bin`) };
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

vm.compileFunction = function compileWithCodeCache(code, params = [], options = {}) {
  const filename = options.filename;
  if (typeof filename !== 'string' || !filename.includes(`${path.sep}node_modules${path.sep}`) || options.cachedData || options.produceCachedData) {
    return compileFunction.call(this, code, params, options);
  }
  const { key, file } = cacheFile(code, params, filename);
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

module.exports = require('jest-runtime');

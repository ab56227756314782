// A V8 code cache for the CDK CLI against the local emulator, preloaded into every CLI process the tools start
// (`node --require tools/lib/cdk-code-cache.cjs node_modules/aws-cdk/bin/cdk ...`: cdkNodeArgs in tools/lib/paths.ts).
//
// The CLI is one 16 MB bundle (aws-cdk/lib/index.js); starting it costs ~1.7 s of CPU, most of it compiling that
// bundle's functions again in every process, and `npm test` starts ~28 of them (each deploy and destroy of a tier
// into moto, each local bootstrap). Node 20 keeps no compile cache of its own (Node 22's module.enableCompileCache()
// would). Here the bundle is compiled as a vm.Script with the code V8 cached in an earlier process and, when there
// was none (or V8 refused it: another Node, other flags), one is written when the process ends, so it holds every
// function the CLI ran, not only the top level: ~0.35 s of CPU less per start (`cdk ls`: 1.76 -> 1.42 s).
//
// Only against the local emulator. On Node 20 a script compiled from a code cache has no dynamic import() (V8 drops
// the script's host-defined options when it deserializes it): the bundle's two import() calls, of node:http for the
// EC2 instance metadata service (credentials or region from an instance profile) and of node:async_hooks inside a
// Lambda function with AWS_LAMBDA_MAX_CONCURRENCY set, would fail. Against the emulator (AWS_ENDPOINT_URL on the
// loopback interface, with credentials and region in the environment, as the tools set them) neither is reached; a
// CLI process for a real account, or without those variables, compiles the bundle exactly as Node does.
//
// What runs is unchanged: the same source, wrapped as Node wraps a CommonJS module, with the same require, module,
// exports, __filename and __dirname. The cache lives in node_modules/.cache/showcore/cdk-code-cache, keyed by the
// CLI's version, the bundle's size and modification time and Node's version (V8 also checks the source's length and
// its own version and flags); a failure to read or write it costs the cache, never the command.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const BUNDLE = `${path.sep}node_modules${path.sep}aws-cdk${path.sep}lib${path.sep}index.js`;
const CACHE_DIR = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'showcore', 'cdk-code-cache');
const compile = Module.prototype._compile;

/** A CLI run against the local emulator, where the bundle's import() calls are out of reach (see above). */
function againstTheEmulator(env = process.env) {
  let endpoint;
  try {
    endpoint = new URL(env.AWS_ENDPOINT_URL ?? '');
  } catch {
    return false;
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(endpoint.hostname) || /^127\.\d+\.\d+\.\d+$/.test(endpoint.hostname);
  return (
    loopback &&
    Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && (env.AWS_REGION || env.AWS_DEFAULT_REGION)) &&
    !('AWS_LAMBDA_MAX_CONCURRENCY' in env)
  );
}

function cacheFile(filename) {
  const { version } = JSON.parse(fs.readFileSync(path.join(path.dirname(filename), '..', 'package.json'), 'utf8'));
  const { size, mtimeMs } = fs.statSync(filename);
  return path.join(CACHE_DIR, `aws-cdk-${version}-${size}-${Math.round(mtimeMs)}-node-${process.version}-${process.arch}.bin`);
}

function read(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function write(file, data) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const staging = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(staging, data);
    fs.renameSync(staging, file); // atomic: a CLI started meanwhile reads the whole cache or none
  } catch {
    // A read-only or full disk costs the cache, never the command.
  }
}

/** The `require` Node gives a CommonJS module (lib/internal/modules/helpers.js, makeRequireFunction). */
function requireFor(mod) {
  const require = (id) => mod.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

Module.prototype._compile = function compileWithCodeCache(content, filename) {
  if (!filename.endsWith(BUNDLE) || !againstTheEmulator()) return compile.call(this, content, filename);
  let file;
  try {
    file = cacheFile(filename);
  } catch {
    return compile.call(this, content, filename);
  }
  const cachedData = read(file);
  const script = new vm.Script(Module.wrap(content), { filename, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) process.once('exit', () => write(file, script.createCachedData()));
  const wrapper = script.runInThisContext({ displayErrors: true });
  return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
};

/**
 * Figures (never assertions) for the in-VPC probe function, for docs/performance.md:
 *
 *   npm run bench:probe-function
 *
 * - the bundle: esbuild with the ops construct's settings (node22, minified, pg-native left out), its size raw and
 *   compressed (what the deployment zip roughly weighs), and how long bundling adds to each ops synth;
 * - the function's own overhead on this machine: loading the bundle in a fresh Node.js process (≈ the init part of
 *   a cold start), serving a request that fails validation (the dispatch itself), and an `internet` probe against
 *   a closed loopback port (one probe's scaffolding around a connection that is refused at once).
 * Only 127.0.0.1 is contacted.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { buildSync } from 'esbuild';
import { WORKSPACE_ROOT } from '../lib/paths';

const ENTRY = path.join(WORKSPACE_ROOT, 'tools', 'verify', 'function', 'handler.ts');
const RUNS = 7;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function bundle(outfile: string): number {
  const started = process.hrtime.bigint();
  buildSync({ entryPoints: [ENTRY], outfile, bundle: true, platform: 'node', target: 'node22', format: 'cjs', minify: true, external: ['pg-native'], logLevel: 'error' });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Runs a snippet in a fresh Node.js process with the bundle at BUNDLE; it prints one number. */
function measure(bundleFile: string, snippet: string): number {
  const result = spawnSync(process.execPath, ['-e', snippet], { env: { ...process.env, BUNDLE: bundleFile, AWS_REGION: 'us-east-1' }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`measurement failed: ${result.stderr}`);
  return Number(result.stdout.trim());
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-bench-probe-'));
  try {
    const outfile = path.join(dir, 'index.js');
    const bundleMs = median(Array.from({ length: 3 }, () => bundle(outfile)));
    const raw = fs.statSync(outfile).size;
    const compressed = zlib.deflateRawSync(fs.readFileSync(outfile), { level: 9 }).length;
    const load = median(Array.from({ length: RUNS }, () => measure(outfile, 'const t=process.hrtime.bigint();require(process.env.BUNDLE);console.log(Number(process.hrtime.bigint()-t)/1e6)')));
    const dispatch = median(
      Array.from({ length: RUNS }, () =>
        measure(outfile, `const {serve}=require(process.env.BUNDLE);(async()=>{const e={region:'us-east-1',postgresPassword:async()=>'',redisPassword:async()=>'',s3:()=>{throw new Error('unused')}};for(let i=0;i<100;i++)await serve({action:'probe'},e);const t=process.hrtime.bigint();for(let i=0;i<1000;i++)await serve({action:'probe'},e);console.log(Number(process.hrtime.bigint()-t)/1e6/1000)})()`),
      ),
    );
    const probe = median(
      Array.from({ length: RUNS }, () =>
        measure(outfile, `const {serve}=require(process.env.BUNDLE);(async()=>{const e={region:'us-east-1',postgresPassword:async()=>'',redisPassword:async()=>'',s3:()=>{throw new Error('unused')}};const r={action:'probe',runId:'bench',probes:['internet'],probeTimeoutMs:5000,network:{vpcCidr:'10.0.0.0/16',endpointHosts:[],internetUrls:['https://127.0.0.1:1/']}};await serve(r,e);const t=process.hrtime.bigint();for(let i=0;i<50;i++)await serve(r,e);console.log(Number(process.hrtime.bigint()-t)/1e6/50)})()`),
      ),
    );
    const rows: [string, string][] = [
      ['bundle size (minified, node22)', `${(raw / 1024).toFixed(0)} KiB`],
      ['bundle compressed (≈ deployment zip)', `${(compressed / 1024).toFixed(0)} KiB`],
      ['esbuild bundling (added to each ops synth)', `${bundleMs.toFixed(0)} ms`],
      [`loading the bundle in a fresh Node.js (median of ${RUNS})`, `${load.toFixed(0)} ms`],
      ['serving a request that fails validation', `${(dispatch * 1000).toFixed(0)} µs`],
      ['one internet probe against a refused loopback port', `${probe.toFixed(2)} ms`],
    ];
    for (const [what, figure] of rows) console.log(`| ${what} | ${figure} |`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();

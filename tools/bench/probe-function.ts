/**
 * Figures (never assertions) for the in-VPC probe function, for docs/performance.md:
 *
 *   npm run bench:probe-function
 *
 * - the bundle: esbuild with the ops construct's settings (node22, minified, pg-native left out), its size raw and
 *   compressed (what the deployment zip roughly weighs), and how long bundling adds to each ops synth;
 * - the function's own overhead on this machine: loading the bundle in a fresh Node.js process (≈ the init part of
 *   a cold start), serving a request that fails validation (the dispatch itself), and an `internet` probe against
 *   a closed loopback port (one probe's scaffolding around a connection that is refused at once);
 * - ops:verify's own overhead around the invoke: loading the CLI in a fresh process, and a whole verifyEnvironment
 *   run (preflight, request, report, clean-up) against clients that answer at once and an invoker that returns a
 *   five-probe response at once — what the tool adds to the probes' own network waits.
 * Only 127.0.0.1 is contacted; the orchestration run contacts nothing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { buildSync } from 'esbuild';
import { typeScriptNodeArgs, WORKSPACE_ROOT } from '#tools/lib/paths';

const ENTRY = path.join(WORKSPACE_ROOT, 'tools', 'verify', 'function', 'handler.ts');
const VERIFY_MAIN = path.join(WORKSPACE_ROOT, 'tools', 'verify', 'main.ts');
const RUNS = 7;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function bundle(outfile: string): number {
  const started = process.hrtime.bigint();
  buildSync({
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    external: ['pg-native'],
    logLevel: 'error',
  });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Runs a snippet in a fresh Node.js process with the bundle at BUNDLE; it prints one number. */
function measure(bundleFile: string, snippet: string): number {
  const result = spawnSync(process.execPath, ['-e', snippet], { env: { ...process.env, BUNDLE: bundleFile, AWS_REGION: 'us-east-1' }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`measurement failed: ${result.stderr}`);
  return Number(result.stdout.trim());
}

/** A client whose `send` answers each command at once, by the command's name. */
function instantClient(answers: Record<string, (input: Record<string, unknown>) => unknown>): never {
  return {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) =>
      answers[command.constructor.name.replace(/Command$/, '')]?.(command.input) ?? {},
  } as never;
}

/** Median milliseconds of a whole verifyEnvironment run with every AWS answer and the invoke instant. */
async function orchestrationMs(): Promise<number> {
  const { verifyEnvironment } = await import('#tools/verify/verify');
  const results = ['postgres', 'redis', 's3', 'endpoints', 'internet'].flatMap((probe) =>
    [1, 2, 3].map((n) => ({ probe, check: `check-${n}`, passed: true, detail: `detail ${n}` })),
  );
  const clients = {
    sts: instantClient({ GetCallerIdentity: () => ({ Account: '111122223333', Arn: 'arn:aws:iam::111122223333:user/bench' }) }),
    ssm: instantClient({
      GetParameters: (input) => ({
        Parameters: (input.Names as string[]).map((Name) => ({
          Name,
          Value: Name.endsWith('port') ? '5432' : Name.includes('distribution') ? 'not-deployed' : Name.endsWith('vpc-cidr') ? '10.0.0.0/16' : 'sg-app',
        })),
      }),
    }),
    lambda: instantClient({
      GetFunctionConfiguration: () => ({ Runtime: 'nodejs22.x', VpcConfig: { SecurityGroupIds: ['sg-app'], SubnetIds: ['subnet-a'] } }),
    }),
    s3: instantClient({ ListObjectVersions: () => ({}) }),
    cloudfront: instantClient({}),
  };
  const run = () =>
    verifyEnvironment(clients, {
      environment: 'dev',
      region: 'us-east-1',
      env: {},
      runId: 'bench',
      probes: ['postgres', 'redis', 's3', 'endpoints', 'internet'],
      edge: true,
      rdsCaBundle: 'x'.repeat(160_000),
      timeouts: { probeMs: 45_000, invokeMs: 255_000, edgeSeconds: 120 },
      invoker: () => ({
        kind: 'bench',
        invoke: async (request) => (JSON.parse(JSON.stringify(request)), JSON.parse(JSON.stringify({ results, problems: [] }))),
      }),
      log: () => undefined,
    });
  const first = await run();
  if (!first.passed || first.inside?.results.length !== results.length) throw new Error(`the benchmark's run did not pass: ${JSON.stringify(first.steps)}`);
  for (let i = 0; i < 20; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

/** Loading ops:verify's CLI (through tools/lib/typescript.cjs, as `npm run verify` does) in a fresh process, up to main(). */
function cliLoadMs(): number {
  const snippet = `const t=process.hrtime.bigint();require(${JSON.stringify(VERIFY_MAIN)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const result = spawnSync(process.execPath, [...typeScriptNodeArgs(), '-e', snippet], { cwd: WORKSPACE_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`measurement failed: ${result.stderr}`);
  return Number(result.stdout.trim().split('\n').pop());
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-bench-probe-'));
  try {
    const outfile = path.join(dir, 'index.js');
    const bundleMs = median(Array.from({ length: 3 }, () => bundle(outfile)));
    const raw = fs.statSync(outfile).size;
    const compressed = zlib.deflateRawSync(fs.readFileSync(outfile), { level: 9 }).length;
    const load = median(
      Array.from({ length: RUNS }, () =>
        measure(outfile, 'const t=process.hrtime.bigint();require(process.env.BUNDLE);console.log(Number(process.hrtime.bigint()-t)/1e6)'),
      ),
    );
    const dispatch = median(
      Array.from({ length: RUNS }, () =>
        measure(
          outfile,
          `const {serve}=require(process.env.BUNDLE);(async()=>{const e={region:'us-east-1',postgresPassword:async()=>'',redisPassword:async()=>'',s3:()=>{throw new Error('unused')}};for(let i=0;i<100;i++)await serve({action:'probe'},e);const t=process.hrtime.bigint();for(let i=0;i<1000;i++)await serve({action:'probe'},e);console.log(Number(process.hrtime.bigint()-t)/1e6/1000)})()`,
        ),
      ),
    );
    const probe = median(
      Array.from({ length: RUNS }, () =>
        measure(
          outfile,
          `const {serve}=require(process.env.BUNDLE);(async()=>{const e={region:'us-east-1',postgresPassword:async()=>'',redisPassword:async()=>'',s3:()=>{throw new Error('unused')}};const r={action:'probe',runId:'bench',probes:['internet'],probeTimeoutMs:5000,network:{vpcCidr:'10.0.0.0/16',endpointHosts:[],internetUrls:['https://127.0.0.1:1/']}};await serve(r,e);const t=process.hrtime.bigint();for(let i=0;i<50;i++)await serve(r,e);console.log(Number(process.hrtime.bigint()-t)/1e6/50)})()`,
        ),
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
    const cli = median(Array.from({ length: 5 }, () => cliLoadMs()));
    rows.push([`ops:verify: loading its CLI in a fresh Node.js (median of 5)`, `${cli.toFixed(0)} ms`]);
    rows.push([
      'ops:verify: one whole run around an instant invoke (preflight, request, report, clean-up; median of 50)',
      `${(await orchestrationMs()).toFixed(2)} ms`,
    ]);
    for (const [what, figure] of rows) console.log(`| ${what} | ${figure} |`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();

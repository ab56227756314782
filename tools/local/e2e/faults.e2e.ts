import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { typeScriptNodeArgs, WORKSPACE_ROOT } from '#tools/lib/paths';
import { freePort } from '#tools/lib/liveness';
import { startEmulator } from '#tools/emulator/moto';
import { writeReport } from '../report';
import { liveStacks, resetEmulator, tool } from '#tools/emulator/harness';

describe('bad input and faults of the local run', () => {
  beforeEach(() => resetEmulator());

  it('refuses to deploy data into an empty emulator, naming the missing network parameters, and creates nothing', async () => {
    const result = tool('tools/cdk/tier.ts', ['deploy', '--tier=data', '--environment=local']);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('Cannot deploy the data tier to "local"');
    expect(result.output).toContain('/showcore/local/network/vpc-id (produced by the network tier)');
    expect(result.output).toContain('Deploy the network tier first: npx nx run network:deploy -c local. Nothing was changed.');
    expect(await liveStacks()).toEqual([]);
  });

  it('says how to install moto when it is missing', async () => {
    await expect(startEmulator({ logFile: '/tmp/unused.log', command: 'moto_server_not_installed' })).rejects.toThrow(
      "moto is not installed (no `moto_server_not_installed` on PATH). Install it with: pip install 'moto[server]'",
    );
  });

  it('asks the same Python that runs moto_server which resource types moto supports', async () => {
    const { spawnSync } = await import('node:child_process');
    const { motoPython, motoSupportedTypes } = await import('#tools/emulator/moto');
    expect(spawnSync(motoPython(), ['-c', 'import moto'], { encoding: 'utf8' }).status).toBe(0);
    const types = await motoSupportedTypes();
    expect(types.has('AWS::EC2::VPC')).toBe(true);
    expect(types.has('AWS::CloudWatch::Alarm')).toBe(false);
  });

  it('takes the next port when the preferred one is in use', async () => {
    const server = net.createServer();
    const port = await freePort(5600);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      expect(await freePort(port)).toBeGreaterThan(port);
    } finally {
      server.close();
    }
  });

  it('refuses an emulator endpoint that is not on the loopback interface', async () => {
    await expect(startEmulator({ logFile: '/tmp/unused.log', endpoint: 'http://10.0.0.8:5000' })).rejects.toThrow(/is not a loopback address/);
  });

  it('refuses an unknown environment before doing anything', () => {
    const result = tool('tools/cdk/tier.ts', ['deploy', '--tier=data', '--environment=qa']);
    expect(result.status).toBe(1);
    expect(result.output).toContain('Unknown environment "qa" (from --environment). Expected one of: local, dev, staging, prod.');
  });
});

describe('the emulator dying mid-deploy', () => {
  it('fails with a clear message, and the next run recovers on a fresh emulator without cleanup', async () => {
    const { emulatorEnv } = await import('#tools/emulator/moto');
    const { awsEnvironmentFor } = await import('#tools/lib/aws-target');
    const { mainJob } = await import('../main');
    const doomed = await startEmulator({ logFile: '/tmp/showcore-e2e-doomed-moto.log', preferredPort: 5700 });
    const env = awsEnvironmentFor('local', emulatorEnv(doomed.endpoint));
    const deploy = spawn('node', [...typeScriptNodeArgs(), path.join(WORKSPACE_ROOT, 'tools/cdk/tier.ts'), 'deploy', '--tier=network', '--environment=local'], {
      cwd: WORKSPACE_ROOT,
      env: { ...env, FORCE_COLOR: '0', AWS_MAX_ATTEMPTS: '1' }, // no SDK retries against an emulator that is gone
    });
    const run = watched(deploy);
    // Kill the emulator as soon as the runner starts talking to it.
    await run.cue(/\[network\] deploying/);
    await doomed.stop();
    const code = await run.closed;
    expect(code).toBe(1);
    expect(run.output()).toContain(`The local AWS emulator at ${doomed.endpoint} stopped answering`);
    expect(run.output()).toContain('If `npm start` started it, run `npm start` again: it starts a fresh emulator');
    expect(run.output()).toContain(`If you started it yourself (npm start --endpoint=${doomed.endpoint}, or a deploy with AWS_ENDPOINT_URL), start it again`);
    const { report } = await mainJob({ environment: 'local', tiers: ['network'], keep: false, reportDir: '/tmp/showcore-e2e-recovery' });
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.checks.some((c) => c.check === 'no NAT gateway' && c.status === 'pass')).toBe(true);
  });
});

describe('npm start under faults', () => {
  const reportDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-e2e-report-'));

  it('exits non-zero naming the step and tier when its emulator is killed mid-deploy, and replaces the last passing report with a failed one', async () => {
    const dir = reportDir();
    writeReport(dir, {
      environment: 'local',
      startedAt: '2026-01-01T00:00:00.000Z',
      seconds: {},
      skippedTypes: {},
      checks: [{ tier: 'network', check: 'stale', status: 'pass', detail: 'from an earlier run' }],
    });
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
    delete env.AWS_ENDPOINT_URL;
    const child = spawn(
      'node',
      ['--require', './tools/lib/installed.cjs', '--require', './tools/lib/typescript.cjs', 'tools/local/main.ts', '--tiers=network', `--report=${dir}`],
      {
        cwd: WORKSPACE_ROOT,
        env,
      },
    );
    const run = watched(child);
    // Once the deploy of the network tier starts, kill the emulator the run started (found by its own port).
    await run.cue(/>>> deploy: network/);
    const port = /moto at http:\/\/localhost:(\d+) \(started by this run\)/.exec(run.output())?.[1];
    expect(port).toBeDefined();
    const pid = motoPid(Number(port));
    expect(pid).toBeDefined();
    process.kill(pid as number, 'SIGKILL');
    expect(await run.closed).toBe(1);
    expect(run.output()).toContain('npm start FAILED at step "deploy" (the network tier): deploy of the network tier failed (exit 1)');
    expect(run.output()).toMatch(/The emulator started by this run exited \(signal SIGKILL\) while the run still needed it/);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ outcome: 'failed', failure: { step: 'deploy', tier: 'network' }, checks: [] });
    expect(fs.readFileSync(path.join(dir, 'report.md'), 'utf8')).toContain('**FAILED at step "deploy" (the network tier)');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives --endpoint without a scheme and a closed --endpoint port their own fix, and fails', async () => {
    const noScheme = tool('tools/local/main.ts', ['--endpoint=localhost:5302', `--report=${reportDir()}`]);
    expect(noScheme.status).toBe(1);
    expect(noScheme.output).toContain(
      'FAILED at step "start the AWS emulator (moto)" (the run as a whole): --endpoint=localhost:5302 has no scheme (http://). Pass --endpoint=http://localhost:5302.',
    );
    const closedPort = await freePort(5900);
    const closed = tool('tools/local/main.ts', [`--endpoint=http://localhost:${closedPort}`, `--report=${reportDir()}`]);
    expect(closed.status).toBe(1);
    expect(closed.output).toContain(
      `nothing listens on port ${closedPort} (connection refused). Start one there (moto_server -H 127.0.0.1 -p ${closedPort}), or drop --endpoint`,
    );
  });
});

/**
 * A child process under watch: its output so far, its exit code (listened for from the spawn on: a runner may end
 * before the test's next step returns), and a wait for a cue in its output that also ends when the process has
 * ended before printing it, so the expectations that follow fail with its output instead of the test hanging.
 */
function watched(child: ChildProcess): { output: () => string; closed: Promise<number>; cue: (pattern: RegExp) => Promise<void> } {
  let output = '';
  let exited = false;
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const closed = new Promise<number>((resolve) => child.on('close', (code) => ((exited = true), resolve(code ?? 1))));
  const cue = (pattern: RegExp) =>
    new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (pattern.test(output) || exited) {
          clearInterval(poll);
          resolve();
        }
      }, 50);
    });
  return { output: () => output, closed, cue };
}

/** The process id of the moto_server listening on `port` (from /proc: its command line names the port). */
function motoPid(port: number): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.some((a) => a.endsWith('moto_server')) && args.includes('-p') && args[args.indexOf('-p') + 1] === String(port)) return Number(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  return undefined;
}

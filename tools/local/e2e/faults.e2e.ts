import * as net from 'node:net';
import { freePort, startEmulator } from '../moto';
import { liveStacks, resetEmulator, tool } from './harness';

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
    const { motoPython, motoSupportedTypes } = await import('../moto');
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
    const { spawn } = await import('node:child_process');
    const path = await import('node:path');
    const { emulatorEnv } = await import('../moto');
    const { awsEnvironmentFor } = await import('../../lib/aws-target');
    const { WORKSPACE_ROOT } = await import('../../lib/paths');
    const { mainJob } = await import('../main');
    const doomed = await startEmulator({ logFile: '/tmp/showcore-e2e-doomed-moto.log', preferredPort: 5700 });
    const env = awsEnvironmentFor('local', emulatorEnv(doomed.endpoint));
    const deploy = spawn('node', ['--import', 'tsx', path.join(WORKSPACE_ROOT, 'tools/cdk/tier.ts'), 'deploy', '--tier=network', '--environment=local'], {
      cwd: WORKSPACE_ROOT,
      env: { ...env, FORCE_COLOR: '0', AWS_MAX_ATTEMPTS: '1' }, // no SDK retries against an emulator that is gone
    });
    let output = '';
    deploy.stdout.on('data', (chunk) => (output += chunk));
    deploy.stderr.on('data', (chunk) => (output += chunk));
    // Kill the emulator as soon as the runner starts talking to it.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (output.includes('[network] deploying')) {
          clearInterval(poll);
          resolve();
        }
      }, 50);
    });
    await doomed.stop();
    const code = await new Promise<number>((resolve) => deploy.on('close', (c) => resolve(c ?? 1)));
    expect(code).toBe(1);
    expect(output).toContain(`The local AWS emulator at ${doomed.endpoint} stopped answering`);
    expect(output).toContain('Run `npm start` again: it starts a fresh emulator');
    const { report } = await mainJob({ environment: 'local', tiers: ['network'], keep: false, reportDir: '/tmp/showcore-e2e-recovery' });
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.checks.some((c) => c.check === 'no NAT gateway' && c.status === 'pass')).toBe(true);
  });
});

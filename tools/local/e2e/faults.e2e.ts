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

/**
 * The verify orchestration's refusals against moto: each stops before anything is created (exit 2), the function
 * never invoked. The scenarios that run are in verify.e2e.ts; what both share is in verify-support.ts.
 */
import { CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { UsageError } from '#tools/lib/process';
import { resetEmulator } from '#tools/emulator/harness';
import { EXIT } from '../cli';
import { verifyEnvironment } from '../verify';
import { createFixture } from './fixture';
import { SPEC_ENDPOINTS, clients, fixture, leftUnderVerify, unusedInvoker, options, runMain } from './verify-support';

describe('verify against the emulator: refusals before anything is created (exit 2)', () => {
  it('Ctrl-C during the preflight: exit 130, the function never invoked', async () => {
    const f = await fixture();
    const { code, log } = await runMain(['--environment=local', '--probes=s3', '--no-edge'], (line) => {
      if (line === '… probe function') process.emit('SIGINT', 'SIGINT');
    });
    expect(code).toBe(EXIT.interrupted);
    expect(log).not.toMatch(/… probes inside the VPC/);
    expect(await leftUnderVerify(f.backupsBucket)).toBe(0);
  });

  it('the function not deployed: names it and the ops deploy', async () => {
    const f = await fixture({ deployFunction: false });
    const run = verifyEnvironment(clients(), options({ invoker: unusedInvoker }));
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(
      new RegExp(`The probe function ${f.functionName} is not deployed in us-east-1: deploy the ops tier \\(npx nx run ops:deploy -c local\\)`),
    );
    expect(await leftUnderVerify(f.backupsBucket)).toBe(0);
  });

  it('a function outside the application security group: refused, naming both groups', async () => {
    await resetEmulator();
    const c = clients();
    // A second group in a VPC of its own, created before the fixture's: the function is put in it.
    const { CreateVpcCommand } = await import('@aws-sdk/client-ec2');
    const vpc = (await c.ec2.send(new CreateVpcCommand({ CidrBlock: '10.99.0.0/16' }))).Vpc?.VpcId;
    const other = (await c.ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: 'other', Description: 'not the application' }))).GroupId as string;
    const f = await createFixture(c, {
      environment: 'local',
      region: 'us-east-1',
      endpointServices: SPEC_ENDPOINTS,
      db: { host: 'not-emulated-locally', port: 5432 },
      redis: { host: 'not-emulated-locally', port: 6379 },
      functionSecurityGroupId: other,
    });
    const run = verifyEnvironment(c, options({ invoker: unusedInvoker }));
    await expect(run).rejects.toThrow(new RegExp(`is not in the application security group ${f.securityGroupId} \\(it has ${other}\\)`));
  });

  it('credentials of another account', async () => {
    await fixture();
    const { code, log } = await runMain(['--environment=local', '--probes=s3', '--account=999999999999']);
    expect(code).toBe(EXIT.usage);
    expect(log).toMatch(/belong to account 123456789012 .* but --account says 999999999999/);
  });

  it('an environment whose tiers are not deployed: the parameters and the tiers to deploy', async () => {
    await resetEmulator();
    const { code, log } = await runMain(['--environment=local', '--probes=s3']);
    expect(code).toBe(EXIT.usage);
    expect(log).toMatch(/\/showcore\/local\/network\/vpc-id \(published by the network tier\)/);
    expect(log).toMatch(/\/showcore\/local\/ops\/verify-function-name \(published by the ops tier\)/);
    expect(log).toMatch(/Deploy the network tier \(npx nx run network:deploy -c local\)/);
  });

  it('probes that would leave this machine are refused for the emulator', async () => {
    const { code, log } = await runMain(['--environment=local', '--probes=internet']);
    expect(code).toBe(EXIT.usage);
    expect(log).toMatch(/internet resolve public AWS names/);
  });

  it("per-probe timeouts that the function's own limit would cut short", async () => {
    const { code, log } = await runMain(['--environment=local', '--probes=s3', '--probe-timeout=400']);
    expect(code).toBe(EXIT.usage);
    expect(log).toMatch(/--probe-timeout=400 for 1 probe\(s\) is 400 s, more than the probe function's own limit allows/);
  });
});

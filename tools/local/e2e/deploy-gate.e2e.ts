/**
 * The deploy gate against the emulator: a stack that is not stable is never deployed over, a refused plan
 * changes nothing (exit 3), and a published parameter deleted outside the stack is restored by the producer's
 * deploy, even when there is nothing else to deploy.
 */
import { CreateStackCommand, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DeleteParameterCommand, GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { clientConfig } from '#tools/lib/aws-clients';
import { bootstrapEmulator, cfn, e2eEnv, liveStacks, resetEmulator, tool } from '#tools/emulator/harness';

const NETWORK_STACK = 'showcore-network-local-stack';
const deployNetwork = () => tool('tools/cdk/tier.ts', ['deploy', '--tier=network', '--environment=local']);

describe('the deploy gate', () => {
  beforeEach(() => resetEmulator());

  it('refuses to deploy over a stack stuck in CREATE_IN_PROGRESS, naming the state and the way out, and changes nothing', async () => {
    // moto leaves a stack in CREATE_IN_PROGRESS when a resource fails to create (here: a bucket name taken).
    const s3 = new S3Client({ ...clientConfig(e2eEnv()), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'showcore-gate-taken' }));
    const body = JSON.stringify({ Resources: { Taken: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'showcore-gate-taken' } } } });
    await cfn()
      .send(new CreateStackCommand({ StackName: NETWORK_STACK, TemplateBody: body }))
      .catch(() => undefined);

    const result = deployNetwork();
    expect(result.status).toBe(1);
    expect(result.output).toContain(`Cannot deploy the network tier: the stack ${NETWORK_STACK} is in CREATE_IN_PROGRESS, not a stable *_COMPLETE state.`);
    expect(result.output).toContain('Another operation is still running on it.');
    expect(result.output).toContain('Nothing was changed.');
    expect(result.output).not.toContain('no changes');
    const deployed = await cfn().send(new GetTemplateCommand({ StackName: NETWORK_STACK }));
    expect(JSON.parse(deployed.TemplateBody as string)).toEqual(JSON.parse(body));
  });

  it('stops with exit 3 on a refused removal of a stateful resource, before any change', async () => {
    // What runs now has a retained log group that the synthesized network template does not: the plan refuses.
    const body = JSON.stringify({
      Resources: {
        AuditTrailLogs: {
          Type: 'AWS::Logs::LogGroup',
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
          Properties: { LogGroupName: 'showcore-gate-audit' },
        },
      },
    });
    await cfn().send(new CreateStackCommand({ StackName: NETWORK_STACK, TemplateBody: body }));

    const result = deployNetwork();
    expect(result.status).toBe(3);
    expect(result.output).toMatch(/- remove\s+AWS::Logs::LogGroup\s+AuditTrailLogs/);
    expect(result.output).toContain('REFUSED: removing a AWS::Logs::LogGroup leaves it behind outside any stack (DeletionPolicy Retain)');
    expect(result.output).toContain("acknowledgedChanges: [{ resource: 'AuditTrailLogs', change: 'remove'");
    expect(result.output).toContain('The network tier was not deployed: nothing was changed.');
    const deployed = await cfn().send(new GetTemplateCommand({ StackName: NETWORK_STACK }));
    expect(JSON.parse(deployed.TemplateBody as string)).toEqual(JSON.parse(body));
  });

  it("restores a published parameter deleted outside the stack when the producer's deploy has nothing else to do", async () => {
    await bootstrapEmulator();
    const first = deployNetwork();
    expect(first.output).toContain('[network] deployed');
    expect(first.status).toBe(0);
    expect(await liveStacks()).toEqual(['CDKToolkit', NETWORK_STACK]);
    const ssm = new SSMClient(clientConfig(e2eEnv()));
    const name = '/showcore/local/network/vpc-id';
    const published = (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;
    expect(published).toMatch(/^vpc-/);
    await ssm.send(new DeleteParameterCommand({ Name: name }));

    const again = deployNetwork();
    expect(again.status).toBe(0);
    expect(again.output).toContain(`published parameter ${name} is missing: restoring "${published}" as the stack published it`);
    expect(again.output).toContain(
      'no changes: every stack already runs this template with current inputs; nothing deployed, 1 published parameter(s) restored',
    );
    expect((await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value).toBe(published);
  });
});

import { resourcesOfType, synthesize, expectNoNagFindings } from '@showcore/testing';
import type { Template } from 'aws-cdk-lib/assertions';
import { buildOpsApp } from '../../src/app';

/** The in-VPC probe function `ops:verify` invokes (docs/decisions/0006): its network place and what its role may do. */
describe('ops stack: the verification probe function (dev)', () => {
  // Bundled (synthesize's default), unlike the rest of the ops tests: here the unit tests build the function's code.
  const result = synthesize('dev', (app) => void buildOpsApp(app));
  const template: Template = result.template('Ops');
  const [fn] = resourcesOfType([template], 'AWS::Lambda::Function').filter((f) => f.properties.FunctionName === 'showcore-verify-dev-probe');
  const ssmRef = (path: string) => ({ Ref: expect.stringMatching(new RegExp(`^SsmParameterValue${path.replace(/[/-]/g, '')}`)) });
  const role = resourcesOfType([template], 'AWS::IAM::Role').find((r) => r.properties.RoleName === 'showcore-verify-dev-probe-role');
  const policies = resourcesOfType([template], 'AWS::IAM::Policy').filter((p) => p.properties.Roles.some((r: any) => r.Ref === role?.logicalId));
  const statements: any[] = policies.flatMap((p) => p.properties.PolicyDocument.Statement);
  const bySid = (sid: string) => statements.find((s) => s.Sid === sid);

  it('is showcore-verify-dev-probe, Node.js 22 on arm64, bundled code from an asset, no environment variables', () => {
    expect(fn.properties).toMatchObject({
      FunctionName: 'showcore-verify-dev-probe',
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: 300,
    });
    expect(fn.properties.Code.S3Key).toMatch(/^[0-9a-f]{64}\.zip$/);
    expect(fn.properties.Environment).toBeUndefined();
  });

  it('runs in the private subnets with the application security group, and creates no security group of its own', () => {
    expect(fn.properties.VpcConfig).toEqual({
      SubnetIds: { 'Fn::Split': [',', ssmRef('/showcore/dev/network/private-subnet-ids')] },
      SecurityGroupIds: [ssmRef('/showcore/dev/network/app-security-group-id')],
    });
    // No egress of its own to open: the application security group's rules (network tier) are all it has.
    template.resourceCountIs('AWS::EC2::SecurityGroup', 0);
    template.resourceCountIs('AWS::EC2::SecurityGroupEgress', 0);
  });

  it("has no function URL, no public permission, and writes to its own log group with the tier's retention", () => {
    template.resourceCountIs('AWS::Lambda::Url', 0);
    // The one permission lets EventBridge's schedule invoke the storage allocation function, never the probe.
    const permissions = resourcesOfType([template], 'AWS::Lambda::Permission');
    expect(permissions.map((p) => [p.properties.FunctionName, p.properties.Principal])).toEqual([
      [{ 'Fn::GetAtt': [expect.stringMatching(/^StorageAllocationMetricFunction/), 'Arn'] }, 'events.amazonaws.com'],
    ]);
    const logGroup = resourcesOfType([template], 'AWS::Logs::LogGroup').find((g) => g.properties.LogGroupName === '/aws/lambda/showcore-verify-dev-probe');
    expect(fn.properties.LoggingConfig).toEqual({ LogGroup: { Ref: logGroup?.logicalId } });
    expect(logGroup?.properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('its role is assumed by Lambda only and carries no managed policy', () => {
    expect(role?.properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
    expect(role?.properties.ManagedPolicyArns).toBeUndefined();
  });

  it('may do only what the probes need, statement by statement', () => {
    expect(statements.map((s) => s.Sid).sort()).toEqual([
      'CacheProbeUser',
      'DatabaseProbeUser',
      'NetworkInterfaces',
      'OwnLogs',
      'RestoreDrillCacheCopy',
      'RestoreDrillDatabaseCopy',
      'VerificationObjects',
    ]);
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
    expect(bySid('DatabaseProbeUser')).toMatchObject({ Action: 'rds-db:connect' });
    expect(JSON.stringify(bySid('DatabaseProbeUser').Resource)).toMatch(/:dbuser:".*SsmParameterValueshowcoredevdatadbresourceid.*"\/showcore_probe"/);
    expect(bySid('CacheProbeUser').Action).toBe('elasticache:Connect');
    expect(JSON.stringify(bySid('CacheProbeUser').Resource)).toMatch(
      /:replicationgroup:.*SsmParameterValueshowcoredevdataredisreplicationgroupid.*:user:.*SsmParameterValueshowcoredevdataredisprobeuserid/,
    );
    expect(bySid('VerificationObjects').Action).toEqual(['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion']);
    expect(JSON.stringify(bySid('VerificationObjects').Resource)).toMatch(/\/_verify\/\*"\]\]\}$/);
    expect(bySid('OwnLogs').Action).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    // The restore drill's copies: only the probe user on any instance (a copy's DbiResourceId exists only after the
    // restore), only replication groups named as the drill names its copies, and only as the probe user.
    expect(bySid('RestoreDrillDatabaseCopy').Action).toBe('rds-db:connect');
    expect(JSON.stringify(bySid('RestoreDrillDatabaseCopy').Resource)).toMatch(/:dbuser:\*\/showcore_probe"\]\]\}$/);
    expect(bySid('RestoreDrillCacheCopy').Action).toBe('elasticache:Connect');
    expect(JSON.stringify(bySid('RestoreDrillCacheCopy').Resource)).toMatch(
      /:replicationgroup:showcore-drill-dev-\*".*:user:.*SsmParameterValueshowcoredevdataredisprobeuserid/,
    );
    // No secret, no other database user, no other service; and no way out of the VPC to reach one (below).
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions.filter((a) => /secretsmanager|ssm:|kms:|iam:|ec2messages|ssmmessages|\*$/.test(a))).toEqual([]);
  });

  it('has no public egress of its own: no public IP, no subnet of its own, no route, no NAT, no endpoint in the ops tier', () => {
    // The function's network interfaces land in the private subnets given (no route out, network tier); Lambda never
    // gives a VPC function a public IP, and the ops tier creates nothing that could add a way out.
    for (const type of [
      'AWS::EC2::Subnet',
      'AWS::EC2::Route',
      'AWS::EC2::NatGateway',
      'AWS::EC2::InternetGateway',
      'AWS::EC2::EIP',
      'AWS::EC2::VPCEndpoint',
      'AWS::Lambda::Url',
    ]) {
      template.resourceCountIs(type, 0);
    }
    expect(JSON.stringify(fn.properties.VpcConfig)).not.toMatch(/public-subnet-ids/);
    expect(fn.properties.VpcConfig.Ipv6AllowedForDualStack).toBeUndefined();
  });

  it('publishes its name for ops:verify', () => {
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/showcore/dev/ops/verify-function-name', Value: { Ref: fn.logicalId } });
  });

  it('passes cdk-nag AwsSolutions', () => {
    expectNoNagFindings(result.app);
  });
});

import { Match } from 'aws-cdk-lib/assertions';
import { resourcesOfType, ssmRef } from '@showcore/testing';
import { synthesizeEnvironment } from '../helpers';

describe('the RDS allocation metric behind the storage alarm', () => {
  const template = synthesizeEnvironment('dev').template('Ops');
  const fn = onlyResourceNamed('showcore-rds-dev-allocation-metric');

  function onlyResourceNamed(name: string) {
    const found = Object.entries<any>(template.toJSON().Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName === name);
    expect(found).toHaveLength(1);
    return { logicalId: found[0][0], resource: found[0][1], properties: found[0][1].Properties };
  }

  it('measures the instance the data tier publishes, every five minutes, outside the VPC (it calls the RDS API)', () => {
    expect(fn.properties.Environment.Variables.DB_INSTANCE_ID).toEqual(ssmRef(template, 'dev', 'dbInstanceId'));
    expect(fn.properties.VpcConfig).toBeUndefined();
    expect(fn.properties.Code.ZipFile).toContain("MetricName: 'AllocatedStorage'");
    expect(fn.properties.Code.ZipFile).toContain("Namespace: 'ShowCore/RDS'");
    expect(fn.resource.Metadata['showcore:custom-metrics']).toBe(1);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fn.logicalId, 'Arn'] } })],
    });
  });

  it('may describe only that instance and publish only into ShowCore/RDS', () => {
    const [policy] = resourcesOfType([template], 'AWS::IAM::Policy').filter((p) => p.logicalId.startsWith('StorageAllocationMetric'));
    const statements = policy.properties.PolicyDocument.Statement as Record<string, any>[];
    const describe = statements.find((s) => s.Sid === 'DescribeTheInstance');
    expect(describe?.Action).toBe('rds:DescribeDBInstances');
    expect(JSON.stringify(describe?.Resource)).toContain(':db:');
    expect(JSON.stringify(describe?.Resource)).toContain(ssmRef(template, 'dev', 'dbInstanceId').Ref);
    const publish = statements.find((s) => s.Sid === 'PublishTheMetric');
    expect(publish?.Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': 'ShowCore/RDS' } });
  });
});

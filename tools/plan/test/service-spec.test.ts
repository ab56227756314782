describe('the CloudFormation resource specification', () => {
  it('is loaded once per process, shared with cloudformation-diff, for the tag check and the change plan alike', () => {
    jest.isolateModules(() => {
      const spec = require('@aws-cdk/aws-service-spec') as { loadAwsServiceSpecSync: (...args: unknown[]) => unknown };
      const load = spec.loadAwsServiceSpecSync;
      let loads = 0;
      spec.loadAwsServiceSpecSync = (...args: unknown[]) => {
        loads += 1;
        return load(...args);
      };
      try {
        const { resourceSpec } = require('#tools/lib/service-spec') as typeof import('#tools/lib/service-spec');
        const { classifyStack } = require('../classify') as typeof import('../classify');
        expect(resourceSpec('AWS::S3::Bucket')?.tagInformation?.tagPropertyName).toBe('Tags');
        expect(resourceSpec('AWS::RDS::DBInstance')?.isStateful).toBe(true);
        expect(resourceSpec('AWS::ShowCore::Nothing')).toBeUndefined();
        const bucket = (name: string) => ({ Resources: { Assets: { Type: 'AWS::S3::Bucket', Properties: { BucketName: name } } } });
        const changes = classifyStack('Edge', bucket('showcore-a'), bucket('showcore-b'));
        expect(changes).toEqual([expect.objectContaining({ logicalId: 'Assets', kind: 'replace' })]);
        expect(loads).toBe(1);
      } finally {
        spec.loadAwsServiceSpecSync = load;
      }
    });
  });
});

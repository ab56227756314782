import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { ACCOUNT_ID as account, expectNoNagFindings, joined, PARTITION as partition, resourcesOfType, synthesize } from '@showcore/testing';
import { buildEdgeApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { synthesizeConfig, synthesizeEnvironment, synthesizeTemplates, variantOf } from '../helpers';

describe('cross-region replication off (cost-optimized profile)', () => {
  it.each(['local', 'dev', 'staging', 'prod'] as const)('%s has one stack and no replication rule on any bucket', (environment) => {
    const result = synthesizeEnvironment(environment);
    expect(result.stacks.map((s) => s.stackName)).toEqual([`showcore-edge-${environment}-stack`]);
    for (const bucket of resourcesOfType([result.template('Edge')], 'AWS::S3::Bucket')) {
      expect([bucket.logicalId, bucket.properties.ReplicationConfiguration]).toEqual([bucket.logicalId, undefined]);
    }
  });
});

describe('cross-region replication on (hardened profile, prod)', () => {
  const result = synthesize('prod', (app) => void buildEdgeApp(app), { context: { profile: 'hardened' } });
  const main = result.stacks.find((s) => s.stackName === 'showcore-edge-prod-stack') as Stack;
  const replicaStack = result.stacks.find((s) => s.stackName === 'showcore-edge-prod-replica-stack') as Stack;
  const replica = result.template('EdgeReplica');
  const edge = result.template('Edge');

  it("adds showcore-edge-prod-replica-stack in us-west-2, with the tier's termination protection", () => {
    expect(replicaStack.region).toBe('us-west-2');
    expect(replicaStack.terminationProtection).toBe(true);
    expect(main.region).toBe('us-east-1');
  });

  it('deploys the replica stack before the main stack (cdk deploy --all follows the dependency)', () => {
    expect(main.dependencies).toEqual([replicaStack]);
    expect(replicaStack.dependencies).toEqual([]);
  });

  it('passes no value between the regions: no export, import or cross-stack reference', () => {
    for (const template of [edge, replica]) {
      const json = JSON.stringify(template.toJSON());
      expect(json).not.toContain('Fn::ImportValue');
      expect(Object.keys(template.toJSON().Outputs ?? {}).filter((k) => k.startsWith('Export'))).toEqual([]);
    }
  });

  it.each([
    ['StaticAssetsReplicaBucket', 'static-assets', 'ExpireNoncurrentVersions'],
    ['BackupsReplicaBucket', 'backups', 'ArchiveThenExpireBackups'],
  ])('%s: versioned, KMS with its own rotating key, public access blocked, TLS only, the source lifecycle, retained', (_id, component, firstRule) => {
    const [bucket] = resourcesOfType([replica], 'AWS::S3::Bucket').filter(
      (b) => JSON.stringify(b.properties.BucketName) === JSON.stringify(joined(`showcore-${component}-replica-prod-`, account)),
    );
    expect(bucket).toBeDefined();
    expect(bucket.properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual({
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: expect.anything() },
    });
    expect(bucket.properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.properties.LifecycleConfiguration.Rules[0].Id).toBe(firstRule);
    expect(bucket.properties.MetricsConfigurations).toBeUndefined();
    expect(bucket.resource.DeletionPolicy).toBe('Retain');
    const tags = Object.fromEntries((bucket.properties.Tags as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]));
    expect(tags).toMatchObject({ Project: 'ShowCore', Environment: 'Production', Tier: 'edge', CostCenter: 'Engineering' });
    replica.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket.logicalId },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    replica.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/showcore-${component}-replica-prod-key` });
  });

  it('creates the replication role for S3, reading the sources and writing the replicas', () => {
    replica.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'showcore-edge-prod-replication-role',
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 's3.amazonaws.com' } })] },
    });
    const [policy] = resourcesOfType([replica], 'AWS::IAM::Policy');
    const actions = (policy.properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => s.Action);
    expect(new Set(actions)).toEqual(
      new Set([
        's3:GetReplicationConfiguration',
        's3:ListBucket',
        's3:GetObjectVersionForReplication',
        's3:GetObjectVersionAcl',
        's3:GetObjectVersionTagging',
        's3:ReplicateObject',
        's3:ReplicateDelete',
        's3:ReplicateTags',
        'kms:Encrypt',
      ]),
    );
  });

  it.each([
    ['static-assets', 'Enabled'],
    ['backups', 'Disabled'],
  ])('the %s bucket replicates every new version to its replica (delete markers: %s), re-encrypted with the replica key', (component, deleteMarkers) => {
    edge.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: joined(`showcore-${component}-prod-`, account),
      ReplicationConfiguration: {
        Role: joined('arn:', partition, ':iam::', account, ':role/showcore-edge-prod-replication-role'),
        Rules: [
          {
            Id: 'ReplicateToSecondRegion',
            Status: 'Enabled',
            Priority: 1,
            Filter: { Prefix: '' },
            DeleteMarkerReplication: { Status: deleteMarkers },
            SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
            Destination: {
              Bucket: joined('arn:', partition, `:s3:::showcore-${component}-replica-prod-`, account),
              EncryptionConfiguration: {
                ReplicaKmsKeyID: joined('arn:', partition, ':kms:us-west-2:', account, `:alias/showcore-${component}-replica-prod-key`),
              },
            },
          },
        ],
      },
    });
  });

  it('lets the replication role decrypt source objects through S3 only', () => {
    const keys = resourcesOfType([edge], 'AWS::KMS::Key');
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key.properties.KeyPolicy.Statement).toContainEqual({
        Sid: 'AllowCrossRegionReplicationToDecrypt',
        Effect: 'Allow',
        Principal: { AWS: joined('arn:', partition, ':iam::', account, ':role/showcore-edge-prod-replication-role') },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': joined('s3.', { Ref: 'AWS::Region' }, '.amazonaws.com') } },
      });
    }
  });

  it('passes cdk-nag in both stacks', () => {
    expectNoNagFindings(result.app);
  });

  it('matches the replica stack snapshot', () => {
    expect(replica.toJSON()).toMatchSnapshot();
  });
});

describe('cross-region replication with SSE-S3 buckets', () => {
  const result = synthesizeConfig(variantOf('dev', { replication: { enabled: true, region: 'eu-west-1' } }));

  it('puts the replicas in the configured region, SSE-S3 like their sources, with no key and no KMS permission', () => {
    const replicaStack = result.stacks.find((s) => s.stackName === 'showcore-edge-dev-replica-stack') as Stack;
    expect(replicaStack.region).toBe('eu-west-1');
    const replica = result.template('EdgeReplica');
    replica.resourceCountIs('AWS::KMS::Key', 0);
    for (const bucket of resourcesOfType([replica], 'AWS::S3::Bucket')) {
      expect(bucket.properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
    }
    expect(JSON.stringify(replica.toJSON())).not.toContain('kms:');
  });

  it('replicates without source selection or replica key', () => {
    for (const bucket of resourcesOfType([result.template('Edge')], 'AWS::S3::Bucket')) {
      const [rule] = bucket.properties.ReplicationConfiguration.Rules;
      expect(rule.SourceSelectionCriteria).toBeUndefined();
      expect(rule.Destination.EncryptionConfiguration).toBeUndefined();
    }
    expectNoNagFindings(result.app);
  });
});

describe('the replica stack follows the configuration', () => {
  it('is absent in hardened when replication is switched off', () => {
    const config = { ...loadConfig('prod', 'hardened'), replication: { enabled: false, region: 'us-west-2' } };
    expect(synthesizeTemplates(config, 'prod').stacks.map((s) => s.stackName)).toEqual(['showcore-edge-prod-stack']);
  });
});

/**
 * Golden template pairs: what the plan says of each kind of change, with CloudFormation's update semantics taken
 * from @aws-cdk/cloudformation-diff and the resource facts from the CloudFormation resource specification.
 */
import { classifyStack, staleAcknowledgements, typeFacts } from '../classify';
import type { Template } from '../model';

type Resources = Template['Resources'];
const template = (resources: Resources): Template => ({ Resources: resources });
const path = (p: string) => ({ Metadata: { 'aws:cdk:path': p } });

const bucket = (props: Record<string, unknown> = {}, policy = 'Retain') => ({
  Type: 'AWS::S3::Bucket',
  DeletionPolicy: policy,
  UpdateReplacePolicy: policy,
  Properties: props,
  ...path('Edge/Bucket/Resource'),
});
const securityGroup = (props: Record<string, unknown>) => ({
  Type: 'AWS::EC2::SecurityGroup',
  Properties: { GroupDescription: 'rds', VpcId: 'vpc-1', ...props },
  ...path('Data/RdsSg/Resource'),
});
const database = (props: Record<string, unknown>) => ({
  Type: 'AWS::RDS::DBInstance',
  DeletionPolicy: 'Snapshot',
  Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', DBInstanceIdentifier: 'showcore-rds-dev', ...props },
  ...path('Data/Database/Resource'),
});
const fn = (hash: string) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Code: { S3Bucket: 'cdk-assets', S3Key: `${hash}.zip` }, Handler: 'index.handler', Runtime: 'nodejs22.x' },
  Metadata: { 'aws:cdk:path': 'Ops/Fn/Resource', 'aws:asset:path': `asset.${hash}` },
});
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

describe('classifyStack', () => {
  it('an in-place change of a stateful resource is a modification, not refused', () => {
    const [change] = classifyStack(
      's',
      template({ B: bucket({ VersioningConfiguration: { Status: 'Suspended' } }) }),
      template({ B: bucket({ VersioningConfiguration: { Status: 'Enabled' } }) }),
    );
    expect(change).toMatchObject({ logicalId: 'B', kind: 'modify', properties: ['VersioningConfiguration'], stateful: true, assetOnly: false });
    expect(change.refusal).toBeUndefined();
  });

  it('a create-only property forces a replacement, refused for a database, naming the property', () => {
    const [change] = classifyStack(
      's',
      template({ Db: database({ KmsKeyId: 'alias/aws/rds' }) }),
      template({ Db: database({ KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/new' }) }),
    );
    expect(change).toMatchObject({ kind: 'replace', replacedBy: ['KmsKeyId'], path: 'Data/Database/Resource', stateful: true });
    expect(change.refusal).toMatch(/replacing a AWS::RDS::DBInstance creates a new, empty one/);
  });

  it('a conditional property of the specification is an in-place update, listed as such', () => {
    const [change] = classifyStack('s', template({ Db: database({ MultiAZ: false }) }), template({ Db: database({ MultiAZ: true }) }));
    expect(change).toMatchObject({ kind: 'modify', mayReplace: ['MultiAZ'] });
    expect(change.refusal).toBeUndefined();
  });

  it.each([
    ['Retain', /leaves it behind outside any stack \(DeletionPolicy Retain\)/],
    ['Delete', /deletes it and what it holds/],
  ])('removing a bucket with DeletionPolicy %s is refused', (policy, reason) => {
    const [change] = classifyStack('s', template({ B: bucket({}, policy) }), template({}));
    expect(change).toMatchObject({ kind: 'remove', type: 'AWS::S3::Bucket' });
    expect(change.refusal).toMatch(reason);
  });

  it('replacing a resource with a fixed physical name is refused; without one it goes through', () => {
    const before = template({ Sg: securityGroup({ GroupName: 'showcore-rds-dev-sg', GroupDescription: 'old' }) });
    const [named] = classifyStack('s', before, template({ Sg: securityGroup({ GroupName: 'showcore-rds-dev-sg', GroupDescription: 'new' }) }));
    expect(named).toMatchObject({ kind: 'replace', replacedBy: ['GroupDescription'], stateful: false, fixedName: 'GroupName is set' });
    expect(named.refusal).toMatch(/physical name is fixed \(GroupName is set\)/);
    const [unnamed] = classifyStack('s', before, template({ Sg: securityGroup({ GroupDescription: 'new' }) }));
    expect(unnamed).toMatchObject({ kind: 'replace' });
    expect(unnamed.refusal).toBeUndefined();
  });

  it('an acknowledgement by construct path or logical id lets exactly that change through, with its reason', () => {
    const before = template({ Db: database({ KmsKeyId: 'alias/aws/rds' }) });
    const after = template({ Db: database({ KmsKeyId: 'key/new' }) });
    const reason = 'restored from a snapshot copied with the new key (runbook kms-key-migration)';
    for (const resource of ['Data/Database/Resource', 'Db']) {
      const [change] = classifyStack('s', before, after, [{ resource, change: 'replace', reason }]);
      expect(change.acknowledged).toBe(reason);
    }
    const [wrongKind] = classifyStack('s', before, after, [{ resource: 'Db', change: 'remove', reason }]);
    expect(wrongKind.acknowledged).toBeUndefined();
  });

  it('an acknowledgement that matches no refused change is stale', () => {
    const acks = [
      { resource: 'Db', change: 'replace' as const, reason: 'the migration of ticket 42 is done' },
      { resource: 'Gone', change: 'remove' as const, reason: 'removed long ago, no longer planned' },
    ];
    const changes = classifyStack('s', template({ Db: database({ KmsKeyId: 'a' }) }), template({ Db: database({ KmsKeyId: 'b' }) }), acks);
    expect(staleAcknowledgements(acks, changes)).toEqual([acks[1]]);
  });

  it('a change of nothing but an asset hash is shown as asset-only and never refused', () => {
    const [change] = classifyStack('s', template({ Fn: fn(HASH_A) }), template({ Fn: fn(HASH_B) }));
    expect(change).toMatchObject({ kind: 'modify', assetOnly: true });
    expect(change.refusal).toBeUndefined();
    const [code] = classifyStack(
      's',
      template({ Fn: fn(HASH_A) }),
      template({ Fn: { ...fn(HASH_B), Properties: { ...fn(HASH_B).Properties, Runtime: 'nodejs20.x' } } }),
    );
    expect(code.assetOnly).toBe(false);
  });

  it('a stack not deployed yet is all additions; an unchanged resource is not listed', () => {
    const changes = classifyStack('s', undefined, template({ B: bucket(), Sg: securityGroup({}) }));
    expect(changes.map((c) => [c.logicalId, c.kind])).toEqual([
      ['B', 'add'],
      ['Sg', 'add'],
    ]);
    expect(classifyStack('s', template({ B: bucket() }), template({ B: bucket() }))).toEqual([]);
  });
});

describe('typeFacts (CloudFormation resource specification)', () => {
  it.each([
    ['AWS::RDS::DBInstance', true, ['DBInstanceIdentifier']],
    ['AWS::ElastiCache::ReplicationGroup', true, ['ReplicationGroupId']],
    ['AWS::KMS::Key', true, []],
    ['AWS::Backup::BackupVault', true, ['BackupVaultName']],
    ['AWS::EC2::SecurityGroup', false, ['GroupName']],
    ['AWS::Unknown::Thing', false, []],
  ])('%s: stateful %s, named by %j', (type, stateful, names) => {
    expect(typeFacts(type)).toEqual({ stateful, nameProperties: names });
  });
});

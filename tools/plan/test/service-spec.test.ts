import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

type ServiceSpecLib = typeof import('#tools/lib/service-spec');
type Classify = typeof import('../classify');

/** A fresh copy of the module (and of cloudformation-diff and the specification package) with its cache in `dir`. */
function freshModules(dir: string): { spec: ServiceSpecLib; classify: Classify; database: () => unknown } {
  let modules: { spec: ServiceSpecLib; classify: Classify; database: () => unknown } | undefined;
  jest.isolateModules(() => {
    const spec = require('#tools/lib/service-spec') as ServiceSpecLib;
    spec.serviceSpecInternals.useCacheDir(dir);
    const classify = require('../classify') as Classify;
    const specPackage = require('@aws-cdk/aws-service-spec') as { loadAwsServiceSpecSync: () => unknown };
    const database = () => specPackage.loadAwsServiceSpecSync();
    modules = { spec, classify, database };
  });
  return modules as { spec: ServiceSpecLib; classify: Classify; database: () => unknown };
}

const bucket = (name: string) => ({ Resources: { Assets: { Type: 'AWS::S3::Bucket', Properties: { BucketName: name } } } });

describe('the CloudFormation resource specification', () => {
  let root: string;
  let dir: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-service-spec-'));
    dir = path.join(root, 'version');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('is loaded once by the first process, for the tag check and the change plan alike, which keeps every entry', () => {
    const { spec, classify } = freshModules(dir);
    expect(spec.resourceSpec('AWS::S3::Bucket')?.tagInformation?.tagPropertyName).toBe('Tags');
    expect(spec.resourceSpec('AWS::RDS::DBInstance')?.isStateful).toBe(true);
    expect(spec.resourceSpec('AWS::ShowCore::Nothing')).toBeUndefined();
    expect(classify.classifyStack('Edge', bucket('showcore-a'), bucket('showcore-b'))).toEqual([
      expect.objectContaining({ logicalId: 'Assets', kind: 'replace' }),
    ]);
    expect(spec.serviceSpecInternals.fullLoads()).toBe(1);
    expect(fs.existsSync(path.join(dir, '.complete'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'AWS--S3--Bucket.json'))).toBe(true);
    expect(fs.readdirSync(root)).toEqual(['version']); // no staging folder left behind
  });

  it('is not loaded again by a later process: the plan and the checks read the entries they ask for', () => {
    const { spec, classify } = freshModules(dir);
    expect(classify.classifyStack('Edge', bucket('showcore-a'), bucket('showcore-b'))).toEqual([
      expect.objectContaining({ logicalId: 'Assets', kind: 'replace' }),
    ]);
    const db = { Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceIdentifier: 'a' } } } };
    const renamed = { Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceIdentifier: 'b' } } } };
    expect(classify.classifyStack('Data', db, renamed)).toEqual([expect.objectContaining({ logicalId: 'Db', kind: 'replace' })]);
    expect(spec.resourceSpec('AWS::S3::Bucket')?.tagInformation?.tagPropertyName).toBe('Tags');
    expect(spec.resourceSpec('AWS::ShowCore::Nothing')).toBeUndefined();
    expect(spec.serviceSpecInternals.fullLoads()).toBe(0);
  });

  it('keeps every resource type exactly as the database holds it', () => {
    const { loadAwsServiceSpecSync } = jest.requireActual('@aws-cdk/aws-service-spec') as typeof import('@aws-cdk/aws-service-spec');
    const { spec } = freshModules(dir);
    const all = loadAwsServiceSpecSync().all('resource');
    expect(all.length).toBeGreaterThan(1000);
    const differing = all.filter((r) => JSON.stringify(spec.resourceSpec(r.cloudFormationType)) !== JSON.stringify(r)).map((r) => r.cloudFormationType);
    expect(differing).toEqual([]);
    expect(spec.serviceSpecInternals.fullLoads()).toBe(0);
  });

  it('never reads a folder whose writing was cut short', () => {
    const partial = path.join(root, 'partial');
    fs.mkdirSync(partial);
    fs.writeFileSync(path.join(partial, 'AWS--S3--Bucket.json'), JSON.stringify({ cloudFormationType: 'AWS::S3::Bucket', truncated: true }));
    const { spec } = freshModules(partial);
    expect(spec.resourceSpec('AWS::S3::Bucket')).not.toHaveProperty('truncated');
    expect(spec.resourceSpec('AWS::S3::Bucket')?.tagInformation?.tagPropertyName).toBe('Tags');
    expect(spec.serviceSpecInternals.fullLoads()).toBe(1);
    expect(fs.existsSync(path.join(partial, '.complete'))).toBe(true);
  });

  it("answers cloudformation-diff's other questions from the full database", () => {
    const { spec, database } = freshModules(dir);
    const db = database() as { lookup: (...args: unknown[]) => { cloudFormationType?: string; name?: string }[] };
    expect(db.lookup('resource', 'cloudFormationType', 'equals', 'AWS::S3::Bucket').map((r) => r.cloudFormationType)).toEqual(['AWS::S3::Bucket']);
    expect(db.lookup('resource', 'cloudFormationType', 'equals', 'AWS::ShowCore::Nothing')).toEqual([]);
    expect(spec.serviceSpecInternals.fullLoads()).toBe(0);
    expect(db.lookup('service', 'name', 'equals', 'aws-s3').map((s) => s.name)).toEqual(['aws-s3']);
    expect(spec.serviceSpecInternals.fullLoads()).toBe(1);
  });
});

import { reportOf } from './fixtures';

const NO_BUCKET_USAGE = { 's3.storageGbPerBucket': 0, 's3.putRequestsPerBucket': 0, 's3.getRequestsPerBucket': 0 };

describe('cross-region replication and backup copies', () => {
  it('prices S3 replication as inter-region transfer of the new versions, on the source bucket', () => {
    // 10 GB of new versions × $0.02 = $0.20; the replica's storage is priced on the replica bucket itself.
    const source = {
      Type: 'AWS::S3::Bucket',
      Properties: { ReplicationConfiguration: { Role: 'arn:role', Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::replica' } }] } },
    };
    const report = reportOf({ edge: { Source: source } }, { ...NO_BUCKET_USAGE, 's3.replicatedGbPerBucket': 10 });
    const line = report.lines.find((l) => l.priceKey === 's3.replication.inter-region.gb');
    expect(line).toMatchObject({
      logicalId: 'Source',
      quantity: 10,
      monthly: 0.2,
      usage: true,
      basis: '10 GB of new versions (s3.replicatedGbPerBucket) × 1 replica',
    });
    expect(report.lines.find((l) => l.logicalId === 'Source')?.notes).toContain(
      'cross-region replication: the replica bucket (its storage and the replication PUT requests) is priced in the replica stack',
    );
  });

  it('prices no replication transfer for a bucket without (or with a disabled) replication rule', () => {
    const plain = { Type: 'AWS::S3::Bucket', Properties: {} };
    const disabled = { Type: 'AWS::S3::Bucket', Properties: { ReplicationConfiguration: { Role: 'arn:role', Rules: [{ Status: 'Disabled' }] } } };
    const report = reportOf({ edge: { Plain: plain, Disabled: disabled } }, NO_BUCKET_USAGE);
    expect(report.lines.filter((l) => l.priceKey === 's3.replication.inter-region.gb')).toEqual([]);
  });

  const plan = (copyActions?: unknown[]) => ({
    Type: 'AWS::Backup::BackupPlan',
    Properties: {
      BackupPlan: {
        BackupPlanName: 'plan',
        BackupPlanRule: [{ RuleName: 'daily', Lifecycle: { DeleteAfterDays: 30 }, ...(copyActions ? { CopyActions: copyActions } : {}) }],
      },
    },
  });

  it("prices a copy action as the copies' storage, scaled by their retention, plus the cross-region transfer", () => {
    // Source: 10 GB × $0.095 = $0.95. Copies kept 15 of 30 days: 5 GB × $0.095 = $0.475 → $0.48. Transfer: 4 GB × $0.02 = $0.08.
    const report = reportOf(
      { ops: { Plan: plan([{ DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:111122223333:backup-vault:copy', Lifecycle: { DeleteAfterDays: 15 } }]) } },
      { 'backup.storageGbPerPlan': 10, 'backup.copiedGbPerPlan': 4 },
    );
    expect(report.lines.map((l) => [l.priceKey, l.quantity, l.monthly])).toEqual([
      ['backup.rds-snapshot.gb-month', 10, 0.95],
      ['backup.rds-snapshot.gb-month', 5, 0.48],
      ['backup.cross-region-transfer.gb', 4, 0.08],
    ]);
    expect(report.lines[1].basis).toBe('10 GB of copies (backup.storageGbPerPlan) × 15/30 days kept, in copy (us-west-2)');
  });

  it('prices only the source snapshots without a copy action', () => {
    const report = reportOf({ ops: { Plan: plan() } }, { 'backup.storageGbPerPlan': 10 });
    expect(report.lines.map((l) => l.priceKey)).toEqual(['backup.rds-snapshot.gb-month']);
  });
});

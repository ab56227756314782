import { acknowledgements, expectNoNagFindings } from '@showcore/testing';
import { applyOverrides, loadConfig, type EdgeConfig } from '../../src/config';
import { CUSTOM_DOMAIN, synthesizeConfig, variantOf } from '../helpers';
import type { EnvironmentName } from '@showcore/naming';

const S1_STATIC = 'AwsSolutions-S1 @ Edge/StaticAssetsBucket';
const S1_BACKUPS = 'AwsSolutions-S1 @ Edge/BackupsBucket';
const S1_LOGS = 'AwsSolutions-S1 @ Edge/AccessLogsBucket';
const cfr = (n: number) => `AwsSolutions-CFR${n} @ Edge/CloudFrontDistribution`;
// The replica stack (replication.enabled): replicas do not log their requests, and the replication role reads
// the objects of each source bucket and writes those of each replica.
const REPLICA = [
  'AwsSolutions-S1 @ EdgeReplica/StaticAssetsReplicaBucket',
  'AwsSolutions-S1 @ EdgeReplica/BackupsReplicaBucket',
  'AwsSolutions-IAM5[Resource::<StaticAssetsReplicaBucketF7EAA9C7.Arn>/*] @ EdgeReplica/ReplicationRole',
  'AwsSolutions-IAM5[Resource::<BackupsReplicaBucket0576412E.Arn>/*] @ EdgeReplica/ReplicationRole',
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::showcore-static-assets-prod-<AWS::AccountId>/*] @ EdgeReplica/ReplicationRole',
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::showcore-backups-prod-<AWS::AccountId>/*] @ EdgeReplica/ReplicationRole',
];

const everythingOn = applyOverrides(loadConfig('prod', 'hardened'), { cdn: { ...CUSTOM_DOMAIN, geoRestriction: { type: 'denylist', countries: ['KP'] } } });

/** Which configuration field each acknowledgement's reason must name (the switch that turns the feature on). */
const SWITCH: Record<string, string> = {
  'AwsSolutions-CFR1': 'cdn.geoRestriction',
  'AwsSolutions-CFR2': 'cdn.waf',
  'AwsSolutions-CFR3': 'cdn.accessLogging',
  'AwsSolutions-CFR4': 'cdn.certificateArn',
};

describe.each<[string, EdgeConfig, EnvironmentName, string[]]>([
  ['dev (cost-optimized)', loadConfig('dev'), 'dev', [S1_STATIC, S1_BACKUPS, cfr(1), cfr(2), cfr(3), cfr(4)]],
  ['local (no CDN)', loadConfig('local'), 'local', [S1_STATIC, S1_BACKUPS]],
  ['dev with a custom domain', variantOf('dev', { cdn: { ...CUSTOM_DOMAIN } }), 'dev', [S1_STATIC, S1_BACKUPS, cfr(1), cfr(2), cfr(3)]],
  ['prod hardened', loadConfig('prod', 'hardened'), 'prod', [S1_LOGS, cfr(1), cfr(4), ...REPLICA]],
  ['prod hardened + custom domain + geo restriction', everythingOn, 'prod', [S1_LOGS, ...REPLICA]],
  ['prod hardened without replication', applyOverrides(loadConfig('prod', 'hardened'), { replication: { enabled: false } }), 'prod', [S1_LOGS, cfr(1), cfr(4)]],
])('cdk-nag acknowledgements for %s', (_name, config, environment, expected) => {
  const result = synthesizeConfig(config, environment);
  const found = acknowledgements(result.app);

  it('has no unacknowledged finding', () => {
    expectNoNagFindings(result.app);
  });

  it(`acknowledges exactly: ${expected.join(', ')}`, () => {
    expect(found.map((a) => `${a.id.replace(/^Annotation::/, '')} @ ${a.path}`).sort()).toEqual([...expected].sort());
  });

  it('names, in every reason, the configuration that turns the feature off', () => {
    for (const ack of found) {
      const rule = ack.id.replace(/^Annotation::/, '');
      const expectedText =
        ack.path === 'Edge/AccessLogsBucket'
          ? 'access-logs bucket itself'
          : ack.path.startsWith('EdgeReplica/')
            ? 'replication'
            : (SWITCH[rule] ?? 'serverAccessLogs is false');
      expect([rule, ack.path, ack.reason]).toEqual([rule, ack.path, expect.stringContaining(expectedText)]);
    }
  });
});

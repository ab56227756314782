import type { CfnTemplate } from '../model';
import { display, refersTo, resourcesOfType } from '../template';
import { count, fixed, usage, type Pricer } from './types';

function enabled(value: unknown): boolean {
  return value !== null && typeof value === 'object' && (value as Record<string, unknown>).Status === 'Enabled';
}

/**
 * Storage and requests at the assumed volume, plus request metrics: each metrics filter publishes CloudWatch
 * metrics billed as custom metrics ($0.30 each after the 10 free), which is easy to miss on a small bucket.
 */
const bucket: Pricer = ({ props, logicalId, assumptions }) => {
  const gb = assumptions['s3.storageGbPerBucket'];
  const puts = assumptions['s3.putRequestsPerBucket'];
  const gets = assumptions['s3.getRequestsPerBucket'];
  const charges = [
    usage('s3.standard.gb-month', gb, `${count(gb)} GB (s3.storageGbPerBucket)`),
    usage('s3.put.1k', puts / 1000, `${count(puts)} PUT requests (s3.putRequestsPerBucket)`),
    usage('s3.get.1k', gets / 1000, `${count(gets)} GET requests (s3.getRequestsPerBucket)`),
  ];
  const filters = props.list('MetricsConfigurations').length;
  if (filters > 0) {
    const perFilter = assumptions['s3.requestMetricsPerFilter'];
    charges.push(
      usage(
        'cloudwatch.custom-metric',
        filters * perFilter,
        `${filters} request-metrics filter${filters === 1 ? '' : 's'} × ${count(perFilter)} metrics (s3.requestMetricsPerFilter)`,
      ),
    );
  }
  const replicationRules = (props.object('ReplicationConfiguration')?.Rules ?? []) as Record<string, unknown>[];
  const replicas = replicationRules.filter((rule) => rule.Status === 'Enabled').length;
  if (replicas > 0) {
    const replicated = assumptions['s3.replicatedGbPerBucket'];
    charges.push(
      usage(
        's3.replication.inter-region.gb',
        replicas * replicated,
        `${count(replicated)} GB of new versions (s3.replicatedGbPerBucket) × ${replicas} replica${replicas === 1 ? '' : 's'}`,
      ),
    );
  }
  const notes: string[] = [];
  if (replicas > 0) notes.push('cross-region replication: the replica bucket (its storage and the replication PUT requests) is priced in the replica stack');
  if (enabled(props.raw('VersioningConfiguration'))) notes.push('versioning: noncurrent versions add storage until the lifecycle rules expire them');
  const rules = props.object('LifecycleConfiguration')?.Rules;
  if (Array.isArray(rules) && rules.some((r) => r.Transitions || r.Transition))
    notes.push('lifecycle transitions are billed per 1,000 objects moved, not priced');
  const encryption = JSON.stringify(props.raw('BucketEncryption') ?? {});
  if (encryption.includes('aws:kms')) notes.push('SSE-KMS: requests are billed on the KMS key (bucket keys reduce them)');
  if (props.raw('LoggingConfiguration')) notes.push('server access logs are stored in the target bucket, priced there');
  return { resource: `S3 bucket ${display(props.raw('BucketName')) || logicalId}`, charges, notes };
};

const distribution: Pricer = ({ props, logicalId, assumptions }) => {
  const config = props.object('DistributionConfig') ?? {};
  const priceClass = typeof config.PriceClass === 'string' ? config.PriceClass : 'PriceClass_All';
  const gb = assumptions['cloudfront.dataOutGb'];
  const requests = assumptions['cloudfront.requests'];
  const notes = ['origin fetches from S3 carry no data-transfer charge; the S3 GET requests are priced on the bucket'];
  if (priceClass !== 'PriceClass_100') notes.push(`${priceClass} also serves from edges outside North America/Europe, at higher rates than priced here`);
  if (config.Logging) notes.push('standard logs are delivered free; they are stored (and priced) in the log bucket');
  if (config.WebACLId) notes.push('the WAF web ACL is priced on its own resource');
  return {
    resource: `CloudFront distribution ${logicalId} (${priceClass})`,
    charges: [
      usage('cloudfront.data-out.na-eu.gb', gb, `${count(gb)} GB to viewers (cloudfront.dataOutGb)`),
      usage('cloudfront.https.10k', requests / 1e4, `${count(requests)} HTTPS requests (cloudfront.requests)`),
    ],
    notes,
  };
};

/** CloudFront's additional metrics (CacheHitRate, OriginLatency, error rates by status) are billed as custom metrics. */
const monitoringSubscription: Pricer = ({ props, logicalId, assumptions }) => {
  const status = props.object('MonitoringSubscription')?.RealtimeMetricsSubscriptionConfig?.RealtimeMetricsSubscriptionStatus;
  const resource = `CloudFront additional metrics ${logicalId}`;
  if (status !== 'Enabled') return { resource, charges: [], free: 'additional metrics are not enabled' };
  const metrics = assumptions['cloudfront.additionalMetricsPerDistribution'];
  return { resource, charges: [fixed('cloudwatch.custom-metric', metrics, `${count(metrics)} metrics (cloudfront.additionalMetricsPerDistribution)`)] };
};

const cloudFrontFunction: Pricer = ({ props, logicalId, assumptions }) => {
  const invocations = assumptions['cloudfront.requests'];
  return {
    resource: `CloudFront function ${display(props.raw('Name')) || logicalId}`,
    charges: [usage('cloudfront.functions.1m', invocations / 1e6, `${count(invocations)} invocations (cloudfront.requests)`)],
  };
};

/**
 * AWS Backup stores RDS snapshots at its own rate (RDS's free backup storage does not cover them). A copy action
 * stores a second set in the destination vault, kept for the copy's own retention (scaled from the source's), and
 * bills the cross-region transfer of what it copies.
 */
const backupPlan: Pricer = ({ props, logicalId, assumptions }) => {
  const gb = assumptions['backup.storageGbPerPlan'];
  const plan = props.object('BackupPlan');
  const name = display(plan?.BackupPlanName) || logicalId;
  const charges = [usage('backup.rds-snapshot.gb-month', gb, `${count(gb)} GB of snapshots (backup.storageGbPerPlan)`)];
  const notes = ['priced as RDS snapshots; AWS Backup does not support ElastiCache'];
  const rules = (Array.isArray(plan?.BackupPlanRule) ? plan.BackupPlanRule : []) as Record<string, any>[];
  for (const rule of rules) {
    const kept = rule.Lifecycle?.DeleteAfterDays;
    for (const copy of (Array.isArray(rule.CopyActions) ? rule.CopyActions : []) as Record<string, any>[]) {
      const copyKept = copy.Lifecycle?.DeleteAfterDays;
      const scale = typeof kept === 'number' && kept > 0 && typeof copyKept === 'number' ? copyKept / kept : 1;
      const keptBasis = scale === 1 ? '' : ` × ${copyKept}/${kept} days kept`;
      const copied = assumptions['backup.copiedGbPerPlan'];
      const arn = display(copy.DestinationBackupVaultArn);
      const parts = /:backup:([a-z0-9-]+):.*:backup-vault:([^:]+)$/.exec(arn);
      const vault = parts ? `${parts[2]} (${parts[1]})` : arn || 'the destination vault';
      charges.push(
        usage('backup.rds-snapshot.gb-month', gb * scale, `${count(gb)} GB of copies (backup.storageGbPerPlan)${keptBasis}, in ${vault}`),
        usage('backup.cross-region-transfer.gb', copied, `${count(copied)} GB copied to the second region (backup.copiedGbPerPlan)`),
      );
      notes.push(`rule ${String(rule.RuleName ?? '')}: copies to ${vault}, priced at this table's rates`);
    }
  }
  return { resource: `AWS Backup plan ${name}`, charges, notes };
};

/** True when a custom resource of the template is served by the function `logicalId`. */
function backsCustomResource(template: CfnTemplate, logicalId: string): boolean {
  return Object.values(template.Resources ?? {}).some(
    (r) => (r.Type.startsWith('Custom::') || r.Type === 'AWS::CloudFormation::CustomResource') && refersTo(r.Properties?.ServiceToken, logicalId),
  );
}

const MINUTES_PER_UNIT: Record<string, number> = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 };

/** Invocations a month of an EventBridge `rate(…)` schedule of this template that targets the function, if any. */
function scheduledInvocations(template: CfnTemplate, logicalId: string, hoursPerMonth: number): { invocations: number; rate: string } | undefined {
  for (const [, rule] of resourcesOfType(template, 'AWS::Events::Rule')) {
    const match = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(String(rule.ScheduleExpression ?? ''));
    const targets: Record<string, unknown>[] = Array.isArray(rule.Targets) ? rule.Targets : [];
    if (match && targets.some((t) => refersTo(t.Arn, logicalId))) {
      return { invocations: Math.round((hoursPerMonth * 60) / (Number(match[1]) * MINUTES_PER_UNIT[match[2]])), rate: `${match[1]} ${match[2]}` };
    }
  }
  return undefined;
}

/**
 * Functions in the template run at the assumed rate, or at their schedule's rate when an EventBridge rule of the
 * template invokes them; CDK's custom-resource handlers run only at deploy time. A function that publishes
 * custom metrics says how many in its `showcore:custom-metrics` metadata: each is billed as a custom metric.
 */
const lambdaFunction: Pricer = ({ props, logicalId, template, assumptions, hoursPerMonth }) => {
  const resource = `Lambda function ${display(props.raw('FunctionName')) || logicalId}`;
  if (backsCustomResource(template, logicalId)) return { resource, charges: [], free: 'a custom-resource handler: it runs only at deploy time' };
  const scheduled = scheduledInvocations(template, logicalId, hoursPerMonth);
  const invocations = scheduled?.invocations ?? assumptions['lambda.invocationsPerFunction'];
  const charges = [
    usage(
      'lambda.requests.1m',
      invocations / 1e6,
      scheduled
        ? `${count(invocations)} invocations (every ${scheduled.rate}, ${hoursPerMonth} h)`
        : `${count(invocations)} invocations (lambda.invocationsPerFunction)`,
    ),
  ];
  const metrics = Number(template.Resources?.[logicalId]?.Metadata?.['showcore:custom-metrics'] ?? 0);
  if (metrics > 0) {
    charges.push(fixed('cloudwatch.custom-metric', metrics, `${metrics} custom metric${metrics === 1 ? '' : 's'} it publishes`));
    charges.push(usage('cloudwatch.put-metric-data.1k', (invocations * metrics) / 1000, `${count(invocations * metrics)} PutMetricData requests`));
  }
  return { resource, charges, notes: ['compute (GB-seconds) at this volume stays inside the always-free 400,000 GB-s'] };
};

export const STORAGE_PRICERS: Record<string, Pricer> = {
  'AWS::S3::Bucket': bucket,
  'AWS::CloudFront::Distribution': distribution,
  'AWS::CloudFront::Function': cloudFrontFunction,
  'AWS::CloudFront::MonitoringSubscription': monitoringSubscription,
  'AWS::Backup::BackupPlan': backupPlan,
  'AWS::Lambda::Function': lambdaFunction,
};

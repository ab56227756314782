import type { PropertyReader } from '../template';
import { count, fixed, usage, type Pricer, type PricerResult } from './types';

/** gp3 includes 3,000 IOPS (12,000 from 400 GB); more is billed separately and not in the table. */
const GP3_BASELINE_IOPS = 3000;

function rdsNotes(props: PropertyReader, storageType: string): string[] {
  const notes: string[] = [];
  const retention = props.number('BackupRetentionPeriod');
  if (retention) notes.push(`automated backups (${retention} days) are free up to the allocated storage`);
  if ((props.number('PerformanceInsightsRetentionPeriod') ?? 7) > 7) notes.push('Performance Insights retention beyond 7 days is billed, not priced here');
  if (storageType === 'gp3' && (props.number('Iops') ?? 0) > GP3_BASELINE_IOPS) notes.push('gp3 IOPS above the baseline are billed, not priced here');
  const ceiling = props.number('MaxAllocatedStorage');
  if (ceiling) notes.push(`storage autoscaling may grow the volume up to ${ceiling} GB, billed per GB-month as it grows (priced here at the allocated size)`);
  return notes;
}

/**
 * RDS instance hours by engine and class; Multi-AZ runs a standby, so hours and storage are doubled and no
 * free-tier allowance covers them (the legacy Free Tier is Single-AZ only).
 */
const rdsInstance: Pricer = ({ props, assumptions, hoursPerMonth }) => {
  const instanceClass = props.string('DBInstanceClass');
  const engine = props.string('Engine');
  const multiAz = props.boolean('MultiAZ') ?? false;
  const storageGb = props.number('AllocatedStorage');
  const storageType = props.string('StorageType') ?? (props.number('Iops') ? 'io1' : 'gp2');
  const resource = `RDS ${engine ?? '?'} ${instanceClass ?? '?'} ${multiAz ? 'Multi-AZ' : 'Single-AZ'}${storageGb ? `, ${storageGb} GB ${storageType}` : ''}`;
  if (!instanceClass || !engine) {
    return { resource, charges: [], unpriced: `${!instanceClass ? 'DBInstanceClass' : 'Engine'} is not in the template (restored from a snapshot?)` };
  }
  const copies = multiAz ? 2 : 1;
  const charges = [
    fixed(
      `rds.${engine}.${instanceClass}.hour`,
      copies * hoursPerMonth,
      multiAz ? `Multi-AZ: 2 instances × ${hoursPerMonth} h` : `${hoursPerMonth} h`,
      !multiAz,
    ),
  ];
  if (storageGb) {
    charges.push(fixed(`rds.storage.${storageType}.gb-month`, copies * storageGb, multiAz ? `${storageGb} GB × 2 (Multi-AZ)` : `${storageGb} GB`, !multiAz));
  }
  // Enhanced Monitoring ships OS metrics to the RDSOSMetrics log group: CloudWatch Logs ingestion, more the
  // shorter the interval. (Multi-AZ monitors the primary only.)
  const interval = props.number('MonitoringInterval') ?? 0;
  if (interval > 0) {
    const gb = (assumptions['rds.enhancedMonitoringGbPerInstance'] * 60) / interval;
    charges.push(
      usage(
        'logs.ingest.standard.gb',
        gb,
        `Enhanced Monitoring every ${interval} s: ${count(gb)} GB to RDSOSMetrics (rds.enhancedMonitoringGbPerInstance × 60 / ${interval})`,
      ),
    );
  }
  // RDS keeps a managed master password in Secrets Manager, billed like any other secret.
  if (props.boolean('ManageMasterUserPassword')) charges.push(fixed('secretsmanager.secret', 1, '1 RDS-managed master-password secret'));
  return { resource, charges, notes: rdsNotes(props, storageType) };
};

/** Node count of a replication group: NumCacheClusters, or node groups × (replicas + 1). */
function replicationGroupNodes(props: PropertyReader): { nodes: number; basis: string; note?: string } {
  const clusters = props.number('NumCacheClusters');
  if (clusters !== undefined) return { nodes: clusters, basis: `${clusters} node${clusters === 1 ? '' : 's'}` };
  const groups = props.number('NumNodeGroups');
  const replicas = props.number('ReplicasPerNodeGroup');
  if (groups !== undefined || replicas !== undefined) {
    const g = groups ?? 1;
    const r = replicas ?? 0;
    return { nodes: g * (r + 1), basis: `${g} shard${g === 1 ? '' : 's'} × (${r} replica${r === 1 ? '' : 's'} + 1)` };
  }
  const configured = props.list('NodeGroupConfiguration');
  if (configured.length > 0) {
    const nodes = configured.reduce((sum, group) => sum + Number(group.ReplicaCount ?? 0) + 1, 0);
    return { nodes, basis: `${nodes} nodes (NodeGroupConfiguration)` };
  }
  return { nodes: 1, basis: '1 node', note: 'no node count in the template: assumed 1 node' };
}

function cacheHours(engine: string, nodeType: string, nodes: number, basis: string, hoursPerMonth: number) {
  return fixed(`elasticache.${engine}.${nodeType}.hour`, nodes * hoursPerMonth, `${basis} × ${hoursPerMonth} h`);
}

const replicationGroup: Pricer = ({ props, assumptions, hoursPerMonth }): PricerResult => {
  const nodeType = props.string('CacheNodeType');
  const engine = (props.string('Engine') ?? 'redis').toLowerCase();
  const { nodes, basis, note } = replicationGroupNodes(props);
  const resource = `ElastiCache ${engine} ${nodeType ?? '?'}, ${basis}`;
  if (!nodeType) return { resource, charges: [], unpriced: 'CacheNodeType is not in the template' };
  const charges = [cacheHours(engine, nodeType, nodes, basis, hoursPerMonth)];
  const retention = props.number('SnapshotRetentionLimit') ?? 0;
  if (retention > 1) {
    const gb = assumptions['elasticache.snapshotGb'];
    charges.push(
      usage('elasticache.snapshot.gb-month', (retention - 1) * gb, `${retention - 1} snapshots beyond the free one × ${count(gb)} GB (elasticache.snapshotGb)`),
    );
  }
  return { resource, charges, notes: note ? [note] : [] };
};

const cacheCluster: Pricer = ({ props, hoursPerMonth }) => {
  const nodeType = props.string('CacheNodeType');
  const engine = (props.string('Engine') ?? 'redis').toLowerCase();
  const nodes = props.number('NumCacheNodes') ?? 1;
  const basis = `${nodes} node${nodes === 1 ? '' : 's'}`;
  const resource = `ElastiCache ${engine} ${nodeType ?? '?'}, ${basis}`;
  if (!nodeType) return { resource, charges: [], unpriced: 'CacheNodeType is not in the template' };
  return { resource, charges: [cacheHours(engine, nodeType, nodes, basis, hoursPerMonth)] };
};

export const DATABASE_PRICERS: Record<string, Pricer> = {
  'AWS::RDS::DBInstance': rdsInstance,
  'AWS::ElastiCache::ReplicationGroup': replicationGroup,
  'AWS::ElastiCache::CacheCluster': cacheCluster,
};

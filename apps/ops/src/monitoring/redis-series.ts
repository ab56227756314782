import { input, type MathSpec, type MetricSpec, type SeriesSpec } from './metric-spec';

/**
 * Redis node metrics across every node of the replication group. ElastiCache publishes host and engine metrics
 * per cache cluster (`<group>-001`, `-002`, …), and a failover makes another node the primary: a series pinned
 * to `-001` would then watch a replica. With one node the series is that node's plain metric; with more, metric
 * math combines the nodes, so the alarm follows the primary wherever it is. The node count comes from the
 * configuration (`monitoredResources.redisNodes`), never from a guess.
 */

/** `<group>-001` … `<group>-00N`: ElastiCache numbers the member clusters of a group from 001. */
export function redisNodeSuffixes(nodes: number): string[] {
  return Array.from({ length: nodes }, (_node, i) => `-${String(i + 1).padStart(3, '0')}`);
}

/** One node's metric. */
export function redisNodeMetric(metricName: string, statistic: string, suffix: string, label?: string): MetricSpec {
  return {
    namespace: 'AWS/ElastiCache',
    metricName,
    dimensions: { CacheClusterId: input('redisReplicationGroupId', suffix) },
    statistic,
    ...(label ? { label } : {}),
  };
}

/** Metric-math ids: `<prefix>1`, `<prefix>2`, … for the nodes. */
function perNode(prefix: string, metricName: string, statistic: string, nodes: number): Record<string, MetricSpec> {
  return Object.fromEntries(redisNodeSuffixes(nodes).map((suffix, i) => [`${prefix}${i + 1}`, redisNodeMetric(metricName, statistic, suffix)]));
}

/**
 * The worst (`MAX`) or the total (`SUM`) of one metric over every node; the node's plain metric when there is one.
 * MAX for utilisation (the busiest node is the one that hurts), SUM for counts.
 */
export function acrossRedisNodes(metricName: string, statistic: string, nodes: number, combine: 'MAX' | 'SUM', label: string): SeriesSpec {
  if (nodes === 1) return redisNodeMetric(metricName, statistic, redisNodeSuffixes(1)[0]);
  const metrics = perNode('node', metricName, statistic, nodes);
  return { expression: `${combine}([${Object.keys(metrics).join(', ')}])`, metrics, label };
}

/**
 * Hit rate of the whole group in %: hits over hits + misses summed across the nodes (reads served by a replica
 * count too). FILL(…, 0) keeps a node without reads from blanking the sum.
 */
export function redisGroupHitRate(nodes: number): MathSpec {
  const label = 'Redis cache hit rate (%)';
  if (nodes === 1) {
    const [suffix] = redisNodeSuffixes(1);
    return {
      expression: '100 * cacheHits / (cacheHits + cacheMisses)',
      metrics: { cacheHits: redisNodeMetric('CacheHits', 'Sum', suffix), cacheMisses: redisNodeMetric('CacheMisses', 'Sum', suffix) },
      label,
    };
  }
  const hits = perNode('cacheHits', 'CacheHits', 'Sum', nodes);
  const misses = perNode('cacheMisses', 'CacheMisses', 'Sum', nodes);
  const sum = (ids: string[]) => `(${ids.map((id) => `FILL(${id}, 0)`).join(' + ')})`;
  const allHits = sum(Object.keys(hits));
  return { expression: `100 * ${allHits} / (${allHits} + ${sum(Object.keys(misses))})`, metrics: { ...hits, ...misses }, label };
}

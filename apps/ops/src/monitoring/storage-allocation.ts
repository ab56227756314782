import { input, type MetricSpec } from './metric-spec';

/**
 * RDS publishes `FreeStorageSpace` but no metric of the allocated storage, and storage autoscaling grows the
 * allocation without any deploy. The ops tier measures it itself (constructs/storage-allocation-metric.ts) into
 * this namespace, so the free-storage alarm divides by what is allocated now.
 */
export const STORAGE_ALLOCATION_NAMESPACE = 'ShowCore/RDS';
export const STORAGE_ALLOCATION_METRIC = 'AllocatedStorage';
/** How often the allocation is measured: the storage alarm's period, so every period has a datapoint. */
export const STORAGE_ALLOCATION_RATE_MINUTES = 5;

/** The measured allocation of the data tier's instance, in GB. */
export const allocatedStorageGb: MetricSpec = {
  namespace: STORAGE_ALLOCATION_NAMESPACE,
  metricName: STORAGE_ALLOCATION_METRIC,
  dimensions: { DBInstanceIdentifier: input('dbInstanceId') },
  statistic: 'Maximum',
};

import { ACTIVATION_FIX } from './cost-tags';
import type { EnvironmentStatus, Verdict } from './model';

const HOUR = 3600 * 1000;

export function ageHours(date: Date, now: Date): number {
  return (now.getTime() - date.getTime()) / HOUR;
}

/**
 * healthy: no alarm in ALARM, nothing missing, backups fresh. degraded: something needs attention but the data is
 * protected (an alarm firing, alarms missing, a failed job with a fresh recovery point). failing: a backup that
 * should exist is missing or stale. unknown: nothing above, but the cost allocation tags could not be checked (the
 * one part that could still have made it degraded).
 */
export function judge(status: EnvironmentStatus): { verdict: Verdict; reasons: string[] } {
  const failing: string[] = [];
  const degraded: string[] = [];
  const now = status.checkedAt;
  const t = status.thresholds;

  const backup = status.backup.emulated !== false;
  if (backup && !status.backup.vaultFound) failing.push(`backup vault ${status.backup.vaultName} not found`);
  if (backup && !status.backup.planFound) failing.push(`backup plan ${status.backup.planName} not found`);
  const point = status.backup.latestRdsRecoveryPoint;
  if (!point) {
    if (backup) failing.push('no completed RDS recovery point');
  } else if (ageHours(point.completedAt, now) > t.recoveryPointMaxAgeHours) {
    failing.push(`newest RDS recovery point is ${ageHours(point.completedAt, now).toFixed(1)} h old (limit ${t.recoveryPointMaxAgeHours} h)`);
  }
  if (status.elastiCache) {
    const snapshot = status.elastiCache.newestSnapshot;
    if (!snapshot) failing.push(`no ElastiCache snapshot of ${status.elastiCache.replicationGroupId}`);
    else if (ageHours(snapshot.createdAt, now) > t.cacheSnapshotMaxAgeHours) {
      failing.push(`newest ElastiCache snapshot is ${ageHours(snapshot.createdAt, now).toFixed(1)} h old (limit ${t.cacheSnapshotMaxAgeHours} h)`);
    }
  }
  if (status.backup.failedJobs.length > 0) {
    degraded.push(`${status.backup.failedJobs.length} failed/aborted backup job(s) in the last ${t.failedJobsLookbackDays} days`);
  }
  const firing = status.alarms.filter((a) => a.state === 'ALARM');
  if (firing.length > 0) degraded.push(`${firing.length} alarm(s) in ALARM: ${firing.map((a) => a.name).join(', ')}`);
  if (status.missingAlarms.length > 0)
    degraded.push(`${status.missingAlarms.length} alarm(s) defined in code but missing in the account: ${status.missingAlarms.join(', ')}`);
  const costTags = status.costAllocationTags;
  const inactive = costTags?.check === 'checked' ? costTags.tags.filter((t) => t.state === 'inactive').map((t) => t.key) : [];
  if (inactive.length > 0) degraded.push(`${inactive.length} cost allocation tag(s) inactive: ${inactive.join(', ')} — ${ACTIVATION_FIX}`);
  const unchecked = costTags?.check === 'could-not-check' ? [`cost allocation tags not checked: ${costTags.reason}`] : [];

  if (failing.length > 0) return { verdict: 'failing', reasons: [...failing, ...degraded, ...unchecked] };
  if (degraded.length > 0) return { verdict: 'degraded', reasons: [...degraded, ...unchecked] };
  if (unchecked.length > 0) return { verdict: 'unknown', reasons: ['alarms and backups healthy', ...unchecked] };
  const notSeen = costTags?.check === 'checked' ? costTags.tags.filter((t) => t.state === 'not-seen').map((t) => t.key) : [];
  const notes = notSeen.length > 0 ? [`cost allocation tag(s) not yet seen by Billing (reported, not judged): ${notSeen.join(', ')}`] : [];
  const notEmulated = (status.notEmulated?.length ?? 0) + (costTags?.check === 'not-emulated' ? 1 : 0);
  if (notEmulated > 0) {
    return { verdict: 'healthy', reasons: [`every emulated part healthy; ${notEmulated} part(s) not emulated locally (listed, not judged)`, ...notes] };
  }
  return {
    verdict: 'healthy',
    reasons: [
      `every alarm OK or INSUFFICIENT_DATA, backups fresh${costTags?.check === 'checked' && notSeen.length === 0 ? ', cost allocation tags active' : ''}`,
      ...notes,
    ],
  };
}

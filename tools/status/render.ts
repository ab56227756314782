import { describeTag } from './cost-tags';
import type { EnvironmentStatus, Verdict } from './model';
import { ageHours } from './verdict';

const COLORS = { red: '\u001b[31m', yellow: '\u001b[33m', green: '\u001b[32m', reset: '\u001b[0m' };

function ago(date: Date | undefined, now: Date): string {
  if (!date) return '—';
  const hours = ageHours(date, now);
  return hours < 1 ? `${Math.round(hours * 60)} min ago` : hours < 48 ? `${hours.toFixed(1)} h ago` : `${(hours / 24).toFixed(1)} days ago`;
}

/** The table for people; colour only when `color` (a TTY). */
export function renderTable(status: EnvironmentStatus, verdict: { verdict: Verdict; reasons: string[] }, color: boolean): string {
  const paint = (text: string, c: keyof typeof COLORS) => (color ? `${COLORS[c]}${text}${COLORS.reset}` : text);
  const stateColor = (s: string) => (s === 'ALARM' ? 'red' : s === 'OK' ? 'green' : 'yellow') as keyof typeof COLORS;
  const now = status.checkedAt;
  const width = Math.max(20, ...status.alarms.map((a) => a.name.length));
  const backupEmulated = status.backup.emulated !== false;
  const found = (yes: boolean) => (yes ? 'found' : backupEmulated ? paint('NOT FOUND', 'red') : 'not emulated locally');
  const notEmulated = status.notEmulated ?? [];
  const placeholder = (suffix: string) => notEmulated.some((n) => n.name.endsWith(suffix));
  const lines = [
    `ShowCore ${status.environment} — status at ${now.toISOString()}`,
    '',
    `Alarms (${status.alarms.length}; ${status.missingAlarms.length} defined in code but missing):`,
    ...status.alarms.map(
      (a) => `  ${paint(a.state.padEnd(17), stateColor(a.state))} ${a.name.padEnd(width)}  ${ago(a.changedAt, now).padEnd(14)} ${a.reason.slice(0, 100)}`,
    ),
    ...status.missingAlarms.map((name) => `  ${paint('MISSING'.padEnd(17), 'red')} ${name}`),
    '',
    'AWS Backup:',
    `  vault ${status.backup.vaultName}: ${found(status.backup.vaultFound)}`,
    `  plan ${status.backup.planName}: ${found(status.backup.planFound)}`,
    `  newest RDS recovery point: ${status.backup.latestRdsRecoveryPoint ? `${status.backup.latestRdsRecoveryPoint.completedAt.toISOString()} (${ago(status.backup.latestRdsRecoveryPoint.completedAt, now)})` : backupEmulated ? paint('none', 'red') : 'not emulated locally'}`,
    `  failed/aborted/expired jobs in the last ${status.thresholds.failedJobsLookbackDays} days: ${status.backup.failedJobs.length}`,
    ...status.backup.failedJobs.map((j) => `    ${j.state} ${j.id} ${j.resourceArn ?? ''} ${j.message ?? ''}`.trimEnd()),
    '',
    `RDS ${status.rds?.id ?? (placeholder('/db-instance-id') ? '(not emulated locally)' : '(no instance published)')}: backup window ${status.rds?.backupWindow ?? '—'}, latest restorable time ${status.rds?.latestRestorableTime?.toISOString() ?? '—'}`,
    `ElastiCache ${status.elastiCache?.replicationGroupId ?? (placeholder('/redis-replication-group-id') ? '(not emulated locally)' : '(no replication group published)')}: newest snapshot ${status.elastiCache?.newestSnapshot ? `${status.elastiCache.newestSnapshot.name} (${ago(status.elastiCache.newestSnapshot.createdAt, now)})` : '—'}`,
    '',
    ...costTagLines(status, paint),
    ...(notEmulated.length
      ? [
          `Not emulated locally (${notEmulated.length}; reported, not judged):`,
          ...notEmulated.map((n) => `  ${'NOT EMULATED'.padEnd(17)} ${n.name}  ${n.reason}`),
          '',
        ]
      : []),
    `Thresholds: recovery point < ${status.thresholds.recoveryPointMaxAgeHours} h, cache snapshot < ${status.thresholds.cacheSnapshotMaxAgeHours} h (from ${status.thresholdsSource})`,
    '',
    `Verdict: ${paint(verdict.verdict.toUpperCase(), verdict.verdict === 'healthy' ? 'green' : verdict.verdict === 'failing' ? 'red' : 'yellow')} — ${verdict.reasons.join('; ')}`,
  ];
  return lines.join('\n');
}

function costTagLines(status: EnvironmentStatus, paint: (text: string, c: keyof typeof COLORS) => string): string[] {
  const costTags = status.costAllocationTags;
  if (!costTags) return [];
  const heading = 'Cost allocation tags (Cost Explorer, us-east-1):';
  if (costTags.check === 'not-emulated') return [heading, `  ${costTags.reason}`, ''];
  if (costTags.check === 'could-not-check') return [heading, `  ${paint('COULD NOT CHECK', 'yellow')} ${costTags.reason}`, ''];
  const width = Math.max(...costTags.tags.map((t) => t.key.length));
  const color = (state: string) => (state === 'active' ? 'green' : 'yellow') as keyof typeof COLORS;
  return [heading, ...costTags.tags.map((t) => `  ${t.key.padEnd(width)}  ${paint(describeTag(t), color(t.state))}`), ''];
}

export function renderJson(status: EnvironmentStatus, verdict: { verdict: Verdict; reasons: string[] }): string {
  return JSON.stringify({ ...status, verdict: verdict.verdict, reasons: verdict.reasons }, null, 2);
}

/**
 * UTC time windows as RDS, ElastiCache and AWS Backup take them, in minutes: a daily window `hh:mm-hh:mm` (backups,
 * snapshots), a weekly one `ddd:hh:mm-ddd:hh:mm` (maintenance) and a daily `hh:mm` start (a backup schedule).
 * Windows may wrap past midnight or the end of the week. Shared by the tiers that must keep such windows apart.
 */
export const MINUTES_PER_DAY = 24 * 60;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAILY = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;
const WEEKLY = /^(sun|mon|tue|wed|thu|fri|sat):([01]\d|2[0-3]):([0-5]\d)-(sun|mon|tue|wed|thu|fri|sat):([01]\d|2[0-3]):([0-5]\d)$/;

/** A window: its start (minutes from 00:00, or from Sunday 00:00 for a weekly one) and its length. */
export interface TimeWindow {
  readonly start: number;
  readonly minutes: number;
}

/** Minutes after 00:00 of an `hh:mm` time, or undefined when the text is not one. */
export function parseClock(text: string): number | undefined {
  const match = CLOCK.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** A daily `hh:mm-hh:mm` window, or undefined when the text is not one. */
export function parseDailyWindow(text: string): TimeWindow | undefined {
  const match = DAILY.exec(text);
  if (!match) return undefined;
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = Number(match[3]) * 60 + Number(match[4]);
  return { start, minutes: (end - start + MINUTES_PER_DAY) % MINUTES_PER_DAY };
}

/** A weekly `ddd:hh:mm-ddd:hh:mm` window (lowercase day names), or undefined when the text is not one. */
export function parseWeeklyWindow(text: string): TimeWindow | undefined {
  const match = WEEKLY.exec(text);
  if (!match) return undefined;
  const at = (day: string, hours: string, minutes: string): number =>
    DAYS.indexOf(day as (typeof DAYS)[number]) * MINUTES_PER_DAY + Number(hours) * 60 + Number(minutes);
  const start = at(match[1], match[2], match[3]);
  return { start, minutes: (at(match[4], match[5], match[6]) - start + MINUTES_PER_WEEK) % MINUTES_PER_WEEK };
}

/** Half-open intervals on a circle of `period` minutes intersect (either may wrap past the end of the circle). */
function intersects(a: TimeWindow, b: TimeWindow, period: number): boolean {
  return [-period, 0, period].some((shift) => a.start < b.start + shift + b.minutes && b.start + shift < a.start + a.minutes);
}

/** True when two daily windows overlap (on the day's circle, so 23:30-00:30 overlaps 00:00-01:00). */
export function dailyWindowsOverlap(a: TimeWindow, b: TimeWindow): boolean {
  return intersects(a, b, MINUTES_PER_DAY);
}

/** True when a daily window, repeated on each of the seven days, overlaps a weekly window. */
export function dailyOverlapsWeekly(daily: TimeWindow, weekly: TimeWindow): boolean {
  return DAYS.some((_day, index) => intersects({ start: index * MINUTES_PER_DAY + daily.start, minutes: daily.minutes }, weekly, MINUTES_PER_WEEK));
}

/** `hh:mm` of a minute of the day. */
export function formatClock(minutes: number): string {
  const m = ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** A daily window as `hh:mm-hh:mm`. */
export function formatDailyWindow(window: TimeWindow): string {
  return `${formatClock(window.start)}-${formatClock(window.start + window.minutes)}`;
}

/** A weekly window as `ddd:hh:mm-ddd:hh:mm`. */
export function formatWeeklyWindow(window: TimeWindow): string {
  const at = (minutes: number): string => {
    const m = ((minutes % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
    return `${DAYS[Math.floor(m / MINUTES_PER_DAY)]}:${formatClock(m)}`;
  };
  return `${at(window.start)}-${at(window.start + window.minutes)}`;
}

/**
 * The time windows RDS and ElastiCache accept, as minutes: a daily window `hh:mm-hh:mm` (backups, snapshots)
 * and a weekly one `ddd:hh:mm-ddd:hh:mm` (maintenance), both UTC. Windows may wrap past midnight / the week's end.
 */
const DAY = 24 * 60;
const WEEK = 7 * DAY;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const DAILY = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;
const WEEKLY = /^(sun|mon|tue|wed|thu|fri|sat):([01]\d|2[0-3]):([0-5]\d)-(sun|mon|tue|wed|thu|fri|sat):([01]\d|2[0-3]):([0-5]\d)$/;

/** A window as its start (minutes from Sunday 00:00 UTC, or from 00:00 for a daily one) and its length. */
export interface Window {
  readonly start: number;
  readonly minutes: number;
}

/** A daily `hh:mm-hh:mm` window, or undefined when the text is not one. */
export function parseDailyWindow(text: string): Window | undefined {
  const match = DAILY.exec(text);
  if (!match) return undefined;
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = Number(match[3]) * 60 + Number(match[4]);
  return { start, minutes: (end - start + DAY) % DAY };
}

/** A weekly `ddd:hh:mm-ddd:hh:mm` window (lowercase day names), or undefined when the text is not one. */
export function parseWeeklyWindow(text: string): Window | undefined {
  const match = WEEKLY.exec(text);
  if (!match) return undefined;
  const at = (day: string, hours: string, minutes: string): number =>
    DAYS.indexOf(day as (typeof DAYS)[number]) * DAY + Number(hours) * 60 + Number(minutes);
  const start = at(match[1], match[2], match[3]);
  const end = at(match[4], match[5], match[6]);
  return { start, minutes: (end - start + WEEK) % WEEK };
}

/** Half-open intervals on the week's circle intersect (each may wrap past the end of the week). */
function intersects(a: Window, b: Window): boolean {
  for (const shift of [-WEEK, 0, WEEK]) {
    const bStart = b.start + shift;
    if (a.start < bStart + b.minutes && bStart < a.start + a.minutes) return true;
  }
  return false;
}

/** True when a daily window, repeated on each of the seven days, overlaps a weekly window. */
export function dailyOverlapsWeekly(daily: Window, weekly: Window): boolean {
  return DAYS.some((_day, index) => intersects({ start: index * DAY + daily.start, minutes: daily.minutes }, weekly));
}

/** A daily window as `hh:mm-hh:mm` (for test data and messages). */
export function formatDailyWindow(window: Window): string {
  const clock = (minutes: number): string => {
    const m = ((minutes % DAY) + DAY) % DAY;
    return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  };
  return `${clock(window.start)}-${clock(window.start + window.minutes)}`;
}

/** A weekly window as `ddd:hh:mm-ddd:hh:mm`. */
export function formatWeeklyWindow(window: Window): string {
  const at = (minutes: number): string => {
    const m = ((minutes % WEEK) + WEEK) % WEEK;
    const day = DAYS[Math.floor(m / DAY)];
    return `${day}:${formatDailyWindow({ start: m % DAY, minutes: 0 }).slice(0, 5)}`;
  };
  return `${at(window.start)}-${at(window.start + window.minutes)}`;
}

export const MINUTES_PER_DAY = DAY;
export const MINUTES_PER_WEEK = WEEK;

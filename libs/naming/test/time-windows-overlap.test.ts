import fc from 'fast-check';
import {
  dailyOverlapsWeekly,
  formatDailyWindow,
  formatWeeklyWindow,
  MINUTES_PER_DAY,
  MINUTES_PER_WEEK,
  parseDailyWindow,
  parseWeeklyWindow,
  type TimeWindow as Window,
} from '../src/time-windows';

/** The obvious, slow answer: is any minute of the week inside both windows? */
function overlapsByMinute(daily: Window, weekly: Window): boolean {
  const inWeekly = new Set<number>();
  for (let m = 0; m < weekly.minutes; m++) inWeekly.add((weekly.start + m) % MINUTES_PER_WEEK);
  for (let day = 0; day < 7; day++) {
    for (let m = 0; m < daily.minutes; m++) {
      if (inWeekly.has((day * MINUTES_PER_DAY + daily.start + m) % MINUTES_PER_WEEK)) return true;
    }
  }
  return false;
}

describe('maintenance and backup windows', () => {
  it.each([
    ['03:00-04:00', { start: 180, minutes: 60 }],
    ['23:30-00:30', { start: 1410, minutes: 60 }],
    ['3:00-04:00', undefined],
    ['03:00-24:00', undefined],
  ])('parses the daily window %s', (text, expected) => {
    expect(parseDailyWindow(text)).toEqual(expected);
  });

  it.each([
    ['sun:04:00-sun:05:00', { start: 240, minutes: 60 }],
    ['sat:23:30-sun:00:30', { start: 6 * MINUTES_PER_DAY + 1410, minutes: 60 }],
    ['Sun:04:00-Sun:05:00', undefined],
    ['sun:04:00', undefined],
  ])('parses the weekly window %s', (text, expected) => {
    expect(parseWeeklyWindow(text)).toEqual(expected);
  });

  it.each([
    ['03:00-04:00', 'sun:04:00-sun:05:00', false],
    ['03:00-04:00', 'sun:03:59-sun:05:00', true],
    ['03:00-04:00', 'wed:02:00-wed:03:00', false],
    ['23:30-00:30', 'sun:00:00-sun:01:00', true],
    ['01:00-02:00', 'sat:23:30-sun:01:30', true],
  ])('backups %s and maintenance %s overlap: %s', (daily, weekly, expected) => {
    expect(dailyOverlapsWeekly(parseDailyWindow(daily) as Window, parseWeeklyWindow(weekly) as Window)).toBe(expected);
  });

  it('agrees with a minute-by-minute check for any pair of windows', () => {
    const daily = fc.record({ start: fc.integer({ min: 0, max: MINUTES_PER_DAY - 1 }), minutes: fc.integer({ min: 30, max: 300 }) });
    const weekly = fc.record({ start: fc.integer({ min: 0, max: MINUTES_PER_WEEK - 1 }), minutes: fc.integer({ min: 30, max: MINUTES_PER_DAY }) });
    fc.assert(
      fc.property(daily, weekly, (d, w) => {
        // Round-trip through the text forms the configuration uses.
        const parsedDaily = parseDailyWindow(formatDailyWindow(d)) as Window;
        const parsedWeekly = parseWeeklyWindow(formatWeeklyWindow(w)) as Window;
        expect(parsedDaily).toEqual(d);
        expect(parsedWeekly).toEqual(w);
        expect(dailyOverlapsWeekly(parsedDaily, parsedWeekly)).toBe(overlapsByMinute(d, w));
      }),
      { numRuns: 300 },
    );
  });
});

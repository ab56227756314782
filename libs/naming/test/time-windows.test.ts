import fc from 'fast-check';
import {
  dailyOverlapsWeekly,
  dailyWindowsOverlap,
  formatDailyWindow,
  formatWeeklyWindow,
  MINUTES_PER_DAY,
  MINUTES_PER_WEEK,
  parseClock,
  parseDailyWindow,
  parseWeeklyWindow,
} from '../src/time-windows';

/** Parses a window the test knows is well formed, failing loudly otherwise. */
function daily(text: string) {
  const window = parseDailyWindow(text);
  if (!window) throw new Error(`not a daily window: ${text}`);
  return window;
}

function weekly(text: string) {
  const window = parseWeeklyWindow(text);
  if (!window) throw new Error(`not a weekly window: ${text}`);
  return window;
}

describe('time windows', () => {
  it('parse the spec windows', () => {
    expect(parseDailyWindow('03:00-04:00')).toEqual({ start: 180, minutes: 60 });
    expect(parseWeeklyWindow('sun:04:00-sun:05:00')).toEqual({ start: 240, minutes: 60 });
    expect(parseClock('06:00')).toBe(360);
  });

  it.each(['3:00-4:00', '03:00-24:00', 'mon:03:00', '', 'sun:04:00-xyz:05:00'])('reject %j', (text) => {
    expect(parseDailyWindow(text) ?? parseWeeklyWindow(text)).toBeUndefined();
  });

  it('see the spec backup window and Sunday maintenance window as touching, not overlapping', () => {
    expect(dailyOverlapsWeekly(daily('03:00-04:00'), weekly('sun:04:00-sun:05:00'))).toBe(false);
    expect(dailyOverlapsWeekly(daily('03:30-04:30'), weekly('sun:04:00-sun:05:00'))).toBe(true);
  });

  it('handle windows that wrap past midnight and the end of the week', () => {
    expect(dailyWindowsOverlap(daily('23:30-00:30'), daily('00:00-01:00'))).toBe(true);
    expect(dailyOverlapsWeekly(daily('23:30-00:30'), weekly('sat:23:45-sun:00:15'))).toBe(true);
  });

  it('agree with a minute-by-minute check for every pair of daily and weekly windows', () => {
    const window = (period: number) => fc.record({ start: fc.integer({ min: 0, max: period - 1 }), minutes: fc.integer({ min: 1, max: 180 }) });
    fc.assert(
      fc.property(window(MINUTES_PER_DAY), window(MINUTES_PER_WEEK), (daily, weekly) => {
        const inWeekly = (m: number) => (m - weekly.start + MINUTES_PER_WEEK) % MINUTES_PER_WEEK < weekly.minutes;
        let overlap = false;
        for (let day = 0; day < 7 && !overlap; day++) {
          for (let i = 0; i < daily.minutes && !overlap; i++) overlap = inWeekly((day * MINUTES_PER_DAY + daily.start + i) % MINUTES_PER_WEEK);
        }
        expect(dailyOverlapsWeekly(daily, weekly)).toBe(overlap);
      }),
      { numRuns: 200 },
    );
  });

  it('format what they parse', () => {
    fc.assert(fc.property(fc.constantFrom('03:00-04:00', '23:30-00:30', '00:00-00:01'), (text) => expect(formatDailyWindow(daily(text))).toBe(text)));
    expect(formatWeeklyWindow(weekly('sat:23:45-sun:00:15'))).toBe('sat:23:45-sun:00:15');
  });
});

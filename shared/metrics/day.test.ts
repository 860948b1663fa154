import { describe, expect, it } from 'vitest';
import { startOfDay, startOfNextDay } from './day';

describe('startOfDay', () => {
  it('finds local midnight east of UTC (Asia/Shanghai, UTC+8)', () => {
    // 2026-03-10 07:30 in Shanghai is 2026-03-09 23:30 UTC: the local day began 2026-03-09 16:00 UTC.
    const at = Date.UTC(2026, 2, 9, 23, 30);
    expect(new Date(startOfDay(at, 'Asia/Shanghai')).toISOString()).toBe('2026-03-09T16:00:00.000Z');
    expect(new Date(startOfNextDay(startOfDay(at, 'Asia/Shanghai'), 'Asia/Shanghai')).toISOString()).toBe(
      '2026-03-10T16:00:00.000Z',
    );
  });

  it('is the instant itself at midnight, and the previous day one millisecond before', () => {
    const midnight = Date.UTC(2026, 2, 9, 16);
    expect(startOfDay(midnight, 'Asia/Shanghai')).toBe(midnight);
    expect(startOfDay(midnight - 1, 'Asia/Shanghai')).toBe(midnight - 86_400_000);
  });

  it('handles the 23-hour and 25-hour days of daylight saving time (America/New_York)', () => {
    const spring = Date.UTC(2026, 2, 8, 18); // 2026-03-08, clocks go forward at 02:00
    const start = startOfDay(spring, 'America/New_York');
    expect(new Date(start).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfNextDay(start, 'America/New_York') - start).toBe(23 * 3_600_000);
    const autumn = Date.UTC(2026, 10, 1, 18); // 2026-11-01, clocks go back at 02:00
    const fall = startOfDay(autumn, 'America/New_York');
    expect(new Date(fall).toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfNextDay(fall, 'America/New_York') - fall).toBe(25 * 3_600_000);
  });

  it('works in UTC', () => {
    expect(startOfDay(Date.UTC(2026, 0, 1, 12, 34, 56, 789), 'UTC')).toBe(Date.UTC(2026, 0, 1));
  });
});

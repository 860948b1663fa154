import type { BusinessHours } from './types';

/**
 * Whether a queue is open at `at`, in the queue's own time zone. A day whose open and
 * close times are equal is open around the clock; a null day is closed; a close earlier
 * than the open runs past midnight (22:00–06:00).
 */
export function isOpen(hours: BusinessHours, at: number): boolean {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: hours.timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  const minutes = Number(get('hour')) * 60 + Number(get('minute'));
  const toMinutes = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  const today = hours.days[weekday];
  const yesterday = hours.days[(weekday + 6) % 7];
  if (today) {
    const open = toMinutes(today.open);
    const close = toMinutes(today.close);
    if (open === close) return true;
    if (open < close ? minutes >= open && minutes < close : minutes >= open) return true;
  }
  // Yesterday's overnight opening still running this morning.
  if (yesterday) {
    const open = toMinutes(yesterday.open);
    const close = toMinutes(yesterday.close);
    if (close < open && minutes < close) return true;
  }
  return false;
}

/** Around the clock, every day: the embedded default until a center sets its own hours. */
export function allDayHours(timeZone: string): BusinessHours {
  return { timeZone, days: Array.from({ length: 7 }, () => ({ open: '00:00', close: '00:00' })) };
}

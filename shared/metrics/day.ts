/**
 * Local midnight in a time zone, with Intl only (no time-zone database of our own).
 * Days are 23, 24 or 25 hours long where daylight saving time changes.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(at: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** How far the zone's wall clock is ahead of UTC at `at`, in ms (whole seconds). */
function offsetAt(at: number, timeZone: string): number {
  const c = wallClock(at, timeZone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The first instant of the local day that contains `at`. */
export function startOfDay(at: number, timeZone: string): number {
  const c = wallClock(at, timeZone);
  const utcMidnight = Date.UTC(c.year, c.month - 1, c.day);
  // Two rounds settle the offset even when it changes between midnight and `at`.
  let guess = utcMidnight - offsetAt(at, timeZone);
  guess = utcMidnight - offsetAt(guess, timeZone);
  // Where midnight itself does not exist (clocks jump 00:00 → 01:00), the day starts at the jump.
  const g = wallClock(guess, timeZone);
  if (g.day !== c.day) guess += 3_600_000;
  return guess > at ? guess - 86_400_000 : guess;
}

/** The first instant of the next local day. */
export function startOfNextDay(dayStart: number, timeZone: string): number {
  return startOfDay(dayStart + 26 * 3_600_000, timeZone);
}

/** Whether the zone is one Intl knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Locale-aware formatting through Intl, shared by the renderer and the CLI so a
 * number or time reads the same everywhere. Formatters are cached per locale:
 * constructing Intl objects is the expensive part and timers format every second.
 */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key);
  if (formatter === undefined) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter as T;
}

export function formatNumber(locale: string, value: number, maximumFractionDigits = 0): string {
  return cached(
    `n|${locale}|${maximumFractionDigits}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits }),
  ).format(value);
}

/** `ratio` is 0..1; prints e.g. "87 %" or "87%" as the locale writes it. */
export function formatPercent(locale: string, ratio: number, maximumFractionDigits = 0): string {
  return cached(
    `p|${locale}|${maximumFractionDigits}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits }),
  ).format(ratio);
}

export function formatDateTime(locale: string, date: Date | number, timeZone?: string): string {
  return cached(
    `dt|${locale}|${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', ...(timeZone ? { timeZone } : {}) }),
  ).format(date);
}

export function formatTime(locale: string, date: Date | number, timeZone?: string): string {
  return cached(
    `t|${locale}|${timeZone ?? ''}`,
    () => new Intl.DateTimeFormat(locale, { timeStyle: 'medium', ...(timeZone ? { timeZone } : {}) }),
  ).format(date);
}

/**
 * A timer reading: "0:07", "12:34", "1:02:03". Clock digits read the same in all
 * shipped locales, and agents compare them at a glance, so no unit words here.
 * Negative input (clock skew) shows as 0:00.
 */
export function formatTimer(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const ss = String(s).padStart(2, '0');
  if (h > 0) return `${h}:${String(m).padStart(2, '0')}:${ss}`;
  return `${m}:${ss}`;
}

/** Bytes as "1.4 MB" in the locale's digits; for file sizes and progress. */
export function formatBytes(locale: string, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return cached(
    `b|${locale}|${unit}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: units[unit] ?? 'byte',
        unitDisplay: 'short',
        maximumFractionDigits: unit === 0 ? 0 : 1,
      }),
  ).format(value);
}

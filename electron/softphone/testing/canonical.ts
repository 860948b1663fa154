/**
 * A value as text that tells apart everything a parser's result may differ in:
 * classes (by constructor name), own keys in their order, undefined, NaN and
 * nested arrays. Vitest's equality ignores key order and undefined properties.
 */
export function canonical(value: unknown, seen = new Set<unknown>()): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `${value}`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return `function ${value.name}`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (seen.has(value)) return '<cycle>';
  seen.add(value);
  try {
    if (Array.isArray(value)) return `[${value.map((v) => canonical(v, seen)).join(',')}]`;
    const proto: unknown = Object.getPrototypeOf(value);
    const name = proto === null ? 'null' : ((proto as { constructor?: { name?: string } }).constructor?.name ?? '?');
    const entries = Object.keys(value).map((k) => `${k}:${canonical((value as Record<string, unknown>)[k], seen)}`);
    return `${name}{${entries.join(',')}}`;
  } finally {
    seen.delete(value);
  }
}

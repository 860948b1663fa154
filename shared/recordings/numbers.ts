/**
 * Phone numbers for suffix search. A number is stored as written (for display) and as its
 * digits reversed in an indexed column, so "the last four digits" is an index range on the
 * reversed column (`rev >= '4321' AND rev < '4321' || U+FFFF`) instead of a LIKE '%1234' scan.
 * VoIPmonitor indexes numbers the same way.
 */

/** The digits of a number, in order: "+86 (138) 0013-8000" → "8613800138000". */
export function numberDigits(number: string | null | undefined): string {
  if (!number) return '';
  // Full-width digits (０-９) come from Chinese input methods; NFKC folds them to ASCII.
  return number.normalize('NFKC').replace(/\D+/g, '');
}

/** The digits reversed, or null when there are none (an anonymous or SIP-name caller). */
export function reversedDigits(number: string | null | undefined): string | null {
  const digits = numberDigits(number);
  return digits === '' ? null : [...digits].reverse().join('');
}

/** Whether what someone typed is a number search (digits with the usual separators). */
export function looksLikeNumber(text: string): boolean {
  return /^[+\d\s().\-\uff10-\uff19]+$/.test(text.normalize('NFKC')) && numberDigits(text).length > 0;
}

/**
 * The index range that finds numbers ending in `digits` (or equal to them with `exact`).
 * Returns null when there is nothing to search for.
 */
export function suffixRange(digits: string, exact = false): { readonly from: string; readonly to: string } | null {
  const reversed = reversedDigits(digits);
  if (reversed === null) return null;
  // '\uffff' sorts after every digit: [rev, rev + U+FFFF) is every string starting with rev.
  return exact ? { from: reversed, to: reversed } : { from: reversed, to: `${reversed}\uffff` };
}

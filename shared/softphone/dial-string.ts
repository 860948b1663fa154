/**
 * What an agent types or pastes into the dial pad, cleaned into something a SIP
 * server routes. Pasted numbers carry spaces, dashes, dots, brackets, a leading
 * "tel:", even full-width digits from Chinese input methods (１３８…): all are
 * cleaned. Anything that still is not a number, an extension or a SIP URI is
 * refused with a reason the UI can show inline.
 */

export type DialTarget =
  | { readonly kind: 'number'; readonly number: string }
  | { readonly kind: 'uri'; readonly user: string; readonly host: string };

export type DialStringResult =
  | { readonly ok: true; readonly target: DialTarget }
  | { readonly ok: false; readonly reason: 'empty' | 'invalid_characters' | 'too_long' | 'invalid_uri' };

const maxDigits = 32;

function toHalfWidth(input: string): string {
  // Full-width ASCII (U+FF01–U+FF5E) to ASCII; ideographic space to space.
  return input
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

export function parseDialString(raw: string): DialStringResult {
  const input = toHalfWidth(raw).trim();
  if (input === '') return { ok: false, reason: 'empty' };

  const uri = /^sips?:([^@\s;]+)@([A-Za-z0-9.-]+(?::\d{1,5})?)$/i.exec(input);
  if (uri) return { ok: true, target: { kind: 'uri', user: uri[1] ?? '', host: uri[2] ?? '' } };
  if (/^sips?:/i.test(input) || input.includes('@')) {
    const bare = /^([\w.+-]+)@([A-Za-z0-9.-]+(?::\d{1,5})?)$/.exec(input);
    if (bare) return { ok: true, target: { kind: 'uri', user: bare[1] ?? '', host: bare[2] ?? '' } };
    return { ok: false, reason: 'invalid_uri' };
  }

  const withoutScheme = input.replace(/^tel:/i, '');
  // Visual separators people paste: spaces, dashes, dots, brackets, slashes.
  const compact = withoutScheme.replace(/[\s\-.()[\]/\u2010-\u2015]/g, '');
  if (!/^\+?[0-9*#]+$/.test(compact)) return { ok: false, reason: 'invalid_characters' };
  if (compact.replace(/\D/g, '').length > maxDigits) return { ok: false, reason: 'too_long' };
  return { ok: true, target: { kind: 'number', number: compact } };
}

/** The SIP URI to call for a target, in the account's domain when only a number was given. */
export function targetUri(target: DialTarget, domain: string): string {
  return target.kind === 'uri'
    ? `sip:${target.user}@${target.host}`
    : `sip:${encodeURIComponent(target.number).replace(/%2B/g, '+')}@${domain}`;
}

/** DTMF digits a line accepts. */
export function isDtmf(tones: string): boolean {
  return /^[0-9*#A-Da-d,]{1,32}$/.test(tones);
}

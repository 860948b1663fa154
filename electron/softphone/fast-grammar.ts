import { NameAddrHeader, URI } from 'sip.js';
import { Grammar } from 'sip.js/lib/grammar/grammar.js';

/**
 * A hand-written fast path in front of sip.js's generated SIP grammar.
 *
 * sip.js parses the start line and the hot headers of every incoming message
 * (Via, From, To, Call-ID, CSeq, Contact, Record-Route, Content-Length,
 * Content-Type, Max-Forwards, the digest challenges) and every URI it is given
 * with a peggy parser in bytecode-interpreter form: 20–70 µs a header, about
 * 0.2–0.3 ms a message, most of the softphone's own share of call setup.
 *
 * This recognises the plain shapes those headers take in practice and builds
 * exactly what the grammar builds: the same classes (URI, NameAddrHeader) from
 * the same constructor arguments, the same plain objects with the same keys in
 * the same order, including the grammar's quirks on these shapes (a stray
 * `password` key left by a backtracked userinfo, Via's `host_type` overwritten
 * by `received`, `rport` as a string, Contact's position/offset pair). Anything
 * else — whitespace where the grammar allows folding, escapes, IPv6, quoted
 * pairs, URI headers, the parameters with special grammar rules (ttl, maddr,
 * method, q), literal-prefix traps such as `transport=tcpx` — is handed to the
 * grammar unchanged. `fast-grammar.test.ts` parses a corpus of real messages
 * and fuzzed variants both ways and requires identical results.
 */

/** What the fast path returns for input it leaves to the grammar. */
export const FALLBACK: unique symbol = Symbol('fallback to the sip.js grammar');
type Result = unknown;

// ── character classes ─────────────────────────────────────────────────────

const ALNUM = 1;
const TOKEN = 2;
const UNRESERVED = 4;
const USER = 8;
const PASSWORD = 16;
const PARAMCHAR = 32;
const WORD = 64;
const DOMAINLABEL = 128;
const TOPLABEL = 256;
const REASON = 512;
const QDTEXT = 1024;

const classes = new Uint16Array(128);
function mark(chars: string, flag: number): void {
  for (const c of chars) classes[c.charCodeAt(0)] = (classes[c.charCodeAt(0)] ?? 0) | flag;
}
const alnum = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const unreservedMarks = "-_.!~*'()";
mark(alnum, ALNUM | TOKEN | UNRESERVED | USER | PASSWORD | PARAMCHAR | WORD | DOMAINLABEL | TOPLABEL | REASON);
mark("-.!%*_+`'~", TOKEN);
mark(unreservedMarks, UNRESERVED | USER | PASSWORD | PARAMCHAR | REASON);
mark('&=+$,;?/', USER); // user_unreserved
mark('&=+$,', PASSWORD);
mark('[]/:&+$', PARAMCHAR); // param_unreserved
mark('-.!%*_+`\'~()<>:\\"/[]?{}', WORD);
mark('_-', DOMAINLABEL);
mark('-', TOPLABEL);
mark(';/?:@&=+$, \t', REASON); // reserved, SP, HTAB
// qdtext: SP, %x21, %x23-5B, %x5D-7E (LWS other than SP, and UTF8-NONASCII, are handled by the caller)
for (let c = 0x20; c <= 0x7e; c++) if (c !== 0x22 && c !== 0x5c) classes[c] = (classes[c] ?? 0) | QDTEXT;

function is(s: string, i: number, flag: number): boolean {
  const c = s.charCodeAt(i);
  return c < 128 && ((classes[c] ?? 0) & flag) !== 0;
}

function scan(s: string, i: number, flag: number): number {
  while (i < s.length && is(s, i, flag)) i++;
  return i;
}

function startsWithCI(s: string, i: number, lower: string): boolean {
  return s.length - i >= lower.length && s.slice(i, i + lower.length).toLowerCase() === lower;
}

/** Characters the fast path never handles: escapes, quoted pairs, IPv6 references, folding, controls. */
function hasUnsupported(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x25 /* % */ || c === 0x5b /* [ */ || c === 0x5c /* \ */ || c === 0x7f) return true;
  }
  return false;
}

/** sip.js's constructors, typed for the (looser) arguments its grammar passes them. */
type UriParams = Record<string, string | undefined>;
const UriClass = URI as unknown as new (
  scheme: string,
  user: string | undefined,
  host: string,
  port: number | undefined,
  parameters: UriParams | undefined,
  headers: undefined,
) => URI;
const NameAddrClass = NameAddrHeader as unknown as new (
  uri: URI,
  displayName: string | undefined,
  parameters: Record<string, unknown> | undefined,
) => NameAddrHeader;

/** Keys a plain object cannot take as data. */
const unsafeKey = (key: string): boolean => key === '__proto__';

// ── shared pieces ─────────────────────────────────────────────────────────

const isDigit = (s: string, k: number): boolean => {
  const c = s.charCodeAt(k);
  return c >= 0x30 && c <= 0x39;
};

/** dec-octet (RFC 3261 §25.1, in the grammar's order of alternatives): its end, or -1. */
function decOctet(s: string, i: number): number {
  const c0 = s.charCodeAt(i);
  const c1 = s.charCodeAt(i + 1);
  const c2 = s.charCodeAt(i + 2);
  if (c0 === 0x32 && c1 === 0x35 && c2 >= 0x30 && c2 <= 0x35) return i + 3; // "25" %x30-35
  if (c0 === 0x32 && c1 >= 0x30 && c1 <= 0x34 && isDigit(s, i + 2)) return i + 3; // "2" %x30-34 DIGIT
  if (c0 === 0x31 && isDigit(s, i + 1) && isDigit(s, i + 2)) return i + 3; // "1" 2DIGIT
  if (c0 >= 0x31 && c0 <= 0x39 && isDigit(s, i + 1)) return i + 2; // %x31-39 DIGIT
  if (isDigit(s, i)) return i + 1;
  return -1;
}

/** The grammar matches the first literal that is a prefix; when it is a proper prefix of the value it then fails. */
function trapped(value: string, literals: readonly string[]): boolean {
  for (const l of literals) if (value.length > l.length && value.startsWith(l)) return true;
  return false;
}

/** IPv4address: its end, or -1. */
function ipv4(s: string, i: number): number {
  let p = i;
  for (let k = 0; k < 4; k++) {
    if (k > 0) {
      if (s[p] !== '.') return -1;
      p++;
    }
    p = decOctet(s, p);
    if (p < 0) return -1;
  }
  return p;
}

/** hostname = *( domainlabel "." ) toplabel [ "." ], as the PEG matches it: its end, or -1. */
function hostname(s: string, i: number): number {
  let p = i;
  for (;;) {
    const e = scan(s, p, DOMAINLABEL);
    if (e > p && s[e] === '.') p = e + 1;
    else break;
  }
  const c = s.charCodeAt(p);
  if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) return -1;
  p = scan(s, p + 1, TOPLABEL);
  if (s[p] === '.') p++;
  return p;
}

interface Host {
  readonly host: string;
  readonly type: 'domain' | 'IPv4';
  readonly end: number;
}

function host(s: string, i: number): Host | null {
  let end = hostname(s, i);
  if (end >= 0) return { host: s.slice(i, end), type: 'domain', end };
  end = ipv4(s, i);
  if (end >= 0) return { host: s.slice(i, end), type: 'IPv4', end };
  return null;
}

/** Up to five digits after a ':' (the grammar's port); -1 for none (it would yield NaN). */
function portEnd(s: string, i: number): number {
  let p = i;
  while (p < s.length && p - i < 5 && s.charCodeAt(p) >= 0x30 && s.charCodeAt(p) <= 0x39) p++;
  return p === i ? -1 : p;
}

/** A quoted-string starting at s[i] === '"' with plain qdtext (and UTF8-NONASCII) inside: the index after the closing quote, or -1. */
function quoted(s: string, i: number): number {
  for (let p = i + 1; p < s.length; p++) {
    const c = s.charCodeAt(p);
    if (c === 0x22) return p + 1;
    if (c < 128 ? ((classes[c] ?? 0) & QDTEXT) === 0 : false) return -1;
  }
  return -1;
}

interface SipUri {
  readonly uri: URI;
  /** The grammar's leftover from a userinfo it tried and dropped (`sip:host:port` reads `port` as a password first). */
  readonly strayPassword: string | undefined;
  readonly end: number;
}

/**
 * SIP-URI (with uri-parameters, without headers) as the grammar reads it.
 * Returns null where the grammar might read it otherwise: the caller falls back.
 */
function sipUri(s: string, i: number): SipUri | null {
  let p = i;
  let scheme: string;
  if (startsWithCI(s, p, 'sips')) scheme = s.slice(p, p + 4);
  else if (startsWithCI(s, p, 'sip')) scheme = s.slice(p, p + 3);
  else return null;
  p += scheme.length;
  if (s[p] !== ':') return null;
  p++;

  let user: string | undefined;
  let strayPassword: string | undefined;
  const userEnd = scan(s, p, USER);
  if (userEnd > p && s[userEnd] === '@') {
    user = s.slice(p, userEnd);
    p = userEnd + 1;
  } else if (userEnd > p && s[userEnd] === ':') {
    const passwordEnd = scan(s, userEnd + 1, PASSWORD);
    // user:password@ makes the grammar's user "user:password": leave that to it.
    if (s[passwordEnd] === '@') return null;
    strayPassword = s.slice(userEnd + 1, passwordEnd);
  }

  const h = host(s, p);
  if (h === null) return null;
  p = h.end;
  let port: number | undefined;
  if (s[p] === ':') {
    const e = portEnd(s, p + 1);
    if (e < 0) return null;
    port = parseInt(s.slice(p + 1, e));
    p = e;
  }

  // uri-parameter = transport-param / user-param / method-param / ttl-param / maddr-param / lr-param / other-param
  let params: UriParams | undefined;
  while (s[p] === ';') {
    const start = p + 1;
    if (startsWithCI(s, start, 'transport=') || startsWithCI(s, start, 'user=')) {
      const transport = s[start] === 't' || s[start] === 'T';
      const valueStart = start + (transport ? 10 : 5);
      const e = scan(s, valueStart, TOKEN);
      if (e === valueStart) return null;
      const value = s.slice(valueStart, e).toLowerCase();
      if (trapped(value, transport ? transportLiterals : userLiterals)) return null;
      (params ??= {})[transport ? 'transport' : 'user'] = value;
      p = e;
      continue;
    }
    // method= sets the message's method, ttl= the header's params, maddr= the URI's host: leave them to the grammar.
    if (startsWithCI(s, start, 'method=') || startsWithCI(s, start, 'ttl=') || startsWithCI(s, start, 'maddr=')) {
      return null;
    }
    if (startsWithCI(s, start, 'lr')) {
      // lr-param = "lr" [ "=" token ], whatever follows (";lrx" ends the URI after "lr").
      p = start + 2;
      if (s[p] === '=') {
        const e = scan(s, p + 1, TOKEN);
        if (e > p + 1) p = e;
      }
      (params ??= {}).lr = undefined;
      continue;
    }
    const nameEnd = scan(s, start, PARAMCHAR);
    if (nameEnd === start) return null;
    const name = s.slice(start, nameEnd).toLowerCase();
    if (unsafeKey(name)) return null;
    params ??= {};
    if (s[nameEnd] === '=') {
      const e = scan(s, nameEnd + 1, PARAMCHAR);
      if (e === nameEnd + 1) return null;
      params[name] = s.slice(nameEnd + 1, e);
      p = e;
    } else {
      params[name] = undefined;
      p = nameEnd;
    }
  }
  if (s[p] === '?') return null;
  return { uri: new UriClass(scheme, user, h.host, port, params, undefined), strayPassword, end: p };
}

const transportLiterals = ['udp', 'tcp', 'sctp', 'tls'];
const userLiterals = ['phone', 'ip'];
const viaTransportLiterals = ['UDP', 'TCP', 'TLS', 'SCTP'];
const mediaTypeLiterals = ['text', 'image', 'audio', 'video', 'application'];

/** The Method rule: a token, unless one of the grammar's literals is a proper prefix of it. */
const methodLiterals = [
  'INVITE',
  'ACK',
  'VXACH',
  'OPTIONS',
  'BYE',
  'CANCEL',
  'REGISTER',
  'SUBSCRIBE',
  'NOTIFY',
  'REFER',
  'PUBLISH',
];
function methodEnd(s: string, i: number): number {
  const e = scan(s, i, TOKEN);
  if (e === i) return -1;
  const method = s.slice(i, e);
  return trapped(method, methodLiterals) ? -1 : e;
}

/** generic-param value (gen-value = token / host / quoted-string): [value, end] or null. */
function genValue(s: string, i: number): [string, number] | null {
  const e = scan(s, i, TOKEN);
  if (e > i) return [s.slice(i, e), e];
  if (s[i] === '"') {
    const q = quoted(s, i);
    if (q < 0) return null;
    return [s.slice(i, q), q];
  }
  return null;
}

interface NameAddr {
  readonly uri: URI;
  readonly displayName: string | undefined;
  /** Index after RAQUOT (">" SWS). */
  readonly end: number;
}

/** name-addr = [ display-name ] LAQUOT SIP-URI RAQUOT, display-name as quoted-string or tokens separated by spaces. */
function nameAddr(s: string, i: number): NameAddr | null {
  let p = i;
  let displayName: string | undefined;
  if (s[p] === '"') {
    const q = quoted(s, p);
    if (q < 0) return null;
    displayName = s.slice(p + 1, q - 1);
    p = q;
  } else if (is(s, p, TOKEN)) {
    p = scan(s, p, TOKEN);
    for (;;) {
      let q = p;
      while (s[q] === ' ') q++;
      if (q > p && is(s, q, TOKEN)) p = scan(s, q, TOKEN);
      else break;
    }
    displayName = s.slice(i, p);
  }
  while (s[p] === ' ') p++;
  if (s[p] !== '<') return null;
  // Nothing after the '<' may need the grammar's whitespace rules.
  const close = s.indexOf('>', p);
  if (close < 0 || s.lastIndexOf(' ', close) > p) return null;
  const u = sipUri(s, p + 1);
  if (u === null || u.end !== close) return null;
  return { uri: u.uri, displayName, end: close + 1 };
}

/** ( SEMI param )* after a name-addr, without whitespace: calls `param` for each, returns the end or -1. */
function headerParams(
  s: string,
  i: number,
  param: (name: string, value: string | undefined, valueStart: number, end: number) => boolean,
): number {
  let p = i;
  while (s[p] === ';') {
    const start = p + 1;
    const nameEnd = scan(s, start, TOKEN);
    if (nameEnd === start) return -1;
    const name = s.slice(start, nameEnd).toLowerCase();
    if (unsafeKey(name)) return -1;
    if (s[nameEnd] === '=') {
      const v = genValue(s, nameEnd + 1);
      if (v === null) return -1;
      if (!param(name, v[0], nameEnd + 1, v[1])) return -1;
      p = v[1];
    } else {
      if (!param(name, undefined, nameEnd, nameEnd)) return -1;
      p = nameEnd;
    }
  }
  return p;
}

// ── rules ──────────────────────────────────────────────────────────────────

function fromTo(s: string): Result {
  if (s[0] !== '"' && s[0] !== '<' && !is(s, 0, TOKEN)) return FALLBACK;
  const na = nameAddr(s, 0);
  if (na === null || s[na.end] === ' ') return FALLBACK;
  let params: Record<string, string | undefined> | undefined;
  let tag: string | undefined;
  const end = headerParams(s, na.end, (name, value, valueStart, valueEnd) => {
    if (name === 'tag' && value !== undefined) {
      // tag-param takes a token only; a quoted value would go to generic-param.
      if (s[valueStart] === '"') return false;
      tag = value;
      return valueEnd > valueStart;
    }
    (params ??= {})[name] = value;
    return true;
  });
  if (end !== s.length) return FALLBACK;
  const header = new NameAddrClass(na.uri, na.displayName, params);
  if (tag) header.setParam('tag', tag);
  return header;
}

/** Contact and Record-Route: comma-separated name-addrs, each {position: end, offset: start, parsed}. */
function multiHeader(s: string, contact: boolean): Result {
  if (s === '*' || s.includes(' ')) return FALLBACK;
  const list: Array<{ position: number; offset: number; parsed: NameAddrHeader }> = [];
  let p = 0;
  for (;;) {
    if (s[p] !== '<') return FALLBACK;
    const na = nameAddr(s, p);
    if (na === null) return FALLBACK;
    let params: Record<string, string | number | undefined> | undefined;
    const end = headerParams(s, na.end, (name, value, valueStart, valueEnd) => {
      if (contact && name === 'q') return false;
      if (contact && name === 'expires' && value !== undefined) {
        // c-p-expires takes the leading digits; anything else after them fails the header.
        if (!/^[0-9]+$/.test(value) || s[valueStart] === '"') return false;
        (params ??= {}).expires = parseInt(s.slice(valueStart, valueEnd));
        return true;
      }
      (params ??= {})[name] = value;
      return true;
    });
    if (end < 0) return FALLBACK;
    list.push({ position: end, offset: p, parsed: new NameAddrClass(na.uri, na.displayName, params) });
    if (end === s.length) return list;
    if (s[end] !== ',') return FALLBACK;
    p = end + 1;
  }
}

function via(s: string): Result {
  const protocolEnd = scan(s, 0, TOKEN);
  if (protocolEnd === 0) return FALLBACK;
  const protocol = s.slice(0, protocolEnd);
  const upper = protocol.toUpperCase();
  if (upper !== 'SIP' && upper.startsWith('SIP')) return FALLBACK;
  if (s[protocolEnd] !== '/') return FALLBACK;
  const versionEnd = scan(s, protocolEnd + 1, TOKEN);
  if (versionEnd === protocolEnd + 1 || s[versionEnd] !== '/') return FALLBACK;
  const transportEnd = scan(s, versionEnd + 1, TOKEN);
  if (transportEnd === versionEnd + 1) return FALLBACK;
  const transport = s.slice(versionEnd + 1, transportEnd);
  const t = transport.toUpperCase();
  if (trapped(t, viaTransportLiterals)) return FALLBACK;
  let p = transportEnd;
  if (s[p] !== ' ') return FALLBACK;
  while (s[p] === ' ') p++;
  const h = host(s, p);
  if (h === null) return FALLBACK;
  const data: Record<string, unknown> = { protocol, transport, host_type: h.type, host: h.host };
  p = h.end;
  if (s[p] === ':') {
    const e = portEnd(s, p + 1);
    if (e < 0) return FALLBACK;
    data.port = parseInt(s.slice(p + 1, e));
    p = e;
  }
  while (s[p] === ';') {
    const start = p + 1;
    const nameEnd = scan(s, start, TOKEN);
    if (nameEnd === start) return FALLBACK;
    const name = s.slice(start, nameEnd).toLowerCase();
    if (unsafeKey(name)) return FALLBACK;
    const valueStart = nameEnd + 1;
    if (s[nameEnd] === '=') {
      if (name === 'ttl' || name === 'maddr') return FALLBACK;
      if (name === 'received') {
        const e = ipv4(s, valueStart);
        if (e < 0 || (e !== s.length && s[e] !== ';')) return FALLBACK;
        data.received = s.slice(valueStart, e);
        data.host_type = 'IPv4';
        p = e;
        continue;
      }
      if (name === 'branch') {
        const e = scan(s, valueStart, TOKEN);
        if (e === valueStart) return FALLBACK;
        data.branch = s.slice(valueStart, e);
        p = e;
        continue;
      }
      if (name === 'rport') {
        let e = valueStart;
        while (s.charCodeAt(e) >= 0x30 && s.charCodeAt(e) <= 0x39) e++;
        if (e !== s.length && s[e] !== ';') return FALLBACK;
        data.rport = s.slice(valueStart, e);
        p = e;
        continue;
      }
      const v = genValue(s, valueStart);
      if (v === null) return FALLBACK;
      ((data.params ??= {}) as Record<string, unknown>)[name] = v[0];
      p = v[1];
    } else {
      ((data.params ??= {}) as Record<string, unknown>)[name] = undefined;
      p = nameEnd;
    }
  }
  return p === s.length ? data : FALLBACK;
}

function cseq(s: string): Result {
  let p = 0;
  while (s.charCodeAt(p) >= 0x30 && s.charCodeAt(p) <= 0x39) p++;
  if (p === 0 || s[p] !== ' ') return FALLBACK;
  const value = parseInt(s.slice(0, p));
  while (s[p] === ' ') p++;
  const e = methodEnd(s, p);
  if (e !== s.length) return FALLBACK;
  return { value, method: s.slice(p) };
}

function callId(s: string): Result {
  const e = scan(s, 0, WORD);
  if (e === 0) return FALLBACK;
  if (e === s.length) return s;
  if (s[e] !== '@') return FALLBACK;
  const e2 = scan(s, e + 1, WORD);
  return e2 > e + 1 && e2 === s.length ? s : FALLBACK;
}

function digits(s: string): Result {
  if (s.length === 0) return FALLBACK;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x30 || s.charCodeAt(i) > 0x39) return FALLBACK;
  return parseInt(s);
}

function contentType(s: string): Result {
  const typeEnd = scan(s, 0, TOKEN);
  if (typeEnd === 0 || s[typeEnd] !== '/') return FALLBACK;
  const type = s.slice(0, typeEnd).toLowerCase();
  if (trapped(type, mediaTypeLiterals)) return FALLBACK;
  let p = scan(s, typeEnd + 1, TOKEN);
  if (p === typeEnd + 1) return FALLBACK;
  while (s[p] === ';') {
    const nameEnd = scan(s, p + 1, TOKEN);
    if (nameEnd === p + 1 || s[nameEnd] !== '=') return FALLBACK;
    const v = genValueTokenOrQuoted(s, nameEnd + 1);
    if (v < 0) return FALLBACK;
    p = v;
  }
  return p === s.length ? s : FALLBACK;
}

function genValueTokenOrQuoted(s: string, i: number): number {
  const e = scan(s, i, TOKEN);
  if (e > i) return e;
  return s[i] === '"' ? quoted(s, i) : -1;
}

function sipVersionEnd(s: string, i: number): number {
  if (!startsWithCI(s, i, 'sip/')) return -1;
  let p = i + 4;
  const major = p;
  while (s.charCodeAt(p) >= 0x30 && s.charCodeAt(p) <= 0x39) p++;
  if (p === major || s[p] !== '.') return -1;
  const minor = ++p;
  while (s.charCodeAt(p) >= 0x30 && s.charCodeAt(p) <= 0x39) p++;
  return p === minor ? -1 : p;
}

function requestResponse(s: string): Result {
  const versionEnd = sipVersionEnd(s, 0);
  if (versionEnd > 0) {
    // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
    if (s[versionEnd] !== ' ') return FALLBACK;
    const code = s.slice(versionEnd + 1, versionEnd + 4);
    if (!/^[0-9]{3}$/.test(code) || s[versionEnd + 4] !== ' ') return FALLBACK;
    for (let i = versionEnd + 5; i < s.length; i++) if (s.charCodeAt(i) < 128 && !is(s, i, REASON)) return FALLBACK;
    return {
      sip_version: s.slice(0, versionEnd),
      status_code: parseInt(code),
      reason_phrase: s.slice(versionEnd + 5),
    };
  }
  if (startsWithCI(s, 0, 'sip')) return FALLBACK;
  // Request-Line = Method SP Request-URI SP SIP-Version
  const m = methodEnd(s, 0);
  if (m < 0 || s[m] !== ' ') return FALLBACK;
  const u = sipUri(s, m + 1);
  if (u === null || s[u.end] !== ' ') return FALLBACK;
  const v = sipVersionEnd(s, u.end + 1);
  if (v !== s.length) return FALLBACK;
  const data: Record<string, unknown> = { method: s.slice(0, m) };
  if (u.strayPassword !== undefined) data.password = u.strayPassword;
  data.uri = u.uri;
  data.sip_version = s.slice(u.end + 1);
  return data;
}

function challenge(s: string): Result {
  if (!startsWithCI(s, 0, 'digest') || s[6] !== ' ') return FALLBACK;
  let p = 6;
  while (s[p] === ' ') p++;
  const data: Record<string, unknown> = {};
  for (;;) {
    const nameEnd = scan(s, p, TOKEN);
    if (nameEnd === p || s[nameEnd] !== '=') return FALLBACK;
    const name = s.slice(p, nameEnd).toLowerCase();
    const valueStart = nameEnd + 1;
    let end: number;
    if (name === 'realm' || name === 'nonce' || name === 'opaque') {
      if (s[valueStart] !== '"') return FALLBACK;
      end = quoted(s, valueStart);
      if (end < 0) return FALLBACK;
      data[name] = s.slice(valueStart + 1, end - 1);
    } else if (name === 'stale' || name === 'algorithm') {
      end = scan(s, valueStart, TOKEN);
      if (end === valueStart) return FALLBACK;
      const value = s.slice(valueStart, end);
      const lower = value.toLowerCase();
      if (name === 'stale') {
        if (lower !== 'true' && lower !== 'false') return FALLBACK;
        data.stale = lower === 'true';
      } else {
        if (lower.startsWith('md5') && lower !== 'md5') return FALLBACK;
        data.algorithm = value.toUpperCase();
      }
    } else if (name === 'qop') {
      if (s[valueStart] !== '"') return FALLBACK;
      let q = valueStart + 1;
      const values: string[] = [];
      for (;;) {
        const e = scan(s, q, TOKEN);
        if (e === q) return FALLBACK;
        const value = s.slice(q, e).toLowerCase();
        if (value.startsWith('auth') && value !== 'auth' && value !== 'auth-int') return FALLBACK;
        values.push(value);
        if (s[e] === '"') {
          end = e + 1;
          break;
        }
        if (s[e] !== ',') return FALLBACK;
        q = e + 1;
      }
      const qop = (data.qop ??= []) as string[];
      qop.push(...values);
    } else if (name === 'domain') {
      return FALLBACK;
    } else {
      // auth-param: token or quoted-string, kept by nobody.
      end = genValueTokenOrQuoted(s, valueStart);
      if (end < 0) return FALLBACK;
    }
    if (end === s.length) return data;
    p = end;
    while (s[p] === ' ') p++;
    if (s[p] !== ',') return FALLBACK;
    p++;
    while (s[p] === ' ') p++;
  }
}

function sipUriRule(s: string): Result {
  const u = sipUri(s, 0);
  return u !== null && u.end === s.length ? u.uri : FALLBACK;
}

const rules: Readonly<Record<string, (input: string) => Result>> = {
  Request_Response: requestResponse,
  Via: via,
  From: fromTo,
  To: fromTo,
  Call_ID: callId,
  CSeq: cseq,
  Contact: (s) => multiHeader(s, true),
  Record_Route: (s) => multiHeader(s, false),
  Content_Length: digits,
  Max_Forwards: digits,
  Content_Type: contentType,
  Proxy_Authenticate: challenge,
  WWW_Authenticate: challenge,
  SIP_URI: sipUriRule,
};

/** The fast path alone: the grammar's result for `input`, or FALLBACK where it leaves the input to the grammar. */
export function fastParse(input: string, startRule: string): unknown {
  const rule = rules[startRule];
  if (rule === undefined || typeof input !== 'string' || hasUnsupported(input)) return FALLBACK;
  try {
    return rule(input);
  } catch {
    // The URI constructor refusing something: the grammar decides.
    return FALLBACK;
  }
}

type Parse = (input: string, startRule: string) => unknown;
const mutableGrammar = Grammar as unknown as { parse: Parse };
const installed = Symbol.for('seatdesk.fastGrammar');

/** sip.js's own grammar, as it was before installFastGrammar(). */
export const grammarParse: Parse = (
  (mutableGrammar.parse as Parse & { [installed]?: Parse })[installed] ?? mutableGrammar.parse
).bind(Grammar);

/**
 * Puts the fast path in front of sip.js's grammar for every sip.js user agent
 * in this process (sip.js calls Grammar.parse through the namespace object).
 * Idempotent.
 */
export function installFastGrammar(): void {
  if ((mutableGrammar.parse as Parse & { [installed]?: Parse })[installed]) return;
  const parse = (input: string, startRule: string): unknown => {
    const fast = fastParse(input, startRule);
    return fast === FALLBACK ? grammarParse(input, startRule) : fast;
  };
  Object.defineProperty(parse, installed, { value: grammarParse });
  mutableGrammar.parse = parse;
}

import fc from 'fast-check';
import { URI } from 'sip.js';
import { Parser } from 'sip.js/lib/core/messages/parser.js';
import { headerize, utf8Length } from 'sip.js/lib/core/messages/utils.js';
import { describe, expect, it } from 'vitest';
import { canonical } from './testing/canonical';

/**
 * patches/sip.js+0.21.2.patch gives sip.js helpers a fast path (a memo for
 * headerize, ASCII for utf8Length, an already-plain user for URI.escapeUser, a
 * direct copy of plain parameters in URI.clone, no substrings or match arrays in
 * Parser.getHeader).
 * Each must answer exactly as the original does; the originals are copied here
 * verbatim from sip.js 0.21.2 and both run on the same inputs.
 */

function originalHeaderize(str: string): string {
  const exceptions: Record<string, string> = {
    'Call-Id': 'Call-ID',
    Cseq: 'CSeq',
    'Min-Se': 'Min-SE',
    Rack: 'RAck',
    Rseq: 'RSeq',
    'Www-Authenticate': 'WWW-Authenticate',
  };
  const name = str.toLowerCase().replace(/_/g, '-').split('-');
  const parts = name.length;
  let hname = '';
  for (let part = 0; part < parts; part++) {
    if (part !== 0) {
      hname += '-';
    }
    hname += (name[part] ?? '').charAt(0).toUpperCase() + (name[part] ?? '').substring(1);
  }
  const exception = exceptions[hname];
  if (exception) {
    hname = exception;
  }
  return hname;
}

function originalUtf8Length(str: string): number {
  return encodeURIComponent(str).replace(/%[A-F\d]{2}/g, 'U').length;
}

function originalEscapeUser(user: string): string {
  const decodedUser = decodeURIComponent(user);
  return encodeURIComponent(decodedUser)
    .replace(/%3A/gi, ':')
    .replace(/%2B/gi, '+')
    .replace(/%3F/gi, '?')
    .replace(/%2F/gi, '/');
}

function originalClone(uri: URI): URI {
  const raw = (uri as unknown as { _raw: { scheme: string; user?: string; host: string; port?: number } })._raw;
  return new URI(
    raw.scheme,
    raw.user || '',
    raw.host,
    raw.port,
    JSON.parse(JSON.stringify(uri.parameters)) as Record<string, string>,
    JSON.parse(JSON.stringify((uri as unknown as { headers: unknown }).headers)) as Record<string, string[]>,
  );
}

function originalGetHeader(data: string, headerStart: number): number {
  let start = headerStart;
  let end = 0;
  let partialEnd: number;
  if (data.substring(start, start + 2).match(/(^\r\n)/)) {
    return -2;
  }
  while (end === 0) {
    partialEnd = data.indexOf('\r\n', start);
    if (partialEnd === -1) {
      return partialEnd;
    }
    if (
      !data.substring(partialEnd + 2, partialEnd + 4).match(/(^\r\n)/) &&
      data.charAt(partialEnd + 2).match(/(^\s+)/)
    ) {
      start = partialEnd + 2;
    } else {
      end = partialEnd;
    }
  }
  return end;
}

/** The result, or the error's name: both must match. */
function outcome<T>(f: () => T): T | string {
  try {
    return f();
  } catch (error) {
    return `throws ${(error as Error).name}`;
  }
}

const escapeUser = (user: string): string =>
  (URI.prototype as unknown as { escapeUser(u: string): string }).escapeUser(user);

const headerNames = [
  'via',
  'Via',
  'v',
  'call-id',
  'Call-ID',
  'CALL_ID',
  'cseq',
  'www-authenticate',
  'min-se',
  'rack',
  'rseq',
  'content-length',
  'x-queue',
  'X-Customer-Id',
  '',
  '-',
  'a--b',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
];

describe('sip.js patch: fast paths answer exactly as the originals', () => {
  it('headerize, remembered or not', () => {
    for (const name of headerNames) {
      expect(headerize(name)).toBe(originalHeaderize(name));
      expect(headerize(name)).toBe(originalHeaderize(name));
    }
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...headerNames), fc.string({ unit: 'grapheme-ascii' }), fc.string()),
        (name) => {
          expect(headerize(name)).toBe(originalHeaderize(name));
          expect(headerize(name)).toBe(originalHeaderize(name));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('utf8Length, ASCII or not (lone surrogates throw alike)', () => {
    for (const text of ['', 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n', '张三', '\u0000\u007f\u0080', '😀', '\ud800']) {
      expect(outcome(() => utf8Length(text))).toEqual(outcome(() => originalUtf8Length(text)));
    }
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme-ascii' }), fc.string({ unit: 'binary' }), fc.string()),
        (text) => {
          expect(outcome(() => utf8Length(text))).toEqual(outcome(() => originalUtf8Length(text)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('URI.escapeUser, plain or not (bad escapes throw alike)', () => {
    for (const user of ['1001', 'alice.smith', "a-b_c.d!e~f*g'h(i)j", 'a b', 'a:b', 'a+b', '%41', '%zz', '张', '']) {
      expect(outcome(() => escapeUser(user))).toEqual(outcome(() => originalEscapeUser(user)));
    }
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[A-Za-z0-9\-_.!~*'()%:+?/@ ]{0,12}$/), fc.string()), (user) => {
        expect(outcome(() => escapeUser(user))).toEqual(outcome(() => originalEscapeUser(user)));
      }),
      { numRuns: 3000 },
    );
    // The URI a softphone builds still prints as before.
    expect(new URI('sip', '1001', '127.0.0.1', 5060, { transport: 'ws' }).toString()).toBe(
      'sip:1001@127.0.0.1:5060;transport=ws',
    );
  });

  it('URI.clone, plain parameters or not', () => {
    const uris: URI[] = [
      new URI('sip', '1001', '127.0.0.1', 5060, { transport: 'ws', lr: undefined as unknown as string }),
      new URI('SIP', '', 'Ex.COM', undefined, {}),
      new URI('sips', 'a', 'h', 0, { '5': 'five', b: 'bee', '1': 'one' }, { subject: ['x'], Replaces: ['a;b'] }),
      new URI('sip', 'u', 'h', undefined, JSON.parse('{"__proto__": "p", "x": "y"}') as Record<string, string>),
    ];
    const odd = new URI('sip', 'u', 'h');
    (odd.parameters as Record<string, unknown>).n = 5;
    (odd.parameters as Record<string, unknown>).o = { nested: true };
    uris.push(odd);
    for (const uri of uris) expect(canonical(uri.clone())).toBe(canonical(originalClone(uri)));
    const key = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_;=-]{0,6}$/), fc.constantFrom('5', '10', 'lr', 'transport'));
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.option(fc.string(), { nil: null }), { noNullPrototype: true }),
        fc.dictionary(key, fc.array(fc.string()), { noNullPrototype: true }),
        (parameters, headers) => {
          const uri = new URI('sip', 'u', 'h', 1, parameters as Record<string, string>, headers);
          expect(canonical(uri.clone())).toBe(canonical(originalClone(uri)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('Parser.getHeader, folded lines and the blank line included', () => {
    const getHeader = (Parser as unknown as { getHeader(data: string, start: number): number }).getHeader;
    const piece = fc.constantFrom(
      '\r\n',
      ' ',
      '\t',
      '\u00a0',
      '\u3000',
      'a',
      ':',
      '\r',
      '\n',
      'Via: x',
      '\r\n ',
      '\r\n\r\n',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.nat(40), (pieces, start) => {
        const data = pieces.join('');
        expect(getHeader(data, start)).toBe(originalGetHeader(data, start));
      }),
      { numRuns: 5000 },
    );
  });
});

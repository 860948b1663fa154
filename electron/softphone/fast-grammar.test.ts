import fs from 'node:fs';
import fc from 'fast-check';
import { Parser } from 'sip.js/lib/core/messages/parser.js';
import { Grammar } from 'sip.js/lib/grammar/grammar.js';
import { describe, expect, it } from 'vitest';
import { FALLBACK, fastParse, grammarParse, installFastGrammar } from './fast-grammar';
import { canonical } from './testing/canonical';

/**
 * The fast path must build exactly what sip.js's grammar builds, or step aside.
 * Every check parses the same input both ways and compares their canonical forms
 * (testing/canonical.ts: classes, key order, undefined and NaN included).
 */

const bothWays = (input: string, rule: string): { fast: unknown; grammar: string; handled: boolean } => {
  const fast = fastParse(input, rule);
  return {
    fast: fast === FALLBACK ? FALLBACK : canonical(fast),
    grammar: canonical(grammarParse(input, rule)),
    handled: fast !== FALLBACK,
  };
};

function expectSame(input: string, rule: string): boolean {
  const { fast, grammar, handled } = bothWays(input, rule);
  if (handled) expect({ rule, input, result: fast }).toEqual({ rule, input, result: grammar });
  return handled;
}

/** The header rules sip.js's Parser hands to the grammar, by header name (compact forms included). */
const ruleOf: Readonly<Record<string, string>> = {
  via: 'Via',
  v: 'Via',
  from: 'From',
  f: 'From',
  to: 'To',
  t: 'To',
  'call-id': 'Call_ID',
  i: 'Call_ID',
  cseq: 'CSeq',
  contact: 'Contact',
  m: 'Contact',
  'record-route': 'Record_Route',
  'content-length': 'Content_Length',
  l: 'Content_Length',
  'content-type': 'Content_Type',
  c: 'Content_Type',
  'max-forwards': 'Max_Forwards',
  'proxy-authenticate': 'Proxy_Authenticate',
  'www-authenticate': 'WWW_Authenticate',
  'refer-to': 'Refer_To',
  r: 'Refer_To',
};

interface Corpus {
  /** Real messages as Kamailio and sip.js sent them in the softphone's tests and benchmark, one array of lines each. */
  readonly messages: readonly (readonly string[])[];
  /** Other inputs sip.js gave the grammar meanwhile (URIs, Refer-To, Replaces…), as [rule, input]. */
  readonly parses: readonly (readonly [string, string])[];
}
const corpus = JSON.parse(fs.readFileSync(new URL('./testing/sip-corpus.json', import.meta.url), 'utf8')) as Corpus;
const messages = corpus.messages.map((lines) => lines.join('\r\n'));

/** [rule, input] for the start line and each parsed header of a message, as sip.js's Parser extracts them. */
function parsesOf(message: string): Array<[string, string]> {
  const head = message.split('\r\n\r\n')[0] ?? '';
  const [startLine = '', ...lines] = head.split('\r\n');
  const out: Array<[string, string]> = [['Request_Response', startLine]];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const rule = ruleOf[line.slice(0, colon).trim().toLowerCase()];
    if (rule) out.push([rule, line.slice(colon + 1).trim()]);
  }
  return out;
}

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
const mutableGrammar = Grammar as unknown as { parse: (input: string, rule: string) => unknown };

/** Parser.parseMessage with the grammar alone and with the fast path in front of it. */
function parseMessageBothWays(message: string): [string, string] {
  installFastGrammar();
  const fast = mutableGrammar.parse;
  const withFast = canonical(Parser.parseMessage(message, silent as never));
  mutableGrammar.parse = grammarParse;
  try {
    return [withFast, canonical(Parser.parseMessage(message, silent as never))];
  } finally {
    mutableGrammar.parse = fast;
  }
}

describe('fast SIP grammar', () => {
  it('parses every header of a corpus of real messages as the grammar does, and handles nearly all of them itself', () => {
    let handled = 0;
    let total = 0;
    for (const message of messages) {
      for (const [rule, input] of parsesOf(message)) {
        if (fastParse(input, rule) === FALLBACK && rule === 'Refer_To') continue;
        total++;
        if (expectSame(input, rule)) handled++;
      }
    }
    for (const [rule, input] of corpus.parses) expectSame(input, rule);
    expect(total).toBeGreaterThan(700);
    // The point of it: the hot headers of real traffic never reach the interpreter.
    expect(handled / total).toBeGreaterThan(0.99);
  });

  it('builds whole messages (headers, parsed values, dialog fields) exactly as sip.js does without it', () => {
    for (const message of messages) {
      const [fast, grammar] = parseMessageBothWays(message);
      expect(fast).toBe(grammar);
    }
  });

  it('agrees with the grammar on edge cases, its quirks included', () => {
    const cases: Array<[string, string[]]> = [
      [
        'Request_Response',
        [
          'SIP/2.0 200 OK',
          'sip/2.0 180 Ringing',
          'SIP/2.0 100 trying -- your call is important to us',
          'SIP/2.0 200 ',
          'SIP/2.0 200',
          'SIP/2.0 2000 OK',
          'SIP/2.0 200 OK "quoted"',
          'SIP/2.0 200 Ok <tag>',
          'SIP/2.0 486 忙线',
          'SIP/2.0 500 Server Error; retry=5',
          'SIP/2.10 200 OK',
          'SIP/2. 200 OK',
          'INVITE sip:2001@127.0.0.1 SIP/2.0',
          'INVITE sip:127.0.0.1:5060 SIP/2.0',
          'INVITE sip:a:b@127.0.0.1 SIP/2.0',
          'INVITE sip:7dvga74v@ci0qr78v2kfd.invalid;transport=ws SIP/2.0',
          'INVITE sips:alice@example.com:5061;transport=tls SIP/2.0',
          'INVITEX sip:2001@127.0.0.1 SIP/2.0',
          'UPDATE sip:2001@127.0.0.1 SIP/2.0',
          'PRACK sip:2001@127.0.0.1 SIP/2.0',
          'FOO sip:2001@127.0.0.1 SIP/2.0',
          'invite sip:2001@127.0.0.1 SIP/2.0',
          'INVITE tel:+123 SIP/2.0',
          'INVITE sip:2001@127.0.0.1  SIP/2.0',
          'INVITE sip:2001@127.0.0.1 SIP/2.0 ',
          'INVITE sip:2001@[::1] SIP/2.0',
          'INVITE sip:%32001@127.0.0.1 SIP/2.0',
          'INVITE sip:2001@127.0.0.1;method=BYE SIP/2.0',
          'INVITE sip:2001@127.0.0.1?subject=x SIP/2.0',
          'SIPX sip:2001@127.0.0.1 SIP/2.0',
        ],
      ],
      [
        'Via',
        [
          'SIP/2.0/WS j5efelechujm.invalid;rport=35532;received=127.0.0.1;branch=z9hG4bK566233',
          'SIP/2.0/WS  127.0.0.1:35141;branch=z9hG4bK6c28.9195a07261f8cd501c4ea4232838c97c.0',
          'SIP/2.0/WS ci0qr78v2kfd.invalid;branch=z9hG4bK1066165;rport',
          'SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;received=10.0.0.2;rport=',
          'sip/2.0/tcp Example.COM;branch=abc;x;y=z;q="quoted"',
          'SIP/2.0/TCPX host;branch=1',
          'SIPX/2.0/UDP host;branch=1',
          'FOO/2.0/UDP host;branch=1',
          'SIP/2.0/UDP host:;branch=1',
          'SIP/2.0/UDP host:123456;branch=1',
          'SIP/2.0/UDP host;received=1.2.3.4x',
          'SIP/2.0/UDP host;received=abc',
          'SIP/2.0/UDP host;received=256.1.1.1',
          'SIP/2.0/UDP host;ttl=5;branch=1',
          'SIP/2.0/UDP host;maddr=1.2.3.4',
          'SIP/2.0/UDP host;Branch=Z;RPORT=1',
          'SIP/2.0/UDP host;branch=',
          'SIP/2.0/UDP host, SIP/2.0/UDP other',
          'SIP/2.0/UDP host ;branch=1',
          'SIP/2.0 / UDP host',
          'SIP/2.0/UDP 1host',
          'SIP/2.0/UDP host.;branch=1',
          'SIP/2.0/UDP [::1]:5060',
          'SIP/2.0/UDP host;__proto__=x',
        ],
      ],
      [
        'From',
        [
          '<sip:1001@127.0.0.1>;tag=p2t6rr0u2u',
          '"Alice" <sip:alice@example.com>;tag=1',
          '"张三" <sip:1001@127.0.0.1>;tag=abc',
          'Alice Smith <sip:alice@example.com>;tag=1',
          'Alice  Smith  <sip:alice@example.com>',
          '"" <sip:a@b.c>',
          'sip:1001@127.0.0.1;tag=x',
          'Sipho <sip:1@h>',
          'sip <sip:1@h>',
          '<sip:1001@127.0.0.1>;tag="q"',
          '<sip:1001@127.0.0.1>;tag',
          '<sip:1001@127.0.0.1>;tag=a;tag=b',
          '<sip:1001@127.0.0.1>;tags=x;foo',
          '<sip:1001@127.0.0.1> ;tag=x',
          '<sip:1001@127.0.0.1>;tag=a/b',
          '<sip:1001@127.0.0.1;transport=ws;lr;ob>;x=1.2.3.4',
          '<sip:127.0.0.1:5060>',
          '<sip:1001:pw@127.0.0.1>',
          '<sip:1001@127.0.0.1:>',
          '<sip:1001@127.0.0.1;user=phone>',
          '<sip:1001@127.0.0.1;user=iphone>',
          '<sip:1001@127.0.0.1;transport=TCP>',
          '<sip:1001@127.0.0.1;transport=tcpx>',
          '<sip:1001@127.0.0.1;lr=on>',
          '<sip:1001@127.0.0.1;lrx>',
          '<sip:1001@127.0.0.1;ttl=3>',
          '<sip:1001@127.0.0.1;maddr=1.2.3.4>',
          '<sip:a;b@host>',
          '<sip:host;x=>',
          '< sip:1001@127.0.0.1>',
          '"Al\\"ice" <sip:a@b>',
          '<tel:+123>',
        ],
      ],
      [
        'Contact',
        [
          '<sip:7dvga74v@ci0qr78v2kfd.invalid;transport=ws>;expires=300;received="sip:127.0.0.1:35516;transport=ws"',
          '<sip:d736gfvj@j5efelechujm.invalid;alias=127.0.0.1~35532~5;transport=ws;ob>',
          '<sip:a@b>,<sip:c@d>;expires=0',
          '<sip:a@b>, <sip:c@d>',
          '<sip:a@b>;expires=300x',
          '<sip:a@b>;expires=0300',
          '<sip:a@b>;expires',
          '<sip:a@b>;q=0.5',
          '<sip:a@b>;q=1',
          '*',
          '"Bob" <sip:bob@h>;expires=60',
          'sip:a@b;expires=1',
          '<sip:a@b>,',
        ],
      ],
      [
        'Record_Route',
        [
          '<sip:127.0.0.1:35141;transport=ws;lr;ftag=p2t6rr0u2u>',
          '<sip:127.0.0.1:35141;transport=ws;lr>,<sip:10.0.0.1;lr>',
          '<sip:127.0.0.1;lr>;expires=5',
          '<sip:p1.example.com;lr>, <sip:p2.example.com;lr>',
        ],
      ],
      [
        'CSeq',
        ['2 INVITE', '10 ACK', '1  BYE', '1 INVITEX', '1 UPDATE', '1 INFO', '01 REFER', '1', 'x INVITE', '1 REFERRAL'],
      ],
      ['Call_ID', ['cr8mf3j704g02bm6dg1l', 'abc@host', 'a@b@c', '@x', 'x@', 'a b', '<weird>:"id"']],
      ['Content_Length', ['0', '181', '007', '', '1 ', '-1']],
      ['Max_Forwards', ['70', '0', 'x']],
      [
        'Content_Type',
        [
          'application/sdp',
          'Application/SDP',
          'message/sipfrag;version=2.0',
          'text/plain;charset="utf-8"',
          'applicationx/sdp',
          'audiox/x',
          'x-foo/bar',
          'application / sdp',
          'application/',
          'multipart/mixed;boundary=abc',
        ],
      ],
      [
        'Proxy_Authenticate',
        [
          'Digest realm="127.0.0.1", nonce="aw+rl2sPqmu605ZTT3Fy0YQZxbNOotSR", qop="auth"',
          'Digest realm="a",nonce="b",qop="auth,auth-int",algorithm=MD5,stale=TRUE,opaque="o"',
          'Digest realm="a", qop="auth, auth-int"',
          'Digest realm="a", algorithm=MD5-sess',
          'Digest realm="a", algorithm=SHA-256',
          'Digest realm="a", algorithm="MD5"',
          'Digest realm="a", stale="true"',
          'Digest realm="a", stale=yes',
          'Digest realm=a',
          'Digest realm="a", foo=bar, baz="q"',
          'Digest realm="a", domain="sip:x"',
          'Digest realm="a", qop="authx"',
          'Digest realm="a",  nonce="b"  ',
          'Digestx realm="a"',
          'Basic realm="a"',
          'Digest  realm="a"',
        ],
      ],
      ['SIP_URI', ['sip:2001@127.0.0.1', 'sips:a@b:5061', 'sip:127.0.0.1:5060', 'sip:a@b?x=y', 'sip:a@[::1]', 'tel:1']],
    ];
    // Shapes other servers write (Asterisk, FreeSWITCH, OpenSIPS), as the product meets them.
    cases.push(
      [
        'Via',
        [
          'SIP/2.0/WSS df7jal23ls0d.invalid;rport=49852;received=192.0.2.10;branch=z9hG4bK-524287-1---',
          'SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKa1b2;rport=5060',
        ],
      ],
      [
        'To',
        [
          '"Customer" <sip:+8613800000000@pbx.example.com>;tag=as5f3c2a1b',
          '<sip:+8613800000000@pbx.example.com;user=phone>',
        ],
      ],
      [
        'Contact',
        [
          '<sip:mod_sofia@10.0.0.5:5060>',
          '<sip:asterisk@192.0.2.1:5060;transport=ws>;expires=3600',
          '<sip:u@h;gr=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>;+sip.instance="<urn:uuid:1>"',
        ],
      ],
      [
        'Record_Route',
        [
          '<sip:10.0.0.1;r2=on;lr=on;ftag=x;nat=yes>',
          '<sip:192.0.2.1:5060;transport=udp;lr;r2=on>,<sip:192.0.2.1:8088;transport=ws;lr;r2=on>',
        ],
      ],
      [
        'WWW_Authenticate',
        [
          'Digest realm="asterisk",nonce="1a2b3c4d",opaque="5e6f",algorithm=md5,qop="auth"',
          'Digest algorithm=MD5, realm="pbx", nonce="YmFzZTY0=="',
        ],
      ],
      ['Call_ID', ['3c26700b2c6e-abc@192.0.2.1', 'a84b4c76e66710@pc33.atlanta.com']],
      [
        'Request_Response',
        [
          'INVITE sip:1001@df7jal23ls0d.invalid;transport=ws SIP/2.0',
          'SIP/2.0 183 Session Progress',
          'NOTIFY sip:u@h;gr=urn:uuid:1 SIP/2.0',
        ],
      ],
    );
    for (const [rule, inputs] of cases) for (const input of inputs) expectSame(input, rule);
    // The same inputs under the sibling rules share the code paths.
    for (const input of cases.find(([r]) => r === 'From')?.[1] ?? []) {
      expectSame(input, 'To');
      expectSame(input, 'Contact');
      expectSame(input, 'Record_Route');
    }
    for (const input of cases.find(([r]) => r === 'Proxy_Authenticate')?.[1] ?? [])
      expectSame(input, 'WWW_Authenticate');
  });

  // Fuzzing: inputs assembled from the pieces real headers are made of (and the pieces that
  // trip the grammar), then mutated by a random character inserted or removed.
  const tricky = [...' \t;:=,<>"@/?&+$%[]()!~*\'.-_`x0'];
  const mutated = (base: fc.Arbitrary<string>): fc.Arbitrary<string> =>
    fc.oneof(
      base,
      fc
        .tuple(base, fc.nat(), fc.constantFrom(...tricky))
        .map(([s, i, c]) => s.slice(0, i % (s.length + 1)) + c + s.slice(i % (s.length + 1))),
      fc.tuple(base, fc.nat()).map(([s, i]) => s.slice(0, i % (s.length + 1)) + s.slice((i % (s.length + 1)) + 1)),
    );
  const pick = (...items: string[]): fc.Arbitrary<string> => fc.constantFrom(...items);
  const host = pick(
    '127.0.0.1',
    '10.0.0.25',
    '255.255.255.255',
    '256.1.1.1',
    '01.2.3.4',
    'ex.invalid',
    'Ex.COM',
    'a_b.c',
    'h1',
    '1h',
    'x.',
    'a-b.c-d',
  );
  const userPart = pick('', '1001@', 'alice@', "a.b_c-d!~*'()@", 'a&=+$,;?/@', 'user:pw@', '@');
  const uriParam = pick(
    'transport=ws',
    'transport=TCP',
    'transport=tcpx',
    'user=phone',
    'user=ipx',
    'lr',
    'lr=on',
    'lrx',
    'ob',
    'alias=127.0.0.1~35532~5',
    'method=INVITE',
    'ttl=5',
    'maddr=h',
    'x=',
    'a=b',
    'A=[b]',
  );
  const uri = fc
    .tuple(
      pick('sip', 'SIP', 'sips', 'Sips', 'sipx'),
      userPart,
      host,
      pick('', ':5060', ':', ':0', ':123456'),
      fc.array(uriParam, { maxLength: 4 }),
    )
    .map(([scheme, user, h, port, params]) => `${scheme}:${user}${h}${port}${params.map((p) => `;${p}`).join('')}`);
  const headerParam = pick(
    'tag=abc123',
    'tag=a.b',
    'tag="q"',
    'tag',
    'expires=300',
    'expires=30x',
    'expires',
    'q=0.5',
    'q=1',
    'received="sip:1.2.3.4:5;transport=ws"',
    'x=1.2.3.4',
    'foo',
    'lr',
  );
  const displayName = pick('', '"Alice" ', '"张三" ', 'Alice ', 'Alice Smith ', '"" ', 'sip ');
  const nameAddr = fc
    .tuple(displayName, uri, fc.array(headerParam, { maxLength: 3 }))
    .map(([d, u, ps]) => `${d}<${u}>${ps.map((p) => `;${p}`).join('')}`);
  // Record-Route and Contact entries as proxies and sip.js write them.
  const route = fc
    .tuple(
      pick('', 'u1@'),
      host,
      pick('', ':35141'),
      fc.array(pick('transport=ws', 'lr', 'ftag=p2t6', 'ob', 'alias=1.2.3.4~5~5'), { maxLength: 3 }),
      pick('', ';expires=300', ';received="sip:1.2.3.4:5;transport=ws"', ';x'),
    )
    .map(([u, h, port, ps, hp]) => `<sip:${u}${h}${port}${ps.map((x) => `;${x}`).join('')}>${hp}`);
  const viaParam = pick(
    'branch=z9hG4bK123',
    'branch=z9hG4bK6c28.919.0',
    'rport',
    'rport=35532',
    'rport=',
    'received=127.0.0.1',
    'received=x',
    'ttl=1',
    'maddr=h',
    'x=y',
    'Branch=B',
  );
  const via = fc
    .tuple(
      pick('SIP', 'sip', 'SIPX', 'FOO'),
      pick('2.0', '2'),
      pick('WS', 'UDP', 'udp', 'TCPX', 'WSS'),
      pick(' ', '  '),
      host,
      pick('', ':5060', ':'),
      fc.array(viaParam, { maxLength: 4 }),
    )
    .map(([p, v, t, sp, h, port, ps]) => `${p}/${v}/${t}${sp}${h}${port}${ps.map((x) => `;${x}`).join('')}`);
  const digestParam = pick(
    'realm="127.0.0.1"',
    'nonce="aw+rl2sP/qmu605Z"',
    'qop="auth"',
    'qop="auth,auth-int"',
    'qop="authx"',
    'opaque="x"',
    'stale=FALSE',
    'stale=maybe',
    'algorithm=MD5',
    'algorithm=md5-sess',
    'algorithm=SHA-256',
    'foo=bar',
    'domain="sip:a"',
  );
  const challenge = fc
    .tuple(
      pick('Digest ', 'digest ', 'Digestx '),
      fc.array(digestParam, { minLength: 1, maxLength: 4 }),
      pick(', ', ','),
    )
    .map(([scheme, ps, sep]) => scheme + ps.join(sep));
  const method = pick('INVITE', 'ACK', 'BYE', 'INVITEX', 'UPDATE', 'REFERRAL', 'OPTIONS', 'FOO', 'sip');
  const startLine = fc.oneof(
    fc.tuple(method, uri, pick('SIP/2.0', 'sip/2.0', 'SIP/2')).map(([m, u, v]) => `${m} ${u} ${v}`),
    fc
      .tuple(
        pick('SIP/2.0', 'SIP/2.10'),
        pick('100', '200', '4866'),
        pick('OK', 'trying -- your call', 'Busy; here', '"x"', ''),
      )
      .map(([v, c, r]) => `${v} ${c} ${r}`),
  );

  const fuzz: Array<[string, fc.Arbitrary<string>, string[]]> = [
    ['name-addr headers', nameAddr, ['From', 'To', 'Contact', 'Record_Route']],
    [
      'lists of name-addrs',
      fc.array(fc.oneof(route, nameAddr), { minLength: 1, maxLength: 3 }).map((l) => l.join(',')),
      ['Contact', 'Record_Route'],
    ],
    ['URIs', uri, ['SIP_URI']],
    ['Via', via, ['Via']],
    ['challenges', challenge, ['Proxy_Authenticate', 'WWW_Authenticate']],
    ['start lines', startLine, ['Request_Response']],
    ['CSeq', fc.tuple(pick('1', '42', '007', ''), pick(' ', '  '), method).map(([n, s, m]) => n + s + m), ['CSeq']],
    ['Call-ID', fc.stringMatching(/^[a-z0-9@.<>:"/?{}-]{0,12}$/), ['Call_ID']],
    [
      'Content-Type',
      fc
        .tuple(
          pick('application', 'Application', 'applicationx', 'message', 'x-a'),
          pick('sdp', 'sipfrag', ''),
          pick('', ';version=2.0', ';a="b"', ';a'),
        )
        .map(([t, s, p]) => `${t}/${s}${p}`),
      ['Content_Type'],
    ],
    ['numbers', fc.stringMatching(/^[0-9x -]{0,4}$/), ['Content_Length', 'Max_Forwards']],
  ];
  for (const [name, arbitrary, rules] of fuzz) {
    it(`agrees with the grammar on fuzzed ${name}`, () => {
      let handled = 0;
      fc.assert(
        fc.property(mutated(arbitrary), (input) => {
          for (const rule of rules) if (expectSame(input, rule)) handled++;
        }),
        { numRuns: 3000 },
      );
      // The fuzzing reaches the fast path, not only the fallback.
      expect(handled).toBeGreaterThan(150);
    });
  }

  it('installs once, in front of the grammar, and leaves other rules to it', () => {
    installFastGrammar();
    installFastGrammar();
    expect(Grammar.parse('2 INVITE', 'CSeq')).toEqual({ value: 2, method: 'INVITE' });
    expect(Grammar.parse('refer;id=1', 'Event')).toEqual(grammarParse('refer;id=1', 'Event'));
    expect(Grammar.parse('x INVITE', 'CSeq')).toBe(-1);
    expect(fastParse('2 INVITE', 'Event')).toBe(FALLBACK);
  });
});

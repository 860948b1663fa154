import { describe, expect, it } from 'vitest';
import { isDtmf, parseDialString, targetUri } from './dial-string';

describe('parseDialString', () => {
  it.each([
    ['138 0013 8000', '13800138000'],
    ['+86 (10) 6552-9988', '+861065529988'],
    ['tel:+1-415-555-0100', '+14155550100'],
    ['１３８００１３８０００', '13800138000'],
    ['1001', '1001'],
    ['*72#', '*72#'],
    ['  021.6888.1234 ', '02168881234'],
  ])('cleans %j to %s', (input, number) => {
    expect(parseDialString(input)).toEqual({ ok: true, target: { kind: 'number', number } });
  });

  it.each([
    ['sip:1002@pbx.example.com', { kind: 'uri', user: '1002', host: 'pbx.example.com' }],
    ['SIP:alice@10.0.0.5:5060', { kind: 'uri', user: 'alice', host: '10.0.0.5:5060' }],
    ['bob@example.org', { kind: 'uri', user: 'bob', host: 'example.org' }],
  ])('accepts the SIP URI %j', (input, target) => {
    expect(parseDialString(input)).toEqual({ ok: true, target });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['call me', 'invalid_characters'],
    ['138-abc', 'invalid_characters'],
    ['1'.repeat(33), 'too_long'],
    ['sip:@host', 'invalid_uri'],
    ['sip:user@', 'invalid_uri'],
    ['a@b c', 'invalid_uri'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(parseDialString(input)).toEqual({ ok: false, reason });
  });
});

describe('targetUri', () => {
  it('puts numbers in the account domain and keeps URIs', () => {
    expect(targetUri({ kind: 'number', number: '+8613800138000' }, 'pbx.local')).toBe('sip:+8613800138000@pbx.local');
    expect(targetUri({ kind: 'number', number: '*72#' }, 'pbx.local')).toBe('sip:*72%23@pbx.local');
    expect(targetUri({ kind: 'uri', user: 'a', host: 'b.c' }, 'pbx.local')).toBe('sip:a@b.c');
  });
});

describe('isDtmf', () => {
  it('accepts keypad tones and refuses the rest', () => {
    expect(isDtmf('123*#')).toBe(true);
    expect(isDtmf('A,B')).toBe(true);
    expect(isDtmf('')).toBe(false);
    expect(isDtmf('12x')).toBe(false);
  });
});

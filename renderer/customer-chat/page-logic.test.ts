import { describe, expect, it } from 'vitest';
import { checkAttachment, formatSize } from './attachments';
import { reconnectDelay } from './backoff';
import { linkify, safeHref } from './linkify';

describe('linkify', () => {
  it('makes http and https URLs links and keeps the rest as text', () => {
    expect(linkify('See https://example.com/help/refund-policy.')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/help/refund-policy', href: 'https://example.com/help/refund-policy' },
      { kind: 'text', text: '.' },
    ]);
    expect(linkify('http://a.example/x?y=1&z=2')).toEqual([
      { kind: 'link', text: 'http://a.example/x?y=1&z=2', href: 'http://a.example/x?y=1&z=2' },
    ]);
  });

  it('never links other schemes, and markup stays text', () => {
    for (const text of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '<a href="javascript:alert(1)">x</a>',
      'vbscript:msgbox',
      'file:///etc/passwd',
    ]) {
      expect(
        linkify(text).every((s) => s.kind === 'text'),
        text,
      ).toBe(true);
      expect(
        linkify(text)
          .map((s) => s.text)
          .join(''),
        text,
      ).toBe(text);
    }
    // A quote or an angle bracket ends a URL: it cannot carry an attribute along.
    const segments = linkify('https://x.example/"onmouseover="alert(1)');
    expect(segments[0]).toEqual({ kind: 'link', text: 'https://x.example/', href: 'https://x.example/' });
  });

  it('ends a URL at Chinese text and full-width punctuation', () => {
    const segments = linkify('退款说明见https://help.example.cn/a。谢谢');
    expect(segments).toEqual([
      { kind: 'text', text: '退款说明见' },
      { kind: 'link', text: 'https://help.example.cn/a', href: 'https://help.example.cn/a' },
      { kind: 'text', text: '。谢谢' },
    ]);
  });

  it('keeps a closing parenthesis that belongs to the URL', () => {
    expect(linkify('(see https://en.wikipedia.org/wiki/A_(b))')[1]).toMatchObject({
      text: 'https://en.wikipedia.org/wiki/A_(b)',
    });
  });

  it('refuses hrefs without http(s) or a host', () => {
    expect(safeHref('https://ok.example/')).toBe('https://ok.example/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('https://')).toBeNull();
  });
});

describe('attachments', () => {
  it('checks type and size before anything is read', () => {
    expect(checkAttachment({ type: 'image/png', size: 1000 })).toEqual({ ok: true });
    expect(checkAttachment({ type: 'application/x-msdownload', size: 1000 })).toEqual({ ok: false, reason: 'type' });
    expect(checkAttachment({ type: 'image/svg+xml', size: 1000 })).toEqual({ ok: false, reason: 'type' });
    expect(checkAttachment({ type: 'application/pdf', size: 10 * 1024 * 1024 + 1 })).toEqual({
      ok: false,
      reason: 'size',
    });
    expect(checkAttachment({ type: 'text/plain', size: 0 })).toEqual({ ok: false, reason: 'empty' });
  });

  it('formats sizes briefly', () => {
    expect(formatSize(12, 'en')).toBe('12 B');
    expect(formatSize(2048, 'en')).toBe('2 KB');
    expect(formatSize(1.5 * 1024 * 1024, 'en')).toBe('1.5 MB');
  });
});

describe('reconnect backoff', () => {
  it('doubles from 1 s to 30 s with jitter in the upper half', () => {
    expect(reconnectDelay(0, () => 1)).toBe(1000);
    expect(reconnectDelay(0, () => 0)).toBe(500);
    expect(reconnectDelay(3, () => 1)).toBe(8000);
    expect(reconnectDelay(20, () => 1)).toBe(30_000);
  });
});

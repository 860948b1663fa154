import { afterEach, describe, expect, it, vi } from 'vitest';
import { chatLimits } from '../../../../shared/center/limits';
import { allowedTypeNames, cannedQuery, checkAttachment, parseSystemLine, TypingThrottle } from './chat-logic';

describe('checkAttachment', () => {
  it('accepts the allowed types within the size limit', () => {
    expect(checkAttachment({ type: 'image/png', size: 1000 })).toEqual({ ok: true });
    expect(checkAttachment({ type: 'application/pdf', size: chatLimits.attachmentBytes })).toEqual({ ok: true });
  });
  it('refuses unknown types, empty and oversized files', () => {
    expect(checkAttachment({ type: 'application/x-msdownload', size: 10 })).toEqual({ ok: false, reason: 'type' });
    expect(checkAttachment({ type: '', size: 10 })).toEqual({ ok: false, reason: 'type' });
    expect(checkAttachment({ type: 'image/png', size: 0 })).toEqual({ ok: false, reason: 'empty' });
    expect(checkAttachment({ type: 'image/png', size: chatLimits.attachmentBytes + 1 })).toEqual({
      ok: false,
      reason: 'size',
    });
  });
  it('names the allowed types', () => {
    expect(allowedTypeNames()).toBe('PNG, JPEG, GIF, WEBP, PDF, TXT');
  });
});

describe('cannedQuery', () => {
  it('opens on a leading slash and searches what follows', () => {
    expect(cannedQuery('/')).toBe('');
    expect(cannedQuery('/refund')).toBe('refund');
    expect(cannedQuery('/refund policy')).toBeNull();
    expect(cannedQuery('hello /x')).toBeNull();
    expect(cannedQuery('')).toBeNull();
  });
});

describe('TypingThrottle', () => {
  afterEach(() => vi.useRealTimers());

  it('sends typing once per interval and stopped after idle', () => {
    vi.useFakeTimers();
    let now = 0;
    const sent: boolean[] = [];
    const throttle = new TypingThrottle((typing) => sent.push(typing), { now: () => now, everyMs: 3000, idleMs: 4000 });
    throttle.input();
    now = 1000;
    throttle.input();
    now = 2000;
    throttle.input();
    expect(sent).toEqual([true]);
    now = 3500;
    throttle.input();
    expect(sent).toEqual([true, true]);
    vi.advanceTimersByTime(4000);
    expect(sent).toEqual([true, true, false]);
    throttle.stop();
    expect(sent).toEqual([true, true, false]);
  });

  it('stops at once on send', () => {
    vi.useFakeTimers();
    const sent: boolean[] = [];
    const throttle = new TypingThrottle((typing) => sent.push(typing));
    throttle.input();
    throttle.stop();
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([true, false]);
  });
});

describe('parseSystemLine', () => {
  it('reads the keys the center stores, and keeps anything else as text', () => {
    expect(parseSystemLine('joined:Li Na')).toEqual({ key: 'joined', agent: 'Li Na' });
    expect(parseSystemLine('ended')).toEqual({ key: 'ended' });
    expect(parseSystemLine('customerLeft')).toEqual({ key: 'customerLeft' });
    expect(parseSystemLine('Something new')).toEqual({ key: 'raw', text: 'Something new' });
  });
});

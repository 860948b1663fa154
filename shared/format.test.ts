import { describe, expect, it } from 'vitest';
import { formatBytes, formatNumber, formatPercent, formatTimer } from './format';

describe('formatTimer', () => {
  it.each([
    [0, '0:00'],
    [7.9, '0:07'],
    [754, '12:34'],
    [3723, '1:02:03'],
    [-5, '0:00'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatTimer(seconds)).toBe(text);
  });
});

describe('Intl formatting', () => {
  it('follows the locale', () => {
    expect(formatNumber('en', 12345)).toBe('12,345');
    expect(formatPercent('en', 0.875)).toBe('88%');
    expect(formatPercent('zh-CN', 0.5)).toBe('50%');
    expect(formatBytes('en', 1_400_000)).toBe('1.4 MB');
  });
});

import { describe, expect, it } from 'vitest';
import { foldText, indexText, matchExpression, words } from './segment';

describe('segmentation for full-text search', () => {
  it('folds case, width and accents', () => {
    expect(foldText('Café ＣＡＦＥ Ünïcode')).toBe('cafe cafe unicode');
  });

  it('splits Chinese into words and indexes their characters and pairs', () => {
    expect(words('我要申请退款')).toEqual(expect.arrayContaining(['退款']));
    const tokens = indexText('申请退款').split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['退', '款', '退款']));
  });

  it('keeps Latin words and numbers whole', () => {
    expect(indexText('Refund order #12345, please!')).toBe('refund order 12345 please');
  });

  it('builds AND expressions, quoting each term, with an optional prefix on the last word', () => {
    expect(matchExpression('refund ord', { prefixLast: true })).toBe('"refund" AND "ord"*');
    expect(matchExpression('退款')).toBe('"退款"');
    expect(matchExpression('   ,,, ')).toBeNull();
    expect(matchExpression('say "hi"')).toBe('"say" AND "hi"');
  });

  it('lets a long Chinese word match through its character pairs', () => {
    // The segmenter reads 中华人民共和国 as 中华 | 人民 | 共和国.
    expect(matchExpression('中华人民共和国')).toBe('"中华" AND "人民" AND ("共和国" OR ("共和" AND "和国"))');
  });
});

import { describe, expect, it } from 'vitest';
import { foldText, foldWithOffsets, hanVariantCounts, indexText, matchExpression, wordSpans, words } from './segment';

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

describe('Simplified and Traditional Chinese fold together', () => {
  it.each([
    ['發票', '发票'],
    ['帳號', '账号'],
    ['賬號', '账号'],
    ['維修', '维修'],
    ['軟體', '软件'],
    ['登入', '登录'],
    ['簡訊', '短信'],
  ])('%s reads as %s', (traditional, simplified) => {
    expect(foldText(traditional)).toBe(foldText(simplified));
    expect(matchExpression(traditional)).toBe(matchExpression(simplified));
  });

  it('keeps every offset: one character folds to one character', () => {
    const text = '請問帳號 Café 登入';
    const folded = foldWithOffsets(text);
    expect(folded.text).toBe('请问账号 cafe 登录');
    expect(folded.text.length).toBe(text.length);
    expect([...folded.offsets]).toEqual([...Array(text.length + 1).keys()]);
  });

  it('maps offsets back across characters that fold away', () => {
    const decomposed = 'Cafe\u0301 ok';
    const folded = foldWithOffsets(decomposed);
    expect(folded.text).toBe('cafe ok');
    expect(folded.offsets[5]).toBe(6); // the space after the combining accent
  });

  it('counts Traditional-only and Simplified-only characters', () => {
    expect(hanVariantCounts('發票帳號')).toMatchObject({ han: 4, traditional: 3 });
    expect(hanVariantCounts('发票账号')).toMatchObject({ han: 4, traditional: 0, simplified: 3 });
    expect(hanVariantCounts('退款')).toMatchObject({ han: 2, traditional: 0, simplified: 0 });
  });
});

describe('index tokens', () => {
  it('adds character pairs across the segmenter’s word boundaries', () => {
    // However 订单还没发货 is split into words, the pairs 发货 and 订单 are tokens.
    const tokens = indexText('订单还没发货').split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['订单', '发货', '还没', '订', '货']));
  });

  it('indexes one- and two-character Chinese words so they match as typed', () => {
    expect(indexText('退').split(' ')).toEqual(['退']);
    expect(matchExpression('退')).toBe('"退"');
    expect(matchExpression('退款')).toBe('"退款"');
  });

  it('gives words with their offsets in the folded text', () => {
    expect(wordSpans('Hi 發票')).toEqual([
      { word: 'hi', start: 0, end: 2 },
      { word: '发票', start: 3, end: 5 },
    ]);
  });
});

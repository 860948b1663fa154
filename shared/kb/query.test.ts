import { describe, expect, it } from 'vitest';
import { maxQueryWords, parseQuery, suggestionQuery } from './query';

describe('parseQuery', () => {
  it('leaves out words that carry no meaning when others remain', () => {
    expect(parseQuery('how do I get a refund').words).toEqual(['refund']);
    expect(parseQuery('我要退款').words).toEqual(['退款']);
    expect(parseQuery('how to').words).toEqual(['how', 'to']);
  });

  it('matches the last Latin word as a prefix while typing, not after a space', () => {
    expect(parseQuery('refund ord', { prefix: true }).strict).toBe('"refund" AND "ord"*');
    expect(parseQuery('refund ord ', { prefix: true }).strict).toBe('"refund" AND "ord"');
    expect(parseQuery('refund ord', { prefix: false }).strict).toBe('"refund" AND "ord"');
  });

  it('has a relaxed OR form for when no article has every word', () => {
    expect(parseQuery('發票 抬頭')).toMatchObject({ strict: '"发票" AND "抬头"', relaxed: '"发票" OR "抬头"' });
    expect(parseQuery('发票').relaxed).toBeNull();
  });

  it('joins single characters the segmenter left apart back into a pair', () => {
    // 订单还没发货: the segmenter reads 发 | 货; as a query that must be the pair 发货.
    expect(parseQuery('还没发货').words).toEqual(['发货']);
  });

  it('answers nothing to punctuation and spaces', () => {
    expect(parseQuery('  ，。!! ')).toEqual({ words: [], strict: null, relaxed: null });
  });
});

describe('suggestionQuery', () => {
  it('searches any content word of a customer message and the queue', () => {
    const query = suggestionQuery('你好，我要退款，订单还没发货', 'Refunds');
    expect(query.words).toEqual(['退款', '订单', '发货', 'refunds']);
    expect(query.strict).toBe('"退款" OR "订单" OR "发货" OR "refunds"');
  });

  it('keeps the longest words of a long message', () => {
    const query = suggestionQuery('a1 b2 c3 d4 e5 f6 refund invoice delivery', undefined, 3);
    expect(query.words).toEqual(['refund', 'invoice', 'delivery']);
  });
});

describe('suggestion focus', () => {
  it('takes the word after 我要 / I want as what the customer asks for', () => {
    expect(suggestionQuery('您好，我要退款，订单还没发货').focus).toEqual(['退款']);
    expect(suggestionQuery('Hi, I want a refund, the parcel never came').focus).toEqual(['refund']);
    expect(suggestionQuery('订单还没发货').focus).toEqual([]);
  });
});

describe('query size', () => {
  it('keeps at most maxQueryWords words of a pasted paragraph', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    expect(parseQuery(words).words).toHaveLength(maxQueryWords);
  });
});

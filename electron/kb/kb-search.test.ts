import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article, SearchResponse } from '../../shared/kb/types';
import { kbServices } from './kb-test-support';

/**
 * Search on a real SQLite file with the sample knowledge base (27 articles in en, zh-CN and
 * zh-TW): the labelled set below says which article an agent typing the query wants.
 */

let kb: Awaited<ReturnType<typeof kbServices>>;
beforeAll(async () => {
  kb = await kbServices();
  await kb.services.kb.seedSample();
});
afterAll(async () => {
  await kb.close();
});

const search = (query: string, extra: Record<string, unknown> = {}) =>
  kb.call('kb.search', { query, ...extra }) as Promise<SearchResponse>;
const ids = (response: SearchResponse) => response.hits.map((hit) => hit.article.id);

describe('search: Chinese words of one and two characters', () => {
  it.each([
    ['退款', 'refund-'],
    ['发票', 'invoice-'],
    ['维修', 'warranty-repair-'],
    ['密码', 'account-'],
    ['投诉', 'complaint-'],
  ])('%s finds its topic first', async (query, prefix) => {
    expect(ids(await search(query))[0]).toMatch(new RegExp(`^${prefix}`));
  });

  it('matches a single character', async () => {
    const result = await search('票');
    expect(ids(result)).toEqual(expect.arrayContaining(['invoice-request-zh-cn', 'invoice-request-zh-tw']));
  });

  it('matches a two-character word however the article’s text was segmented', async () => {
    // 发货 appears inside 还没发货 and 发货前, where the segmenter draws other boundaries.
    expect(ids(await search('发货'))).toContain('refund-policy-zh-cn');
  });
});

describe('search: Simplified and Traditional find the same articles', () => {
  it.each([
    ['发票', '發票'],
    ['账号', '帳號'],
    ['维修', '維修'],
    ['登录', '登入'],
  ])('%s and %s', async (simplified, traditional) => {
    const a = await search(simplified);
    const b = await search(traditional);
    expect(ids(a).length).toBeGreaterThan(0);
    expect(ids(b)).toEqual(ids(a));
  });

  it('marks the Traditional text for a Simplified query', async () => {
    const hit = (await search('发票', { filters: { language: 'zh-TW' } })).hits[0];
    expect(hit?.article.id).toBe('invoice-request-zh-tw');
    const [a, b] = hit?.title.highlights[0] ?? [0, 0];
    expect(hit?.title.text.slice(a, b)).toBe('發票');
  });
});

describe('search: English', () => {
  it('matches a prefix while the agent types, folding case and accents', async () => {
    expect(ids(await search('REFU'))).toEqual(expect.arrayContaining(['refund-policy-en', 'refund-agent-steps-en']));
    expect(ids(await search('invo'))[0]).toBe('invoice-request-en');
    expect(ids(await search('invóice', { prefix: false }))[0]).toBe('invoice-request-en');
  });

  it('does not match a prefix once the word is finished', async () => {
    expect(ids(await search('refu ', { prefix: true }))).toEqual([]);
  });

  it('matches word forms (refunds, delivered)', async () => {
    expect(ids(await search('refunded', { prefix: false }))).toContain('refund-policy-en');
    expect(ids(await search('delivered', { prefix: false }))).toContain('delivery-times-en');
  });
});

describe('search: ranking on a labelled set', () => {
  // query → the article that answers it (must be first), and articles that must be in the top 3.
  const labelled: [string, string, string[]?][] = [
    ['refund approval limit', 'refund-agent-steps-en'],
    ['refund PayPal', 'refund-policy-en'],
    ['invoice VAT number', 'invoice-request-en'],
    ['password forgotten', 'account-locked-en'],
    ['verify caller identity', 'identity-verification-en'],
    ['parcel lost courier', 'delivery-damaged-en'],
    ['escalate complaint supervisor', 'complaint-escalation-en'],
    ['发票 抬头 税号', 'invoice-correction-zh-cn', ['invoice-request-zh-cn']],
    ['电子发票 下载', 'invoice-request-zh-cn'],
    ['账号被盗', 'account-takeover-zh-cn'],
    ['快递 丢件', 'delivery-delay-zh-cn'],
    ['投诉 处理时限', 'complaint-submit-zh-cn'],
    ['統一編號', 'invoice-request-zh-tw'],
    ['超商取貨', 'delivery-zh-tw'],
    ['詐騙簡訊', 'phishing-zh-tw'],
    ['保固 維修', 'warranty-repair-zh-tw'],
    ['维修', 'warranty-repair-zh-cn', ['warranty-repair-zh-tw']],
  ];
  it.each(labelled)('%s → %s', async (query, first, alsoTop3 = []) => {
    const found = ids(await search(query, { prefix: false }));
    expect(found[0]).toBe(first);
    for (const id of alsoTop3) expect(found.slice(0, 3)).toContain(id);
  });

  it('puts the more useful article first among equally relevant ones', async () => {
    await kb.as('supervisor', 'Ranker');
    const make = (title: string) =>
      kb.call('kb.save', {
        title,
        body: 'Gift wrapping is free for orders over 50.',
        language: 'en',
      }) as Promise<Article>;
    await make('Gift wrapping A');
    await make('Gift wrapping B');
    const before = ids(await search('gift wrapping', { prefix: false }));
    expect(before).toHaveLength(2);
    // Three agents found the one ranked second helpful: it comes first.
    const second = before[1] as string;
    for (const name of ['u1', 'u2', 'u3']) {
      await kb.as('agent', name);
      await kb.call('kb.vote', { id: second, helpful: true });
    }
    expect(ids(await search('gift wrapping', { prefix: false }))).toEqual([second, before[0]]);
  });

  it('ranks the agent’s own language a little higher without hiding the others', async () => {
    const tw = ids(await search('退款', { preferLanguage: 'zh-TW' }));
    const cn = ids(await search('退款', { preferLanguage: 'zh-CN' }));
    expect(tw[0]).toBe('refund-policy-zh-tw');
    expect(cn[0]).toMatch(/zh-cn$/);
    expect(cn).toContain('refund-policy-zh-tw');
  });
});

describe('search: filters, snippets, relaxed matches', () => {
  it('filters by category (and below), tag, language and audience', async () => {
    const inRefunds = await search('', { filters: { category: 'Refunds' }, limit: 50 });
    expect(inRefunds.hits).toHaveLength(5);
    expect(inRefunds.hits.every((hit) => hit.article.category === 'Refunds')).toBe(true);
    const customer = await search('退款', { filters: { audience: 'customer', language: 'zh-CN' } });
    expect(ids(customer)[0]).toBe('refund-policy-zh-cn');
    expect(customer.hits.every((h) => h.article.audience === 'customer' && h.article.language === 'zh-CN')).toBe(true);
    const tagged = await search('refund', { filters: { tag: 'Approval limits' } });
    expect(ids(tagged)).toEqual(['refund-agent-steps-en']);
    expect(ids(await search('', { filters: { tag: '統一編號' } }))).toEqual(['invoice-request-zh-tw']);
  });

  it('answers a snippet with the matches marked, as text and ranges', async () => {
    const hit = (await search('专票', { prefix: false })).hits.find((h) => h.article.id === 'invoice-request-zh-cn');
    expect(hit).toBeDefined();
    const marks = hit?.snippet.highlights.map(([a, b]) => hit.snippet.text.slice(a, b)) ?? [];
    expect(marks).toContain('专票');
  });

  it('falls back to articles with some of the words, and says so', async () => {
    const result = await search('refund unicorn', { prefix: false });
    expect(result.relaxed).toBe(true);
    expect(ids(result)[0]).toMatch(/^refund-/);
  });

  it('never lets a typed word match the filter tokens', async () => {
    expect(ids(await search('f1l0'))).toEqual([]);
    expect(ids(await search('f1', { prefix: true }))).toEqual([]);
  });
});

describe('suggestions from a conversation', () => {
  it('suggests the refund article for 我要退款, in the customer’s script', async () => {
    const cn = (await kb.call('kb.suggest', { text: '我要退款' })) as SearchResponse;
    expect(ids(cn)[0]).toBe('refund-policy-zh-cn');
    const tw = (await kb.call('kb.suggest', { text: '請問退款什麼時候會入帳？' })) as SearchResponse;
    expect(ids(tw)[0]).toBe('refund-policy-zh-tw');
  });

  it('uses the queue name as a further hint and finds nothing in small talk', async () => {
    const result = (await kb.call('kb.suggest', { text: 'hi, are you there?', queue: 'Invoices' })) as SearchResponse;
    expect(ids(result)[0]).toMatch(/^invoice-/);
    expect(((await kb.call('kb.suggest', { text: '你好，在吗？' })) as SearchResponse).hits).toEqual([]);
  });
});

describe('suggestions: what the customer asks for', () => {
  it('ranks the refund article first for a message that also mentions the delivery', async () => {
    const result = (await kb.call('kb.suggest', {
      text: '您好，我要退款，订单还没发货',
      queue: '售后',
    })) as SearchResponse;
    // A refund article first (the policy or the agent's steps: both answer it), the delivery one too.
    expect(ids(result)[0]).toMatch(/^refund-.*-zh-cn$/);
    expect(ids(result)).toContain('delivery-delay-zh-cn');
  });

  it('lets what the customer wrote outrank the queue’s name', async () => {
    // "After-sales" alone would match an invoice article that mentions a sale.
    const result = (await kb.call('kb.suggest', { text: '我要退款', queue: 'After-sales' })) as SearchResponse;
    expect(ids(result)[0]).toMatch(/^refund-/);
    // With nothing to go on in the message, the queue's name still suggests something.
    const fallback = (await kb.call('kb.suggest', { text: 'hello?', queue: 'Refunds' })) as SearchResponse;
    expect(ids(fallback)[0]).toMatch(/^refund-/);
  });
});

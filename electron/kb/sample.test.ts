import { describe, expect, it } from 'vitest';
import { parseArticleFile } from './article-file';
import { sampleArticles } from './sample-articles';
import { readSampleFolder } from './tools/generate-sample-module';

describe('the sample knowledge base', () => {
  it('is embedded exactly as the Markdown files say (run the generator after editing them)', () => {
    expect(sampleArticles).toEqual(readSampleFolder());
  });

  it('has at least 20 valid articles in en, zh-CN and zh-TW on the demo’s topics', () => {
    const parsed = sampleArticles.map((file) => parseArticleFile(file.path, new TextEncoder().encode(file.text)));
    const articles = parsed.map((outcome) => {
      if (!outcome.ok) throw new Error(`${outcome.reason}: ${outcome.detail}`);
      return outcome.article;
    });
    expect(articles.length).toBeGreaterThanOrEqual(20);
    for (const language of ['en', 'zh-CN', 'zh-TW'] as const) {
      expect(articles.filter((a) => a.language === language).length, language).toBeGreaterThanOrEqual(5);
    }
    const categories = new Set(articles.map((a) => a.category));
    for (const topic of ['Refunds', 'Invoices', 'Delivery', 'Account security', 'Complaints'])
      expect(categories).toContain(topic);
    expect(articles.filter((a) => a.audience === 'customer').length).toBeGreaterThanOrEqual(10);
    // Links between articles point at articles that exist.
    const ids = new Set(articles.map((a) => a.id));
    for (const article of articles) {
      for (const [, id] of article.body.matchAll(/\(kb:([a-z0-9-]+)\)/g))
        expect(ids, `${article.id} → ${id}`).toContain(id);
    }
    // Each body is a real answer, not a stub.
    for (const article of articles) expect(article.body.length, article.id).toBeGreaterThan(300);
  });
});

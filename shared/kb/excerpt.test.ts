import { describe, expect, it } from 'vitest';
import { articleLinkText, articleUrl, excerptOf } from './excerpt';

describe('what the pane inserts', () => {
  it('links the public help page of an article', () => {
    expect(articleUrl('http://127.0.0.1:5174', 'refund-policy-zh-cn')).toBe(
      'http://127.0.0.1:5174/help/refund-policy-zh-cn',
    );
    expect(articleLinkText('退款说明', 'http://127.0.0.1:5174/', 'refund-policy-zh-cn')).toBe(
      '退款说明 http://127.0.0.1:5174/help/refund-policy-zh-cn',
    );
  });

  it('excerpts the text, not the Markdown, cut after a sentence', () => {
    expect(excerptOf('## Steps\n\n1. **Open** [My orders](https://x.example)\n2. Select it')).toBe(
      'Steps Open My orders Select it',
    );
    const long = `${'退款原路返回。'.repeat(60)}`;
    const cut = excerptOf(long, 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut.endsWith('。')).toBe(true);
    expect(excerptOf('word '.repeat(100), 30)).toMatch(/^(word ){5}word…$|…$/);
  });
});

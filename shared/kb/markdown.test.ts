import { describe, expect, it } from 'vitest';
import { markdownToText, parseMarkdown, safeLink, toHtml, type MdNode } from './markdown';

const html = (source: string): string => toHtml(parseMarkdown(source), { articleHref: (id) => `/help/${id}` });

function allAttrs(nodes: readonly MdNode[]): string[] {
  const out: string[] = [];
  const walk = (list: readonly MdNode[]): void => {
    for (const node of list) {
      if (typeof node === 'string') continue;
      out.push(node.tag, ...Object.keys(node.attrs ?? {}));
      walk(node.children);
    }
  };
  walk(nodes);
  return out;
}

describe('Markdown sanitization', () => {
  it('turns <script> into text, never a tag', () => {
    const out = html('Hello <script>alert(1)</script>\n\n<script src="x.js"></script>');
    expect(out).not.toMatch(/<script/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('leaves no inline event handler: onerror= stays text', () => {
    const out = html('<img src=x onerror="alert(1)"> and <a href="#" onclick="steal()">x</a>');
    expect(out).not.toMatch(/<img|<a /i);
    expect(out).toContain('onerror=&quot;alert(1)&quot;');
    expect(allAttrs(parseMarkdown('<img src=x onerror="alert(1)">'))).toEqual(['p']);
  });

  it('strips javascript:, vbscript:, data: and file: links, keeping their text', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'vbscript:x',
      'data:text/html,<b>x</b>',
      'file:///etc/passwd',
    ]) {
      const out = html(`[click me](${href})`);
      expect(out, href).not.toMatch(/href=/);
      expect(out, href).toContain('click me');
    }
    expect(html('<javascript:alert(1)>')).not.toMatch(/href=/);
  });

  it('refuses relative and protocol-relative links', () => {
    expect(safeLink('/admin')).toBeNull();
    expect(safeLink('//evil.example/x')).toBeNull();
    expect(safeLink('../secrets.md')).toBeNull();
  });

  it('opens safe links in a new browsing context without access to the app', () => {
    const out = html('[Track](https://courier.example/track?id=1&x=2) or mail <support@example.com>');
    expect(out).toContain(
      '<a href="https://courier.example/track?id=1&amp;x=2" target="_blank" rel="noopener noreferrer nofollow">Track</a>',
    );
    expect(out).toContain('href="mailto:support@example.com"');
  });

  it('links articles to each other with kb:<id>', () => {
    const tree = parseMarkdown('See [refunds](kb:refund-policy-en).');
    expect(tree).toEqual([
      {
        tag: 'p',
        children: ['See ', { tag: 'a', attrs: { articleId: 'refund-policy-en' }, children: ['refunds'] }, '.'],
      },
    ]);
    expect(html('See [refunds](kb:refund-policy-en).')).toContain('href="/help/refund-policy-en"');
  });

  it('renders images as links labelled with their alt text (no remote loads)', () => {
    expect(html('![Return label](https://cdn.example/label.png)')).toBe(
      '<p><a href="https://cdn.example/label.png" target="_blank" rel="noopener noreferrer nofollow">Return label</a></p>',
    );
    expect(html('![x](javascript:alert(1))')).toBe('<p>x</p>');
  });

  it('keeps the structure an article needs: headings, lists, tables, code, emphasis', () => {
    const out = html(
      '## Steps\n\n1. **Open** *My orders*\n2. `Refund`\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n```\ncode <b>\n```',
    );
    expect(out).toContain('<h2>Steps</h2>');
    expect(out).toContain('<ol><li><strong>Open</strong> <em>My orders</em></li><li><code>Refund</code></li></ol>');
    expect(out).toContain('<th style="text-align:left">a</th><th style="text-align:right">b</th>');
    expect(out).toContain('<pre><code>code &lt;b&gt;</code></pre>');
  });

  it('gives the readable text for the index and excerpts', () => {
    expect(markdownToText('# Title\n\nSome **bold** [link](https://x.example).\n\n- one\n- two')).toBe(
      'Title\nSome bold link.\none\ntwo',
    );
  });
});

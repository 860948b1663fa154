import { escapeHtml, parseMarkdown, toHtml } from '../../shared/kb/markdown';
import type { KnowledgeBaseService } from './kb-service';

/**
 * The page a customer sees at /help/:id: one customer-facing article as a complete, small HTML
 * document. No scripts, styles inline, the body rendered from the same sanitized tree as in the
 * app (shared/kb/markdown.ts); a CSP meta tag forbids scripts even if a proxy injected one.
 * Answers null for an article that does not exist, is archived, or is internal.
 */
export async function renderPublicArticlePage(kb: KnowledgeBaseService, articleId: string): Promise<string | null> {
  const article = await kb.publicArticle(articleId);
  if (article === null) return null;
  const body = toHtml(parseMarkdown(article.body), { articleHref: (id) => `/help/${encodeURIComponent(id)}` });
  const updated = article.updatedAt.slice(0, 10);
  const lang = article.language;
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(article.title)}</title>
<style>
  :root { color-scheme: light dark; }
  body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", "PingFang SC", "PingFang TC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f2328; background: #f6f8fa; }
  main { max-width: 720px; margin: 0 auto; padding: 32px 20px 48px; background: #fff; min-height: 100vh; box-sizing: border-box; }
  h1 { font-size: 1.6em; line-height: 1.3; margin: 0 0 4px; }
  .updated { color: #59636e; font-size: 0.85em; margin: 0 0 24px; }
  h2 { font-size: 1.25em; margin: 1.6em 0 0.5em; }
  h3, h4, h5, h6 { font-size: 1.05em; margin: 1.4em 0 0.4em; }
  a { color: #0969da; }
  table { border-collapse: collapse; width: 100%; margin: 1em 0; font-size: 0.95em; }
  th, td { border: 1px solid #d1d9e0; padding: 6px 10px; text-align: start; vertical-align: top; }
  th { background: #f6f8fa; }
  blockquote { margin: 1em 0; padding: 0 1em; color: #59636e; border-inline-start: 4px solid #d1d9e0; }
  code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; background: #eff1f3; padding: 0.1em 0.3em; border-radius: 4px; }
  pre { background: #eff1f3; padding: 12px; border-radius: 6px; overflow: auto; }
  pre code { background: none; padding: 0; }
  @media (prefers-color-scheme: dark) {
    body { color: #e6edf3; background: #0d1117; }
    main { background: #161b22; }
    .updated, blockquote { color: #9198a1; }
    a { color: #4493f8; }
    th { background: #1f242b; }
    th, td { border-color: #3d444d; }
    code, pre { background: #262c36; }
  }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(article.title)}</h1>
<p class="updated"><time datetime="${escapeHtml(article.updatedAt)}">${escapeHtml(updated)}</time></p>
${body}
</main>
</body>
</html>
`;
}

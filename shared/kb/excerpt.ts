import { markdownToText } from './markdown';

/**
 * What the pane inserts into a reply: a link to the public help page of a customer-facing
 * article, or an excerpt of its text. The chat shows the link as text the customer can open.
 */

/** The public page of a customer-facing article on the host the agent's UI came from. */
export function articleUrl(origin: string, articleId: string): string {
  return `${origin.replace(/\/+$/, '')}/help/${encodeURIComponent(articleId)}`;
}

/** "Title https://host/help/id": the text inserted for a link. */
export function articleLinkText(title: string, origin: string, articleId: string): string {
  return `${title} ${articleUrl(origin, articleId)}`;
}

const sentenceEnd = /[。！？!?.](?=\s|$)|[。！？]/gu;

/**
 * The first paragraphs of an article as plain text, at most about `maxLength` characters,
 * cut after a sentence where possible, with an ellipsis when cut.
 */
export function excerptOf(markdown: string, maxLength = 280): string {
  const text = markdownToText(markdown)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join(' ');
  if (text.length <= maxLength) return text;
  const head = text.slice(0, maxLength);
  let cut = -1;
  for (const match of head.matchAll(sentenceEnd)) {
    if (match.index !== undefined && match.index > maxLength / 3) cut = match.index + match[0].length;
  }
  return cut > 0 ? head.slice(0, cut).trim() : `${head.replace(/\s+\S*$/u, '').trimEnd()}…`;
}

import MarkdownIt from 'markdown-it';

/**
 * Markdown for articles, safe by construction. markdown-it parses with HTML off (a `<script>`
 * in an article is text, never a tag), and its tokens are turned into a small tree of allowed
 * elements with only the attributes this module sets itself: nothing from the source is copied
 * into an attribute except a link target that passed safeLink. The renderer turns the tree
 * into React elements and the public help page into escaped HTML; neither ever parses HTML.
 */

export const allowedTags = [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'em',
  'strong',
  's',
  'a',
  'hr',
  'br',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
] as const;
export type MdTag = (typeof allowedTags)[number];

export interface MdAttrs {
  /** Only on 'a': an http(s), mailto or tel URL that passed safeLink. */
  readonly href?: string;
  /** Only on 'a': a link to another article ("kb:refund-policy"). */
  readonly articleId?: string;
  readonly title?: string;
  /** Only on 'ol'. */
  readonly start?: number;
  /** Only on 'th' and 'td'. */
  readonly align?: 'left' | 'center' | 'right';
}

export interface MdElement {
  readonly tag: MdTag;
  readonly attrs?: MdAttrs;
  readonly children: MdNode[];
}

export type MdNode = string | MdElement;

const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: false });
// Our own check decides; markdown-it's would drop some links before we see them.
md.validateLink = () => true;

const safeProtocols = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const articleLink = /^kb:([a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?)$/;

export type SafeLink =
  { readonly kind: 'url'; readonly href: string } | { readonly kind: 'article'; readonly id: string };

/**
 * A link target we are willing to render, or null. Only absolute http(s), mailto: and tel:
 * URLs, and kb:<article-id> for links between articles. javascript:, data:, vbscript:, file:,
 * relative and protocol-relative links are refused (shown as their text).
 */
export function safeLink(raw: string): SafeLink | null {
  const href = raw.trim();
  // Control characters and whitespace inside a scheme are how "java\tscript:" slips past naive checks.
  if (href.length === 0 || href.length > 2000 || /[\p{Cc}\s]/u.test(href)) return null;
  const article = articleLink.exec(href);
  if (article?.[1] !== undefined) return { kind: 'article', id: article[1] };
  // No URL class here (shared/ runs without DOM or Node types): the scheme decides.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  if (scheme === undefined || !safeProtocols.has(`${scheme}:`)) return null;
  if ((scheme === 'http' || scheme === 'https') && !/^https?:\/\/[^/?#\\@]*[a-z0-9\]]/i.test(href)) return null;
  if (scheme === 'mailto' && !/^mailto:[^@]+@[^@]+$/i.test(href.split('?')[0] ?? '')) return null;
  if (scheme === 'tel' && !/^tel:\+?[0-9().-]{3,}$/i.test(href)) return null;
  return { kind: 'url', href };
}

type Token = ReturnType<typeof md.parse>[number];

/** markdown-it types attributes as string | number. */
function attr(token: Token, name: string): string | null {
  const value = token.attrGet(name);
  return value === null ? null : String(value);
}

const blockTags: Readonly<Record<string, MdTag>> = {
  paragraph: 'p',
  bullet_list: 'ul',
  ordered_list: 'ol',
  list_item: 'li',
  blockquote: 'blockquote',
  table: 'table',
  thead: 'thead',
  tbody: 'tbody',
  tr: 'tr',
  th: 'th',
  td: 'td',
  em: 'em',
  strong: 'strong',
  s: 's',
};

interface Frame {
  readonly element: MdElement | null;
  readonly children: MdNode[];
}

function alignOf(token: Token): MdAttrs['align'] | undefined {
  const style = attr(token, 'style') ?? '';
  const match = /text-align:\s*(left|center|right)/.exec(style);
  return match ? (match[1] as MdAttrs['align']) : undefined;
}

function pushText(children: MdNode[], text: string): void {
  if (text.length === 0) return;
  const last = children.at(-1);
  if (typeof last === 'string') children[children.length - 1] = last + text;
  else children.push(text);
}

function linkElement(href: string | null, title: string | null): MdElement | null {
  const link = href === null ? null : safeLink(href);
  if (link === null) return null;
  const attrs: MdAttrs =
    link.kind === 'url'
      ? { href: link.href, ...(title ? { title } : {}) }
      : { articleId: link.id, ...(title ? { title } : {}) };
  return { tag: 'a', attrs, children: [] };
}

function convert(tokens: readonly Token[]): MdNode[] {
  const root: Frame = { element: null, children: [] };
  const stack: Frame[] = [root];
  const top = (): Frame => stack[stack.length - 1] as Frame;
  const append = (node: MdNode): void => {
    if (typeof node === 'string') pushText(top().children, node);
    else top().children.push(node);
  };
  const open = (element: MdElement | null): void => {
    // A refused element (an unsafe link) still keeps its children, in the parent.
    if (element !== null) top().children.push(element);
    stack.push({ element, children: element === null ? top().children : element.children });
  };
  const close = (): void => {
    if (stack.length > 1) stack.pop();
  };

  const walk = (list: readonly Token[]): void => {
    for (const token of list) {
      const base = token.type.replace(/_(open|close)$/, '');
      if (token.nesting === -1) {
        close();
        continue;
      }
      switch (token.type) {
        case 'inline':
          walk(token.children ?? []);
          continue;
        case 'text':
          append(token.content);
          continue;
        case 'softbreak':
          append('\n');
          continue;
        case 'hardbreak':
          append({ tag: 'br', children: [] });
          continue;
        case 'code_inline':
          append({ tag: 'code', children: [token.content] });
          continue;
        case 'code_block':
        case 'fence':
          append({ tag: 'pre', children: [{ tag: 'code', children: [token.content.replace(/\n$/, '')] }] });
          continue;
        case 'hr':
          append({ tag: 'hr', children: [] });
          continue;
        case 'image': {
          // Images would load from anywhere (tracking, mixed content) and the CSP blocks remote
          // ones anyway: an image becomes a link to it, labelled with its alt text.
          const alt = token.content || attr(token, 'src') || '';
          const link = linkElement(attr(token, 'src'), attr(token, 'title'));
          if (link === null) append(alt);
          else append({ ...link, children: [alt] });
          continue;
        }
        case 'html_block':
        case 'html_inline':
          // Not produced with html: false; if a plugin ever did, it stays text.
          append(token.content);
          continue;
        case 'heading_open': {
          const level = /^h([1-6])$/.exec(token.tag)?.[1] ?? '2';
          open({ tag: `h${level}` as MdTag, children: [] });
          continue;
        }
        case 'ordered_list_open': {
          const start = Number(attr(token, 'start') ?? '1');
          const attrs: MdAttrs = Number.isInteger(start) && start !== 1 && start >= 0 && start < 1e6 ? { start } : {};
          open({ tag: 'ol', ...(attrs.start !== undefined ? { attrs } : {}), children: [] });
          continue;
        }
        case 'th_open':
        case 'td_open': {
          const align = alignOf(token);
          open({ tag: token.type === 'th_open' ? 'th' : 'td', ...(align ? { attrs: { align } } : {}), children: [] });
          continue;
        }
        case 'link_open':
          open(linkElement(attr(token, 'href'), attr(token, 'title')));
          continue;
        default:
          if (token.nesting === 1) {
            // Paragraphs of tight lists are hidden: their text sits in the <li> directly.
            const tag = token.hidden ? undefined : blockTags[base];
            // Unknown containers keep their content without a tag of their own.
            open(tag === undefined ? null : { tag, children: [] });
          } else if (token.content) {
            append(token.content);
          }
      }
    }
  };
  walk(tokens);
  return root.children;
}

/** The article body as a tree of allowed elements (see the module comment). */
export function parseMarkdown(source: string): MdNode[] {
  return convert(md.parse(source, {}));
}

const blockLevel: ReadonlySet<MdTag> = new Set<MdTag>([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'table',
  'tr',
  'hr',
]);

/** The readable text of a tree: what search indexes and snippets quote. Blocks end with a newline. */
export function plainText(nodes: readonly MdNode[]): string {
  let out = '';
  const walk = (list: readonly MdNode[]): void => {
    for (const node of list) {
      if (typeof node === 'string') {
        out += node;
        continue;
      }
      if (node.tag === 'br') out += '\n';
      else if (node.tag === 'td' || node.tag === 'th') {
        walk(node.children);
        out += ' ';
        continue;
      }
      // A block starts on a line of its own (a list nested right after its item's text).
      if (blockLevel.has(node.tag) && out.length > 0 && !out.endsWith('\n')) out += '\n';
      walk(node.children);
      if (blockLevel.has(node.tag) && !out.endsWith('\n')) out += '\n';
    }
  };
  walk(nodes);
  return out
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The body's readable text, for the index and for excerpts. */
export function markdownToText(source: string): string {
  return plainText(parseMarkdown(source));
}

const escapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => escapes[c] as string);

export interface HtmlOptions {
  /** Where kb:<id> links point: the public help page passes (id) => `/help/${id}`. */
  readonly articleHref?: (id: string) => string;
}

/**
 * The tree as HTML, every text and attribute escaped. Links open in a new browsing context
 * without access to this one (rel=noopener noreferrer).
 */
export function toHtml(nodes: readonly MdNode[], options: HtmlOptions = {}): string {
  const render = (node: MdNode): string => {
    if (typeof node === 'string') return escapeHtml(node);
    const inner = node.children.map(render).join('');
    const attrs: string[] = [];
    if (node.tag === 'a') {
      const href =
        node.attrs?.href ?? (node.attrs?.articleId ? options.articleHref?.(node.attrs.articleId) : undefined);
      if (href === undefined) return inner;
      attrs.push(`href="${escapeHtml(href)}"`, 'target="_blank"', 'rel="noopener noreferrer nofollow"');
      if (node.attrs?.title) attrs.push(`title="${escapeHtml(node.attrs.title)}"`);
    }
    if (node.tag === 'ol' && node.attrs?.start !== undefined) attrs.push(`start="${Math.trunc(node.attrs.start)}"`);
    if ((node.tag === 'td' || node.tag === 'th') && node.attrs?.align)
      attrs.push(`style="text-align:${node.attrs.align}"`);
    const open = `<${node.tag}${attrs.length ? ` ${attrs.join(' ')}` : ''}>`;
    if (node.tag === 'br' || node.tag === 'hr') return open;
    return `${open}${inner}</${node.tag}>`;
  };
  return nodes.map(render).join('');
}

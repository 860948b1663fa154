/** A piece of a chat message: plain text, or a link the page may make clickable. */
export type Segment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly href: string };

// Printable ASCII except quotes, angle brackets and backslash. ASCII only: a URL written next to Chinese text ("见https://x.cn/a。谢谢") ends where the Chinese starts.
const candidate = /https?:\/\/[\x21\x23-\x26\x28-\x3b\x3d\x3f-\x5b\x5d-\x7e]+/gi;
// Punctuation that ends a sentence rather than the URL.
const trailing = /[.,;:!?'")\]}]+$/;

/**
 * Splits message text into text and http(s) links. Only http: and https: URLs become links
 * (never javascript:, data: or anything else); the caller renders both kinds with textContent.
 */
export function linkify(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(candidate)) {
    const start = match.index;
    let url = match[0];
    const strip = trailing.exec(url);
    if (strip !== null) {
      let cut = strip[0];
      // Keep a closing parenthesis that belongs to the URL: https://en.wikipedia.org/wiki/A_(b)
      if (
        cut.startsWith(')') &&
        (url.match(/\(/g)?.length ?? 0) > (url.slice(0, -cut.length).match(/\)/g)?.length ?? 0)
      ) {
        cut = cut.slice(1);
      }
      url = url.slice(0, url.length - cut.length);
    }
    const href = safeHref(url);
    if (href === null) continue;
    if (start > last) segments.push({ kind: 'text', text: text.slice(last, start) });
    segments.push({ kind: 'link', text: url, href });
    last = start + url.length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}

/** The URL as the browser will open it, or null unless it is http(s) with a host. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    if (parsed.hostname === '') return null;
    return parsed.href;
  } catch {
    return null;
  }
}

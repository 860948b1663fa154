/**
 * Text segmentation for SQLite FTS5. FTS5's unicode61 tokenizer splits on spaces and
 * punctuation only, so a run of Chinese characters would be one token and "退款" would
 * never match "申请退款". We segment with Intl.Segmenter instead and hand FTS5 text whose
 * tokens are already separated by spaces.
 *
 * Index side: every word the segmenter finds, and for Chinese words also their single
 * characters and character pairs (bigrams), so one- and two-character queries match even
 * where the segmenter grouped the characters differently in the document.
 * Query side: each query word becomes one FTS5 term; longer Chinese words also match
 * through their bigrams.
 */

const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const han = /\p{Script=Han}/u;
const hanRun = /^[\p{Script=Han}]+$/u;

/** Case- and width-folded, accents stripped: "Café" and "ＣＡＦＥ" both read "cafe". */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFKC').toLowerCase();
}

/** The words of a text, folded, without spaces and punctuation. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const part of wordSegmenter.segment(foldText(text))) {
    if (part.isWordLike) out.push(part.segment);
  }
  return out;
}

function characterGrams(word: string): string[] {
  const chars = [...word];
  const grams = [...chars];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(`${chars[i]}${chars[i + 1]}`);
  return grams;
}

/** The text FTS5 should index: space-separated tokens (see the module comment). */
export function indexText(text: string): string {
  const tokens: string[] = [];
  for (const word of words(text)) {
    tokens.push(word);
    if (han.test(word) && hanRun.test(word) && [...word].length > 1) tokens.push(...characterGrams(word));
  }
  return tokens.join(' ');
}

const quote = (token: string): string => `"${token.replace(/"/g, '""')}"`;

export interface MatchOptions {
  /** The last Latin word matches as a prefix (results while typing). */
  readonly prefixLast?: boolean;
}

/**
 * An FTS5 MATCH expression for what a person typed: every word must match (AND).
 * Returns null when the text has no searchable word, so callers skip FTS entirely.
 */
export function matchExpression(text: string, options: MatchOptions = {}): string | null {
  const queryWords = words(text);
  if (queryWords.length === 0) return null;
  const terms = queryWords.map((word, index) => {
    const isLast = index === queryWords.length - 1;
    const chars = [...word];
    if (hanRun.test(word)) {
      if (chars.length <= 2) return quote(word);
      const bigrams = characterGrams(word).filter((gram) => [...gram].length === 2);
      return `(${quote(word)} OR (${bigrams.map(quote).join(' AND ')}))`;
    }
    return options.prefixLast && isLast ? `${quote(word)}*` : quote(word);
  });
  return terms.join(' AND ');
}

/**
 * Text segmentation for SQLite FTS5. FTS5's unicode61 tokenizer splits on spaces and
 * punctuation only, so a run of Chinese characters would be one token and "退款" would
 * never match "申请退款". We segment with Intl.Segmenter instead and hand FTS5 text whose
 * tokens are already separated by spaces.
 *
 * Folding (both sides, so they always agree): case, width and accents; Traditional Chinese
 * and Taiwan vocabulary onto Simplified (發票 → 发票, 帳號 → 账号, 軟體 → 软件). Every fold is
 * one character for one character (or a phrase for a phrase of the same length), so an
 * offset in folded text is an offset in the original: see foldWithOffsets, used for
 * highlighting.
 *
 * Index side: every word the segmenter finds, and for each run of Chinese characters also its
 * single characters and character pairs (bigrams), so one- and two-character queries match
 * wherever the segmenter drew the word boundaries in the document.
 * Query side: each query word becomes one FTS5 term; longer Chinese words also match
 * through their bigrams.
 */
import { hanCharacterFolds, hanPhraseFolds } from './han-variants';

const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const han = /\p{Script=Han}/u;
const hanRun = /^[\p{Script=Han}]+$/u;
const marks = /\p{M}/gu;

let hanChars: Map<string, string> | undefined;
let hanPhrases:
  { readonly map: Map<string, string>; readonly first: Set<string>; readonly longest: number } | undefined;

function hanCharTable(): Map<string, string> {
  if (hanChars === undefined) {
    hanChars = new Map();
    const chars = [...hanCharacterFolds];
    for (let i = 0; i + 1 < chars.length; i += 2) hanChars.set(chars[i] as string, chars[i + 1] as string);
  }
  return hanChars;
}

function hanPhraseTable(): NonNullable<typeof hanPhrases> {
  if (hanPhrases === undefined) {
    const map = new Map<string, string>();
    const first = new Set<string>();
    let longest = 0;
    for (const entry of hanPhraseFolds.split('|')) {
      const [from = '', to = ''] = entry.split(':');
      if (from.length < 2 || from.length !== to.length) continue;
      map.set(from, to);
      first.add(from[0] as string);
      longest = Math.max(longest, from.length);
    }
    hanPhrases = { map, first, longest };
  }
  return hanPhrases;
}

let simplifiedTargets: Set<string> | undefined;

/**
 * How many Chinese characters of a text are written only in Traditional (發, 帳) and only in
 * Simplified (发, 账); characters common to both (退, 款) count for neither.
 */
export function hanVariantCounts(text: string): {
  readonly han: number;
  readonly traditional: number;
  readonly simplified: number;
} {
  const table = hanCharTable();
  if (simplifiedTargets === undefined) {
    simplifiedTargets = new Set([...table.values()].filter((target) => !table.has(target)));
  }
  let han = 0;
  let traditional = 0;
  let simplified = 0;
  for (const ch of text) {
    if (!hanRun.test(ch)) continue;
    han++;
    if (table.has(ch)) traditional++;
    else if (simplifiedTargets.has(ch)) simplified++;
  }
  return { han, traditional, simplified };
}

/** Folded form of one code point; cached, the alphabet of real text is small. */
const foldCache = new Map<string, string>();
function foldCodePoint(ch: string): string {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  let folded = ch.normalize('NFKD').replace(marks, '').normalize('NFKC').toLowerCase();
  if (han.test(folded)) {
    const table = hanCharTable();
    folded = [...folded].map((c) => table.get(c) ?? c).join('');
  }
  if (foldCache.size < 100_000) foldCache.set(ch, folded);
  return folded;
}

export interface FoldedText {
  readonly text: string;
  /** For each UTF-16 index of `text` (and one past its end), the index in the original it came from. */
  readonly offsets: Int32Array;
}

function foldInternal(text: string, withOffsets: boolean): FoldedText {
  let out = '';
  const offsets: number[] = [];
  let hasHan = false;
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      // ASCII fast path: most Latin text never needs normalization.
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[i];
      if (withOffsets) offsets.push(i);
      i += 1;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i) as number);
    const folded = foldCodePoint(ch);
    if (!hasHan && han.test(folded)) hasHan = true;
    out += folded;
    if (withOffsets) for (let k = 0; k < folded.length; k++) offsets.push(i);
    i += ch.length;
  }
  if (hasHan) out = foldPhrases(out);
  if (withOffsets) offsets.push(text.length);
  return { text: out, offsets: withOffsets ? Int32Array.from(offsets) : new Int32Array(0) };
}

/** Taiwan vocabulary onto mainland vocabulary, longest phrase first; lengths never change. */
function foldPhrases(text: string): string {
  const { map, first, longest } = hanPhraseTable();
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (first.has(text[i] as string)) {
      let replaced = false;
      for (let length = Math.min(longest, text.length - i); length >= 2; length--) {
        const to = map.get(text.slice(i, i + length));
        if (to !== undefined) {
          out += to;
          i += length;
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    out += text[i];
    i += 1;
  }
  return out;
}

/**
 * Case- and width-folded, accents stripped, Traditional Chinese folded onto Simplified:
 * "Café" and "ＣＡＦＥ" both read "cafe", "發票" reads "发票".
 */
export function foldText(text: string): string {
  return foldInternal(text, false).text;
}

/** foldText plus, for each folded index, where it came from in the original (for highlights). */
export function foldWithOffsets(text: string): FoldedText {
  return foldInternal(text, true);
}

/** The words of a text, folded, without spaces and punctuation. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const part of wordSegmenter.segment(foldText(text))) {
    if (part.isWordLike) out.push(part.segment);
  }
  return out;
}

export interface WordSpan {
  readonly word: string;
  /** UTF-16 offsets in the folded text. */
  readonly start: number;
  readonly end: number;
}

/** words() with where each word sits in the folded text (adjacent words share an offset). */
export function wordSpans(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  for (const part of wordSegmenter.segment(foldText(text))) {
    if (part.isWordLike) out.push({ word: part.segment, start: part.index, end: part.index + part.segment.length });
  }
  return out;
}

function isHanWord(word: string): boolean {
  return hanRun.test(word);
}

function bigrams(chars: readonly string[]): string[] {
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(`${chars[i]}${chars[i + 1]}`);
  return grams;
}

/**
 * The text FTS5 should index: space-separated tokens (see the module comment). Each run of
 * adjacent Chinese words adds its characters and its bigrams, across word boundaries, so
 * "退款" matches "退款项" however the segmenter split it.
 */
export function indexText(text: string): string {
  const tokens: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    if (run.length > 1) tokens.push(...run, ...bigrams(run));
    else tokens.push(run[0] as string);
    run = [];
  };
  for (const part of wordSegmenter.segment(foldText(text))) {
    const word = part.segment;
    if (part.isWordLike && isHanWord(word)) {
      const chars = [...word];
      // Words of three or more characters are tokens of their own; shorter ones are covered by the grams.
      if (chars.length > 2) tokens.push(word);
      run.push(...chars);
      continue;
    }
    flush();
    if (part.isWordLike) tokens.push(word);
  }
  flush();
  return tokens.join(' ');
}

const quote = (token: string): string => `"${token.replace(/"/g, '""')}"`;

export interface MatchOptions {
  /** The last Latin word matches as a prefix (results while typing). */
  readonly prefixLast?: boolean;
}

/** One FTS5 term per query word: what matchExpression joins with AND (and a relaxed search with OR). */
export function queryTerms(text: string, options: MatchOptions = {}): string[] {
  return termsOf(words(text), options);
}

/** queryTerms for words already split and folded (see words()). */
export function termsOf(queryWords: readonly string[], options: MatchOptions = {}): string[] {
  return queryWords.map((word, index) => {
    const isLast = index === queryWords.length - 1;
    if (isHanWord(word)) {
      const chars = [...word];
      if (chars.length <= 2) return quote(word);
      return `(${quote(word)} OR (${bigrams(chars).map(quote).join(' AND ')}))`;
    }
    return options.prefixLast && isLast ? `${quote(word)}*` : quote(word);
  });
}

/**
 * An FTS5 MATCH expression for what a person typed: every word must match (AND).
 * Returns null when the text has no searchable word, so callers skip FTS entirely.
 */
export function matchExpression(text: string, options: MatchOptions = {}): string | null {
  const terms = queryTerms(text, options);
  return terms.length === 0 ? null : terms.join(' AND ');
}

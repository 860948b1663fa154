import { foldWithOffsets } from '../text/segment';
import type { Highlighted, Range } from './types';

/**
 * Highlights and snippets for search results, computed on the original text: matching runs on
 * the folded text (case, accents, Traditional/Simplified), and since folding keeps offsets,
 * "發票" in an article is marked for the query "发票". The UI gets plain text and ranges, and
 * renders the ranges as <mark> elements around text nodes: never HTML.
 */

const hanOnly = /^\p{Script=Han}+$/u;
const wordChar = /[\p{L}\p{N}]/u;

interface Hit {
  readonly start: number;
  readonly end: number;
  readonly word: number;
}

function occurrences(haystack: string, needle: string): number[] {
  const out: number[] = [];
  if (needle.length === 0) return out;
  for (let at = haystack.indexOf(needle); at !== -1 && out.length < 500; at = haystack.indexOf(needle, at + 1)) {
    out.push(at);
  }
  return out;
}

/** A crude English stem, only to find "refunds" for "refund" and "delivered" for "delivery" when marking. */
function stem(word: string): string {
  const stripped = word.replace(/(ies|ied|es|s|ed|ing|ly|y|e)$/u, '');
  return stripped.length >= 3 ? stripped : word;
}

function findHits(folded: string, queryWords: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  queryWords.forEach((word, index) => {
    if (hanOnly.test(word)) {
      let found = occurrences(folded, word).map((start) => ({ start, end: start + word.length, word: index }));
      const chars = [...word];
      if (found.length === 0 && chars.length > 2) {
        for (let i = 0; i + 1 < chars.length; i++) {
          const gram = `${chars[i]}${chars[i + 1]}`;
          found = found.concat(
            occurrences(folded, gram).map((start) => ({ start, end: start + gram.length, word: index })),
          );
        }
      }
      hits.push(...found);
      return;
    }
    const needles = new Set([word, stem(word)]);
    for (const needle of needles) {
      for (const start of occurrences(folded, needle)) {
        // Latin words match at a word start, and the mark covers the whole word ("refu" → "refunds").
        if (start > 0 && wordChar.test(folded[start - 1] as string)) continue;
        let end = start + needle.length;
        while (end < folded.length && wordChar.test(folded[end] as string) && !hanOnly.test(folded[end] as string))
          end++;
        hits.push({ start, end, word: index });
      }
    }
  });
  return hits.sort((a, b) => a.start - b.start || b.end - a.end);
}

function merge(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const range of sorted) {
    const last = out.at(-1);
    if (last !== undefined && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else out.push([range[0], range[1]]);
  }
  return out.filter(([a, b]) => b > a);
}

function toOriginal(hits: readonly Hit[], offsets: Int32Array): (Range & unknown)[] {
  return hits.map((hit) => [offsets[hit.start] ?? 0, offsets[hit.end] ?? 0] as Range);
}

/** Every match of the query words in a short text (a title). */
export function highlight(text: string, queryWords: readonly string[]): Highlighted {
  if (queryWords.length === 0 || text.length === 0) return { text, highlights: [] };
  const { text: folded, offsets } = foldWithOffsets(text);
  return { text, highlights: merge(toOriginal(findHits(folded, queryWords), offsets)) };
}

const breakBefore = /[\s。，、；：！？,.;:!?()（）「」"]/u;

/**
 * The passage of a longer text (an article's body) with the most distinct query words, about
 * maxLength characters, with an ellipsis where it was cut, and its matches marked.
 */
export function snippet(text: string, queryWords: readonly string[], maxLength = 180): Highlighted {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length === 0) return { text: '', highlights: [] };
  const { text: folded, offsets } = foldWithOffsets(flat);
  const hits = queryWords.length === 0 ? [] : findHits(folded, queryWords);
  const original = hits.map((hit, i) => ({ hit, range: toOriginal([hit], offsets)[0] as Range, i }));
  if (flat.length <= maxLength) return { text: flat, highlights: merge(original.map((o) => o.range)) };

  // The window (starting a little before some hit) that covers the most distinct words, then the most hits.
  const lead = Math.min(40, Math.floor(maxLength / 4));
  let bestStart = 0;
  let bestScore = -1;
  for (const { range } of original) {
    const start = Math.max(0, Math.min(range[0] - lead, flat.length - maxLength));
    const end = start + maxLength;
    const inside = original.filter((o) => o.range[0] >= start && o.range[1] <= end);
    const score = new Set(inside.map((o) => o.hit.word)).size * 1000 + inside.length;
    if (score > bestScore) {
      bestScore = score;
      bestStart = start;
    }
  }
  let start = bestStart;
  if (start > 0) {
    // Begin after a space or punctuation nearby rather than in the middle of a word.
    for (let i = start; i > Math.max(0, start - 20); i--) {
      if (breakBefore.test(flat[i - 1] as string)) {
        start = i;
        break;
      }
    }
  }
  const end = Math.min(flat.length, start + maxLength);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < flat.length ? '…' : '';
  const body = flat.slice(start, end);
  const shift = prefix.length - start;
  const highlights = merge(
    original
      .map((o) => o.range)
      .filter(([a, b]) => a < end && b > start)
      .map(([a, b]) => [Math.max(a, start) + shift, Math.min(b, end) + shift] as Range),
  );
  return { text: `${prefix}${body}${suffix}`, highlights };
}

/** Splits a highlighted text into plain and marked parts, for renderers. */
export function highlightParts(value: Highlighted): { readonly text: string; readonly marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [a, b] of merge(value.highlights)) {
    const start = Math.max(at, Math.min(a, value.text.length));
    const end = Math.min(b, value.text.length);
    if (start > at) parts.push({ text: value.text.slice(at, start), marked: false });
    if (end > start) parts.push({ text: value.text.slice(start, end), marked: true });
    at = Math.max(at, end);
  }
  if (at < value.text.length) parts.push({ text: value.text.slice(at), marked: false });
  return parts;
}

import { termsOf, wordSpans, type WordSpan } from '../text/segment';

/**
 * From what a person typed (or a customer wrote) to FTS5 MATCH expressions.
 *
 * - strict: every content word must match (AND). Words like "how", "我要", "请问" are left out
 *   when other words remain, so "how do I get a refund" searches refund, and "我要退款" 退款.
 * - relaxed: any content word (OR), used when strict finds nothing; bm25 ranks the articles
 *   that match more and rarer words first.
 * Adjacent single Chinese characters that the segmenter left apart ("发" "货") are joined
 * again, so they match as the pair (发货) rather than as two characters anywhere.
 */

const stopWordList = [
  // Mandarin function words and politeness (folded to Simplified, as words() returns them).
  '我',
  '你',
  '您',
  '他',
  '她',
  '它',
  '我们',
  '你们',
  '他们',
  '的',
  '了',
  '吗',
  '呢',
  '吧',
  '啊',
  '呀',
  '哦',
  '嗯',
  '在',
  '是',
  '有',
  '和',
  '与',
  '跟',
  '就',
  '都',
  '也',
  '还',
  '要',
  '我要',
  '想',
  '我想',
  '想要',
  '请',
  '请问',
  '问',
  '帮',
  '帮我',
  '一下',
  '这',
  '那',
  '这个',
  '那个',
  '怎么',
  '怎样',
  '怎么办',
  '如何',
  '什么',
  '为什么',
  '为何',
  '可以',
  '能',
  '能不能',
  '可不可以',
  '会',
  '不',
  '没',
  '没有',
  '好',
  '你好',
  '您好',
  '谢谢',
  '麻烦',
  '一个',
  '个',
  '今天',
  '昨天',
  '现在',
  '已经',
  '但是',
  '因为',
  '所以',
  '如果',
  '还是',
  '或者',
  '把',
  '被',
  '给',
  '让',
  '对',
  '又',
  '再',
  '很',
  '太',
  '啦',
  '么',
  '嘛',
  '哪',
  '哪里',
  '哪个',
  '多少',
  '吗',
  '客服',
  '您们',
  '亲',
  '谢',
  '下',
  '一',
  '上',
  // English.
  'a',
  'an',
  'the',
  'i',
  'me',
  'my',
  'we',
  'our',
  'you',
  'your',
  'it',
  'its',
  'this',
  'that',
  'these',
  'those',
  'to',
  'of',
  'in',
  'on',
  'at',
  'for',
  'from',
  'with',
  'by',
  'and',
  'or',
  'but',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'am',
  'do',
  'does',
  'did',
  'can',
  'could',
  'would',
  'should',
  'will',
  'shall',
  'may',
  'might',
  'must',
  'have',
  'has',
  'had',
  'how',
  'what',
  'why',
  'when',
  'where',
  'which',
  'who',
  'please',
  'pls',
  'hi',
  'hello',
  'hey',
  'thanks',
  'thank',
  'there',
  'here',
  'so',
  'if',
  'not',
  'no',
  'yes',
  'get',
  'got',
  'want',
  'need',
  'just',
  'about',
  'any',
  'some',
  'still',
  'yet',
  'im',
  "i'm",
  'dont',
  "don't",
  'cant',
  "can't",
  'help',
  'as',
  'up',
  'out',
  'all',
];
export const stopWords: ReadonlySet<string> = new Set(stopWordList);

const hanOnly = /^\p{Script=Han}+$/u;
const latinLike = /[\p{L}\p{N}]/u;

export interface ParsedQuery {
  /** The content words, folded, as searched. */
  readonly words: readonly string[];
  /**
   * For suggestions: the words right after "我要 / 想 / 申请 / I want / need…", what the
   * customer asks for; articles with them in the title rank higher.
   */
  readonly focus?: readonly string[];
  /** Every word (AND); null when nothing is searchable. */
  readonly strict: string | null;
  /** Any word (OR); null when there is only one word (then it equals strict). */
  readonly relaxed: string | null;
}

function contentWords(text: string, dropStopWords: boolean): string[] {
  const all = wordSpans(text);
  const kept = all.filter((piece) => !dropStopWords || !stopWords.has(piece.word));
  // Keep stop words when they are all there is ("how to"): the person typed them for a reason.
  const chosen = kept.length > 0 ? kept : all;
  const merged: string[] = [];
  let run = '';
  let previous: WordSpan | undefined;
  for (const piece of chosen) {
    const single = hanOnly.test(piece.word) && [...piece.word].length === 1;
    const adjacent = previous !== undefined && previous.end === piece.start;
    if (single && run !== '' && adjacent && [...run].length < 4) {
      run += piece.word;
    } else {
      if (run !== '') merged.push(run);
      run = single ? piece.word : '';
      if (!single) merged.push(piece.word);
    }
    previous = piece;
  }
  if (run !== '') merged.push(run);
  return dedupe(merged.filter((word) => latinLike.test(word)));
}

function dedupe(list: readonly string[]): string[] {
  return [...new Set(list)];
}

/** More words than anyone types; a pasted paragraph is cut here so a query stays cheap. */
export const maxQueryWords = 24;

/** Typed search: strict first, relaxed when strict finds nothing. */
export function parseQuery(text: string, options: { readonly prefix?: boolean } = {}): ParsedQuery {
  const list = contentWords(text, true).slice(0, maxQueryWords);
  if (list.length === 0) return { words: [], strict: null, relaxed: null };
  // "refund " (a space typed after it) is a finished word; "refu" is still being typed.
  const endsInWord = /[\p{L}\p{N}]$/u.test(text);
  const terms = termsOf(list, { prefixLast: (options.prefix ?? false) && endsInWord });
  return {
    words: list,
    strict: terms.join(' AND '),
    relaxed: terms.length > 1 ? terms.join(' OR ') : null,
  };
}

const intentMarkers: ReadonlySet<string> = new Set([
  '要',
  '我要',
  '想',
  '我想',
  '想要',
  '申请',
  '需要',
  '办理',
  '要求',
  '请求',
  '怎么',
  '如何',
  '怎样',
  '能否',
  '帮我',
  'want',
  'need',
  'request',
  'how',
  'can',
  'please',
  'wanna',
]);

/** The first content word after each intent marker ("我要退款" → 退款). */
function focusWords(text: string): string[] {
  const spans = wordSpans(text);
  const out: string[] = [];
  for (let i = 0; i < spans.length; i++) {
    if (!intentMarkers.has((spans[i] as WordSpan).word)) continue;
    const next = spans.slice(i + 1).find((span) => !stopWords.has(span.word) && !intentMarkers.has(span.word));
    if (next !== undefined) out.push(next.word);
  }
  return dedupe(out);
}

/**
 * Suggestions from a conversation: what the customer wrote and the queue's name. Always
 * relaxed (a customer's sentence never has every word in one article); the longest,
 * rarest-looking words are kept when the message is long.
 */
export function suggestionQuery(text: string, queue?: string, maxWords = 16): ParsedQuery {
  const fromText = contentWords(text, true).filter((word) => !stopWords.has(word));
  const fromQueue = queue ? contentWords(queue, true).filter((word) => !stopWords.has(word)) : [];
  let list = dedupe([...fromText, ...fromQueue]);
  if (list.length > maxWords) {
    // Longer words carry more meaning ("退款" over "退"); keep the original order among those kept.
    const keep = new Set([...list].sort((a, b) => [...b].length - [...a].length).slice(0, maxWords));
    list = list.filter((word) => keep.has(word));
  }
  if (list.length === 0) return { words: [], strict: null, relaxed: null };
  const terms = termsOf(list);
  const any = terms.join(' OR ');
  return { words: list, strict: any, relaxed: null, focus: focusWords(text).filter((word) => list.includes(word)) };
}

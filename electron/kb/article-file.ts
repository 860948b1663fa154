import crypto from 'node:crypto';
import { parseDocument, stringify } from 'yaml';
import {
  articleIdPattern,
  categoryPathSchema,
  kbAudiences,
  kbLanguages,
  maxBodyLength,
  maxTitleLength,
  tagsSchema,
  type ImportSkipReason,
  type KbAudience,
  type KbLanguage,
} from '../../shared/kb/types';
import { detectLanguage } from '../../shared/kb/language';

/**
 * One Markdown file of the import/export format:
 *
 *   ---
 *   id: refund-policy          (optional; else derived from the file's path)
 *   title: Refund policy       (optional; else the first "# heading", else the file name)
 *   tags: [refund, payment]    (a list, or "refund, payment")
 *   language: en               (en | zh-CN | zh-TW; else detected from the text)
 *   audience: customer         (internal | customer; default internal)
 *   author: 王芳               (optional)
 *   ---
 *   Markdown body…
 *
 * The folder it sits in, relative to the imported folder, is its category ("退款/信用卡").
 */

export const maxFileBytes = 1024 * 1024;

export interface ParsedArticleFile {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly category: string;
  readonly tags: string[];
  readonly language: KbLanguage;
  readonly audience: KbAudience;
  readonly author: string | undefined;
  readonly sourcePath: string;
}

export type ParseOutcome =
  | { readonly ok: true; readonly article: ParsedArticleFile }
  | { readonly ok: false; readonly reason: ImportSkipReason; readonly detail: string };

const refuse = (reason: ImportSkipReason, detail: string): ParseOutcome => ({ ok: false, reason, detail });

/** The offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let code = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

const languageAliases: Readonly<Record<string, KbLanguage>> = {
  en: 'en',
  'en-us': 'en',
  'en-gb': 'en',
  english: 'en',
  zh: 'zh-CN',
  'zh-cn': 'zh-CN',
  'zh-hans': 'zh-CN',
  'zh-sg': 'zh-CN',
  'zh-tw': 'zh-TW',
  'zh-hant': 'zh-TW',
  'zh-hk': 'zh-TW',
};

const audienceAliases: Readonly<Record<string, KbAudience>> = {
  internal: 'internal',
  agents: 'internal',
  private: 'internal',
  customer: 'customer',
  customers: 'customer',
  public: 'customer',
  external: 'customer',
};

/** The language of a file without `language:` in its front matter. */
function languageOf(text: string): KbLanguage {
  return detectLanguage(text) ?? 'en';
}

/** A stable id from the file's path: readable when the path is ASCII, else a short hash. */
export function idFromPath(relativePath: string): string {
  const withoutExt = relativePath.replace(/\.(md|markdown)$/i, '');
  const ascii = /^[\x20-\x7e]+$/.test(withoutExt);
  const slug = withoutExt
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
  if (ascii && slug.length > 0 && articleIdPattern.test(slug)) return slug;
  const hash = crypto.createHash('sha256').update(relativePath.normalize('NFC')).digest('hex').slice(0, 12);
  return slug.length > 0 ? `${slug.slice(0, 40).replace(/-+$/g, '')}-${hash}` : `kb-${hash}`;
}

/** The category a file's folder stands for: its path relative to the imported folder. */
export function categoryFromPath(relativePath: string): string {
  const levels = relativePath.split(/[\\/]/).slice(0, -1);
  return levels.join('/');
}

function splitFrontMatter(text: string): { yaml: string | null; body: string } | { error: string } {
  if (!/^---[ \t]*\r?\n/.test(text)) return { yaml: null, body: text };
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    if (/^(---|\.\.\.)[ \t]*$/.test(lines[i] as string)) {
      return { yaml: lines.slice(1, i).join('\n'), body: lines.slice(i + 1).join('\n') };
    }
  }
  return { error: 'front matter starts with --- but has no closing --- line' };
}

function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * Reads one file of the import format. Refusals name the reason and say what to fix, in one line.
 * `relativePath` uses "/" between folders.
 */
export function parseArticleFile(relativePath: string, bytes: Uint8Array): ParseOutcome {
  if (bytes.length > maxFileBytes) {
    return refuse('too_large', `${bytes.length} bytes; at most ${maxFileBytes} bytes per article`);
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1)
    return refuse(
      'not_utf8',
      `not UTF-8 text (invalid byte 0x${(bytes[bad] as number).toString(16)} at offset ${bad}); save it as UTF-8`,
    );
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) return refuse('not_utf8', 'contains NUL bytes: a binary file, not Markdown text');

  const split = splitFrontMatter(text);
  if ('error' in split) return refuse('invalid_front_matter', split.error);
  let meta: Record<string, unknown> = {};
  if (split.yaml !== null && split.yaml.trim() !== '') {
    const doc = parseDocument(split.yaml, { uniqueKeys: true, prettyErrors: false });
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      return refuse('invalid_front_matter', `YAML: ${(first?.message ?? 'cannot be read').split('\n')[0]}`);
    }
    const value: unknown = doc.toJS();
    if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
      return refuse('invalid_front_matter', 'front matter must be "key: value" lines');
    }
    meta = (value ?? {}) as Record<string, unknown>;
  }

  let body = split.body.replace(/\r\n?/g, '\n').replace(/^\n+/, '').trimEnd();
  // The title: front matter, else the first "# heading" (taken out of the body), else the file name.
  let title = meta.title === undefined ? undefined : asString(meta.title)?.trim();
  if (meta.title !== undefined && (title === undefined || title === '')) {
    return refuse('invalid_front_matter', 'title must be a non-empty text');
  }
  const heading = /^#[ \t]+(.+?)[ \t#]*(?:\n|$)/.exec(body);
  if (heading?.[1] !== undefined && (title === undefined || heading[1].trim() === title)) {
    title ??= heading[1].trim();
    body = body.slice(heading[0].length).replace(/^\n+/, '');
  }
  title ??= (relativePath.split('/').pop() ?? relativePath).replace(/\.(md|markdown)$/i, '').trim();
  if (title.length === 0 || title.length > maxTitleLength) {
    return refuse('invalid_article', `the title must be 1 to ${maxTitleLength} characters`);
  }
  if (body.length > maxBodyLength) return refuse('too_large', `the body is over ${maxBodyLength} characters`);

  let id: string;
  if (meta.id !== undefined) {
    const given = asString(meta.id)?.trim().toLowerCase();
    if (given === undefined || !articleIdPattern.test(given)) {
      return refuse('invalid_front_matter', 'id must be lower-case letters, digits and dashes (at most 80)');
    }
    id = given;
  } else id = idFromPath(relativePath);

  let tags: string[] = [];
  if (meta.tags !== undefined && meta.tags !== null) {
    const raw = typeof meta.tags === 'string' ? meta.tags.split(',') : meta.tags;
    const parsed = Array.isArray(raw) ? tagsSchema.safeParse(raw.map((t) => asString(t) ?? t)) : null;
    if (parsed === null || !parsed.success) {
      return refuse(
        'invalid_front_matter',
        'tags must be a list of short texts (at most 20, 40 characters each, no commas)',
      );
    }
    tags = parsed.data;
  }

  let language: KbLanguage;
  if (meta.language !== undefined || meta.lang !== undefined) {
    const given =
      asString(meta.language ?? meta.lang)
        ?.trim()
        .toLowerCase()
        .replace('_', '-') ?? '';
    const known = languageAliases[given];
    if (known === undefined) return refuse('invalid_front_matter', `language must be one of ${kbLanguages.join(', ')}`);
    language = known;
  } else language = languageOf(`${title}\n${body}`);

  let audience: KbAudience = 'internal';
  if (meta.audience !== undefined) {
    const known = audienceAliases[asString(meta.audience)?.trim().toLowerCase() ?? ''];
    if (known === undefined) return refuse('invalid_front_matter', `audience must be one of ${kbAudiences.join(', ')}`);
    audience = known;
  }

  let author: string | undefined;
  if (meta.author !== undefined && meta.author !== null) {
    author = asString(meta.author)?.trim();
    if (author === undefined || author.length === 0 || author.length > 64) {
      return refuse('invalid_front_matter', 'author must be a name of 1 to 64 characters');
    }
  }

  const category = categoryPathSchema.safeParse(categoryFromPath(relativePath));
  if (!category.success)
    return refuse('invalid_article', 'folder names must be 1 to 60 characters, at most 6 levels deep');

  return {
    ok: true,
    article: { id, title, body, category: category.data, tags, language, audience, author, sourcePath: relativePath },
  };
}

export interface ExportableArticle {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly tags: readonly string[];
  readonly language: KbLanguage;
  readonly audience: KbAudience;
  readonly author: string;
  readonly updatedAt: string;
}

/** The same format back out: front matter, a blank line, the body. parseArticleFile reads it unchanged. */
export function formatArticleFile(article: ExportableArticle): string {
  const meta = stringify(
    {
      id: article.id,
      title: article.title,
      tags: [...article.tags],
      language: article.language,
      audience: article.audience,
      author: article.author,
      updated: article.updatedAt,
    },
    { lineWidth: 0 },
  );
  return `---\n${meta}---\n\n${article.body.trimEnd()}\n`;
}

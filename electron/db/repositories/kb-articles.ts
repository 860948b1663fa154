import crypto from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { markdownToText } from '../../../shared/kb/markdown';
import type {
  Article,
  ArticleVersion,
  ArticleVersionSummary,
  KbAudience,
  KbLanguage,
  KbOverview,
  MissedQuery,
  UseAction,
} from '../../../shared/kb/types';
import { buildCategoryTree } from '../../../shared/kb/categories';
import { facetTokens } from '../../../shared/kb/facets';
import { foldText, indexText } from '../../../shared/text/segment';

/**
 * Articles, versions, votes and missed queries (database first, bound parameters only).
 * Every write keeps kb_fts in step in the same transaction; the text is prepared here, in the
 * database worker, so segmenting a large import never blocks the service thread.
 */

export interface ArticleRow {
  seq: number;
  id: string;
  title: string;
  body: string;
  body_text: string;
  category: string;
  tags: string;
  language: KbLanguage;
  audience: KbAudience;
  author: string;
  updated_by: string;
  created_at: number;
  updated_at: number;
  version: number;
  content_hash: string;
  source_path: string | null;
  clicks: number;
  uses: number;
  helpful: number;
  archived_at: number | null;
}

/** Prepared statements per connection: preparing costs more than running most of these. */
const cache = new WeakMap<Database, Map<string, Statement>>();
export function statement(db: Database, sql: string): Statement {
  let map = cache.get(db);
  if (map === undefined) {
    map = new Map();
    cache.set(db, map);
  }
  let prepared = map.get(sql);
  if (prepared === undefined) {
    prepared = db.prepare(sql);
    map.set(sql, prepared);
  }
  return prepared;
}

export interface ArticleContent {
  readonly title: string;
  readonly body: string;
  readonly category: string;
  readonly tags: readonly string[];
  readonly language: KbLanguage;
  readonly audience: KbAudience;
}

/** What "unchanged" means for an import: the same content, whoever wrote it and when. */
export function contentHash(content: ArticleContent): string {
  const canonical = JSON.stringify([
    content.title,
    content.body.replace(/\r\n?/g, '\n').trimEnd(),
    content.category,
    [...content.tags],
    content.language,
    content.audience,
  ]);
  return crypto.createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

const iso = (ms: number): string => new Date(ms).toISOString();
const parseTags = (json: string): string[] => JSON.parse(json) as string[];

export function toArticle(row: ArticleRow, votedHelpful: boolean): Article {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    category: row.category,
    tags: parseTags(row.tags),
    language: row.language,
    audience: row.audience,
    author: row.author,
    updatedBy: row.updated_by,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
    helpful: row.helpful,
    clicks: row.clicks,
    uses: row.uses,
    votedHelpful,
    source: row.source_path,
  };
}

function indexArticle(db: Database, seq: number, content: ArticleContent, bodyText: string): void {
  unindexArticle(db, seq);
  const title = indexText(content.title);
  const tags = indexText(content.tags.join(' ; '));
  const category = indexText(content.category.split('/').join(' ; '));
  const facets = facetTokens(content).join(' ');
  statement(db, 'INSERT INTO kb_fts (rowid, title, body, tags, category, facets) VALUES (?, ?, ?, ?, ?, ?)').run(
    seq,
    title,
    indexText(bodyText),
    tags,
    category,
    facets,
  );
  statement(db, 'INSERT INTO kb_fts_title (rowid, title, tags, category, facets) VALUES (?, ?, ?, ?, ?)').run(
    seq,
    title,
    tags,
    category,
    facets,
  );
  const insertTag = statement(db, 'INSERT OR IGNORE INTO kb_article_tags (tag_key, seq, tag) VALUES (?, ?, ?)');
  for (const tag of content.tags) insertTag.run(foldText(tag), seq, tag);
}

function unindexArticle(db: Database, seq: number): void {
  statement(db, 'DELETE FROM kb_fts WHERE rowid = ?').run(seq);
  statement(db, 'DELETE FROM kb_fts_title WHERE rowid = ?').run(seq);
  statement(db, 'DELETE FROM kb_article_tags WHERE seq = ?').run(seq);
}

export function getArticleRow(db: Database, id: string): ArticleRow | undefined {
  return statement(db, 'SELECT * FROM kb_articles WHERE id = ?').get(id) as ArticleRow | undefined;
}

function hasVoted(db: Database, seq: number, voter: string | undefined): boolean {
  if (voter === undefined) return false;
  return statement(db, 'SELECT 1 FROM kb_votes WHERE seq = ? AND voter = ?').get(seq, voter) !== undefined;
}

/** The live article (not archived), with the viewer's vote. */
export function getArticle(db: Database, id: string, viewer?: string): Article | null {
  const row = getArticleRow(db, id);
  if (row === undefined || row.archived_at !== null) return null;
  return toArticle(row, hasVoted(db, row.seq, viewer));
}

export interface WriteArticle extends ArticleContent {
  readonly id: string;
  /** Who saves this version. */
  readonly editor: string;
  /** Who the article is by when it is new (front matter `author`, else the editor). */
  readonly author?: string | undefined;
  readonly nowMs: number;
  readonly note?: string | null | undefined;
  readonly sourcePath?: string | null | undefined;
  /** The version the editor started from; a different stored version refuses the write. */
  readonly baseVersion?: number | undefined;
  /** True for a save that must create (the editor's "new article"): an existing id is a conflict. */
  readonly mustCreate?: boolean;
}

export type WriteOutcome =
  | { readonly kind: 'created' | 'updated' | 'unchanged'; readonly article: Article }
  | { readonly kind: 'conflict'; readonly currentVersion: number }
  | { readonly kind: 'exists' };

/** Creates or updates one article; an archived article written with new content comes back. */
export function writeArticle(db: Database, write: WriteArticle): WriteOutcome {
  return db.transaction((): WriteOutcome => writeInTransaction(db, write))();
}

function writeInTransaction(db: Database, write: WriteArticle): WriteOutcome {
  const existing = getArticleRow(db, write.id);
  if (existing !== undefined && write.mustCreate) return { kind: 'exists' };
  if (existing !== undefined && write.baseVersion !== undefined && existing.version !== write.baseVersion) {
    return { kind: 'conflict', currentVersion: existing.version };
  }
  const hash = contentHash(write);
  // Same content: nothing to do (an article an editor archived stays archived when its file is imported again).
  if (existing !== undefined && existing.content_hash === hash) {
    if (write.sourcePath !== undefined && write.sourcePath !== existing.source_path) {
      statement(db, 'UPDATE kb_articles SET source_path = ? WHERE seq = ?').run(write.sourcePath, existing.seq);
    }
    return {
      kind: 'unchanged',
      article: toArticle({ ...existing, source_path: write.sourcePath ?? existing.source_path }, false),
    };
  }
  const bodyText = markdownToText(write.body);
  const tags = JSON.stringify(write.tags);
  let seq: number;
  let version: number;
  if (existing === undefined) {
    version = 1;
    seq = Number(
      statement(
        db,
        `INSERT INTO kb_articles (id, title, body, body_text, category, tags, language, audience, author, updated_by,
           created_at, updated_at, version, content_hash, source_path)
         VALUES (@id, @title, @body, @bodyText, @category, @tags, @language, @audience, @author, @editor,
           @now, @now, 1, @hash, @sourcePath)`,
      ).run({
        id: write.id,
        title: write.title,
        body: write.body,
        bodyText,
        category: write.category,
        tags,
        language: write.language,
        audience: write.audience,
        author: write.author ?? write.editor,
        editor: write.editor,
        now: write.nowMs,
        hash,
        sourcePath: write.sourcePath ?? null,
      }).lastInsertRowid,
    );
  } else {
    seq = existing.seq;
    version = existing.version + 1;
    statement(
      db,
      `UPDATE kb_articles SET title = @title, body = @body, body_text = @bodyText, category = @category, tags = @tags,
         language = @language, audience = @audience, updated_by = @editor, updated_at = @now, version = @version,
         content_hash = @hash, source_path = COALESCE(@sourcePath, source_path), archived_at = NULL
       WHERE seq = @seq`,
    ).run({
      seq,
      title: write.title,
      body: write.body,
      bodyText,
      category: write.category,
      tags,
      language: write.language,
      audience: write.audience,
      editor: write.editor,
      now: write.nowMs,
      version,
      hash,
      sourcePath: write.sourcePath ?? null,
    });
  }
  statement(
    db,
    `INSERT INTO kb_versions (seq, version, title, body, category, tags, language, audience, author, saved_at, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    seq,
    version,
    write.title,
    write.body,
    write.category,
    tags,
    write.language,
    write.audience,
    write.editor,
    write.nowMs,
    write.note ?? null,
  );
  indexArticle(db, seq, write, bodyText);
  const row = statement(db, 'SELECT * FROM kb_articles WHERE seq = ?').get(seq) as ArticleRow;
  return {
    kind: existing === undefined ? 'created' : 'updated',
    article: toArticle(row, hasVoted(db, seq, write.editor)),
  };
}

/** Many writes in one transaction (an import batch); each answers like writeArticle. */
export function writeArticles(db: Database, writes: readonly WriteArticle[]): WriteOutcome[] {
  return db.transaction(() => writes.map((write) => writeInTransaction(db, write)))();
}

export function archiveArticle(db: Database, id: string, nowMs: number): boolean {
  return db.transaction(() => {
    const row = getArticleRow(db, id);
    if (row === undefined || row.archived_at !== null) return false;
    statement(db, 'UPDATE kb_articles SET archived_at = ? WHERE seq = ?').run(nowMs, row.seq);
    unindexArticle(db, row.seq);
    return true;
  })();
}

export function articleHistory(db: Database, id: string): ArticleVersionSummary[] | null {
  const row = getArticleRow(db, id);
  if (row === undefined) return null;
  const rows = statement(
    db,
    'SELECT version, title, author, saved_at, note FROM kb_versions WHERE seq = ? ORDER BY version DESC',
  ).all(row.seq) as { version: number; title: string; author: string; saved_at: number; note: string | null }[];
  return rows.map((v) => ({
    version: v.version,
    title: v.title,
    author: v.author,
    savedAt: iso(v.saved_at),
    note: v.note,
  }));
}

export function articleVersion(db: Database, id: string, version: number): ArticleVersion | null {
  const row = getArticleRow(db, id);
  if (row === undefined) return null;
  const v = statement(db, 'SELECT * FROM kb_versions WHERE seq = ? AND version = ?').get(row.seq, version) as
    | {
        version: number;
        title: string;
        body: string;
        category: string;
        tags: string;
        language: KbLanguage;
        audience: KbAudience;
        author: string;
        saved_at: number;
        note: string | null;
      }
    | undefined;
  if (v === undefined) return null;
  return {
    id,
    version: v.version,
    title: v.title,
    body: v.body,
    category: v.category,
    tags: parseTags(v.tags),
    language: v.language,
    audience: v.audience,
    author: v.author,
    savedAt: iso(v.saved_at),
    note: v.note,
  };
}

/** Adds or takes back one person's "helpful" vote; answers the new count. */
export function voteHelpful(
  db: Database,
  id: string,
  voter: string,
  helpful: boolean,
  nowMs: number,
): { helpful: number; votedHelpful: boolean } | null {
  return db.transaction(() => {
    const row = getArticleRow(db, id);
    if (row === undefined || row.archived_at !== null) return null;
    if (helpful)
      statement(db, 'INSERT OR IGNORE INTO kb_votes (seq, voter, voted_at) VALUES (?, ?, ?)').run(
        row.seq,
        voter,
        nowMs,
      );
    else statement(db, 'DELETE FROM kb_votes WHERE seq = ? AND voter = ?').run(row.seq, voter);
    const { n } = statement(db, 'SELECT count(*) AS n FROM kb_votes WHERE seq = ?').get(row.seq) as { n: number };
    statement(db, 'UPDATE kb_articles SET helpful = ? WHERE seq = ?').run(n, row.seq);
    return { helpful: n, votedHelpful: helpful };
  })();
}

export function recordUse(db: Database, id: string, action: UseAction): boolean {
  const column = action === 'open' ? 'clicks' : 'uses';
  const sql =
    column === 'clicks'
      ? 'UPDATE kb_articles SET clicks = clicks + 1 WHERE id = ? AND archived_at IS NULL'
      : 'UPDATE kb_articles SET uses = uses + 1 WHERE id = ? AND archived_at IS NULL';
  return statement(db, sql).run(id).changes > 0;
}

export function countArticles(db: Database): { live: number; all: number } {
  return statement(
    db,
    'SELECT count(*) FILTER (WHERE archived_at IS NULL) AS live, count(*) AS "all" FROM kb_articles',
  ).get() as { live: number; all: number };
}

export function overview(db: Database): KbOverview {
  const byCategory = statement(
    db,
    'SELECT category, count(*) AS n FROM kb_articles WHERE archived_at IS NULL GROUP BY category',
  ).all() as { category: string; n: number }[];
  const byLanguage = statement(
    db,
    'SELECT language, count(*) AS n FROM kb_articles WHERE archived_at IS NULL GROUP BY language',
  ).all() as { language: KbLanguage; n: number }[];
  const { customer } = statement(
    db,
    "SELECT count(*) AS customer FROM kb_articles WHERE archived_at IS NULL AND audience = 'customer'",
  ).get() as { customer: number };
  const tags = statement(
    db,
    `SELECT min(tag) AS tag, count(*) AS count FROM kb_article_tags GROUP BY tag_key ORDER BY count DESC, tag LIMIT 200`,
  ).all() as { tag: string; count: number }[];
  const languages: Record<KbLanguage, number> = { en: 0, 'zh-CN': 0, 'zh-TW': 0 };
  for (const { language, n } of byLanguage) languages[language] = n;
  return {
    total: byCategory.reduce((sum, row) => sum + row.n, 0),
    byLanguage: languages,
    customerFacing: customer,
    categories: buildCategoryTree(byCategory.map((row) => ({ path: row.category, count: row.n }))),
    tags,
  };
}

/** Live articles after a given seq, in seq order: export pages through them without OFFSET. */
export function exportPage(db: Database, afterSeq: number, limit: number): ArticleRow[] {
  return statement(db, 'SELECT * FROM kb_articles WHERE archived_at IS NULL AND seq > ? ORDER BY seq LIMIT ?').all(
    afterSeq,
    limit,
  ) as ArticleRow[];
}

export function logMissedQuery(db: Database, query: string, partial: boolean, nowMs: number): void {
  statement(
    db,
    `INSERT INTO kb_missed_queries (query, count, partial, first_at, last_at) VALUES (@query, 1, @partial, @now, @now)
     ON CONFLICT (query) DO UPDATE SET count = count + 1, partial = excluded.partial, last_at = excluded.last_at`,
  ).run({ query, partial: partial ? 1 : 0, now: nowMs });
}

export function missedQueries(db: Database, limit: number): MissedQuery[] {
  const rows = statement(
    db,
    'SELECT query, count, partial, first_at, last_at FROM kb_missed_queries ORDER BY count DESC, last_at DESC LIMIT ?',
  ).all(limit) as { query: string; count: number; partial: number; first_at: number; last_at: number }[];
  return rows.map((row) => ({
    query: row.query,
    count: row.count,
    partial: row.partial === 1,
    firstAt: iso(row.first_at),
    lastAt: iso(row.last_at),
  }));
}

export function dismissMissedQuery(db: Database, query: string): boolean {
  return statement(db, 'DELETE FROM kb_missed_queries WHERE query = ?').run(query).changes > 0;
}

import type { Database } from 'better-sqlite3';
import { facetExpression } from '../../../shared/kb/facets';
import { columnWeights, finalScore } from '../../../shared/kb/ranking';
import { highlight, snippet } from '../../../shared/kb/snippet';
import type { KbAudience, KbLanguage, SearchFilters, SearchHit } from '../../../shared/kb/types';
import { foldText } from '../../../shared/text/segment';
import { statement } from './kb-articles';

export interface SearchParams {
  /** MATCH expressions from shared/kb/query.ts; both null lists the newest articles (browsing). */
  readonly strict: string | null;
  readonly relaxed: string | null;
  /** Folded query words, for highlights. */
  readonly words: readonly string[];
  /** Words an article's title should have to rank higher (what a customer asks for; see shared/kb/query.ts). */
  readonly focus?: readonly string[] | undefined;
  readonly filters: SearchFilters;
  readonly limit: number;
  readonly preferLanguage?: KbLanguage | undefined;
  readonly nowMs: number;
  readonly snippetLength?: number;
}

export interface SearchResult {
  readonly hits: SearchHit[];
  readonly relaxed: boolean;
  readonly more: boolean;
}

interface CandidateRow {
  seq: number;
  id: string;
  title: string;
  category: string;
  tags: string;
  language: KbLanguage;
  audience: KbAudience;
  author: string;
  updated_at: number;
  version: number;
  helpful: number;
  clicks: number;
  uses: number;
  score: number;
}

/** bm25 ranks every match anyway; the best this many are re-ranked with usefulness and freshness. */
const candidates = 100;
const weights = (list: readonly number[]): string => `bm25(${list.map((w) => w.toFixed(1)).join(', ')})`;

/**
 * The two indexes (migration 004): all fields, and title/tags/category alone. Query words
 * never match the facets column (a typed "f1" must not match every article).
 */
const indexes = {
  all: {
    table: 'kb_fts',
    columns: '{title body tags category}',
    rank: weights([
      columnWeights.title,
      columnWeights.body,
      columnWeights.tags,
      columnWeights.category,
      columnWeights.facets,
    ]),
  },
  titles: {
    table: 'kb_fts_title',
    columns: '{title tags category}',
    rank: weights([columnWeights.title, columnWeights.tags, columnWeights.category, columnWeights.facets]),
  },
} as const;

const columns = `a.seq, a.id, a.title, a.category, a.tags, a.language, a.audience, a.author, a.updated_at, a.version,
  a.helpful, a.clicks, a.uses`;

function ftsCandidates(
  db: Database,
  index: (typeof indexes)[keyof typeof indexes],
  expression: string,
  filters: SearchFilters,
): CandidateRow[] {
  const facets = facetExpression(filters);
  const match = `${index.columns} : (${expression})${facets ? ` AND ${facets}` : ''}`;
  return statement(
    db,
    `SELECT ${columns}, h.score FROM (
       SELECT rowid AS seq, rank AS score FROM ${index.table}
       WHERE ${index.table} MATCH @match AND rank MATCH @rank ORDER BY rank LIMIT @cap
     ) AS h JOIN kb_articles AS a ON a.seq = h.seq`,
  ).all({ match, rank: index.rank, cap: candidates }) as CandidateRow[];
}

/**
 * Title matches first: when at least `enough` articles have every word in their title, tags
 * or category, they are the candidates, ranked by bm25 over those short fields (a long body
 * does not dilute them, and the many articles that only mention the words in passing are
 * never ranked, which keeps two-character queries over 50,000 articles fast). Otherwise bm25
 * over every field (the title still weighs 8 times the body).
 */
function rankedCandidates(db: Database, expression: string, filters: SearchFilters, enough: number): CandidateRow[] {
  const inTitles = ftsCandidates(db, indexes.titles, expression, filters);
  if (inTitles.length >= enough) return inTitles;
  return ftsCandidates(db, indexes.all, expression, filters);
}

function browse(db: Database, filters: SearchFilters, limit: number): CandidateRow[] {
  const where = ['a.archived_at IS NULL'];
  const params: Record<string, unknown> = { limit };
  if (filters.language) {
    where.push('a.language = @language');
    params.language = filters.language;
  }
  if (filters.audience) {
    where.push('a.audience = @audience');
    params.audience = filters.audience;
  }
  if (filters.category) {
    where.push(`(a.category = @category OR a.category LIKE @categoryPrefix ESCAPE '\\')`);
    params.category = filters.category;
    params.categoryPrefix = `${filters.category.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
  }
  if (filters.tag) {
    where.push('a.seq IN (SELECT seq FROM kb_article_tags WHERE tag_key = @tag)');
    params.tag = foldText(filters.tag);
  }
  return statement(
    db,
    `SELECT ${columns}, 0 AS score FROM kb_articles AS a WHERE ${where.join(' AND ')}
     ORDER BY a.updated_at DESC, a.seq DESC LIMIT @limit`,
  ).all(params) as CandidateRow[];
}

/**
 * Ranked articles: the strict expression first, the relaxed one when strict finds nothing;
 * then usefulness, freshness and the preferred language (shared/kb/ranking.ts), then the
 * title's highlights and the body's best passage for the hits returned.
 */
export function searchArticles(db: Database, params: SearchParams): SearchResult {
  let relaxed = false;
  let rows: CandidateRow[];
  if (params.strict === null) {
    rows = browse(db, params.filters, params.limit + 1);
  } else {
    const enough = Math.max(params.limit, 5);
    rows = rankedCandidates(db, params.strict, params.filters, enough);
    if (rows.length === 0 && params.relaxed !== null) {
      rows = rankedCandidates(db, params.relaxed, params.filters, enough);
      relaxed = rows.length > 0;
    }
  }
  const scored =
    params.strict === null
      ? rows.map((row) => ({ row, score: 0 }))
      : rows
          .map((row) => ({
            row,
            score:
              finalScore(
                {
                  bm25: row.score,
                  updatedAtMs: row.updated_at,
                  language: row.language,
                  clicks: row.clicks,
                  uses: row.uses,
                  helpful: row.helpful,
                },
                params.nowMs,
                params.preferLanguage,
              ) * focusBoost(row.title, params.focus),
          }))
          .sort((a, b) => b.score - a.score || b.row.updated_at - a.row.updated_at);
  const top = scored.slice(0, params.limit);
  const texts = bodyTexts(
    db,
    top.map(({ row }) => row.seq),
  );
  const hits = top.map(({ row, score }): SearchHit => ({
    article: {
      id: row.id,
      title: row.title,
      category: row.category,
      tags: JSON.parse(row.tags) as string[],
      language: row.language,
      audience: row.audience,
      author: row.author,
      updatedAt: new Date(row.updated_at).toISOString(),
      version: row.version,
      helpful: row.helpful,
    },
    score: Math.round(score * 1e6) / 1e6,
    title: highlight(row.title, params.words),
    snippet: snippet(texts.get(row.seq) ?? '', params.words, params.snippetLength),
  }));
  return { hits, relaxed, more: scored.length > params.limit };
}

/** 1.5 when the title names what the customer asks for, else 1. */
function focusBoost(title: string, focus: readonly string[] | undefined): number {
  if (focus === undefined || focus.length === 0) return 1;
  const folded = foldText(title);
  return focus.some((word) => folded.includes(word)) ? 1.5 : 1;
}

function bodyTexts(db: Database, seqs: readonly number[]): Map<number, string> {
  if (seqs.length === 0) return new Map();
  const rows = statement(
    db,
    'SELECT seq, body_text FROM kb_articles WHERE seq IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(seqs)) as { seq: number; body_text: string }[];
  return new Map(rows.map((row) => [row.seq, row.body_text]));
}

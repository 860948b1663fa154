import type { KbLanguage } from './types';

/**
 * How search orders articles. Relevance comes first: SQLite FTS5's bm25 with the title weighted
 * above tags, the category and the body (columnWeights). Within what is about equally relevant,
 * articles that agents found useful and that were updated recently come first:
 *
 *   score = relevance × (1 + 0.3·usefulness) × (1 + 0.1·freshness) × language
 *
 *   relevance  = −bm25 (FTS5 answers negative numbers, lower is better)
 *   usefulness = ln(1 + opens + 2·inserts/copies + 5·helpful votes) / ln(1 + 500), at most 1
 *   freshness  = 0.5 ^ (days since the last update / 180)
 *   language   = 1.2 for the agent's own UI language, else 1
 *
 * So usefulness can lift an article by at most 30 % and freshness by 10 %: enough to order
 * near-equals, never enough to put a barely matching article above a clearly matching one.
 */
export const columnWeights = { title: 8, body: 1, tags: 4, category: 2, facets: 0 } as const;

export interface UsageSignals {
  readonly clicks: number;
  readonly uses: number;
  readonly helpful: number;
}

export function usefulness({ clicks, uses, helpful }: UsageSignals): number {
  const raw = Math.log1p(Math.max(0, clicks) + 2 * Math.max(0, uses) + 5 * Math.max(0, helpful));
  return Math.min(1, raw / Math.log1p(500));
}

const dayMs = 86_400_000;

export function freshness(updatedAtMs: number, nowMs: number): number {
  const days = Math.max(0, (nowMs - updatedAtMs) / dayMs);
  return 0.5 ** (days / 180);
}

export interface RankInput extends UsageSignals {
  /** FTS5's bm25() for the row: negative, lower is better. */
  readonly bm25: number;
  readonly updatedAtMs: number;
  readonly language: KbLanguage;
}

/** The multiplier applied to relevance; the MiniSearch peer in the benchmark gets the same one. */
export function boost(input: Omit<RankInput, 'bm25'>, nowMs: number, preferLanguage?: KbLanguage): number {
  const language = preferLanguage !== undefined && input.language === preferLanguage ? 1.2 : 1;
  return (1 + 0.3 * usefulness(input)) * (1 + 0.1 * freshness(input.updatedAtMs, nowMs)) * language;
}

export function finalScore(input: RankInput, nowMs: number, preferLanguage?: KbLanguage): number {
  return -input.bm25 * boost(input, nowMs, preferLanguage);
}

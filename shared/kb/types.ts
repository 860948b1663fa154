import { z } from 'zod';

/** The languages an article is written in. */
export const kbLanguages = ['en', 'zh-CN', 'zh-TW'] as const;
export type KbLanguage = (typeof kbLanguages)[number];

/** internal: for agents only; customer: may be sent to and shown to customers (/help/:id). */
export const kbAudiences = ['internal', 'customer'] as const;
export type KbAudience = (typeof kbAudiences)[number];

export const articleIdPattern = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;
export const articleIdSchema = z.string().regex(articleIdPattern, 'lower-case letters, digits and dashes');

const controlChars = /\p{Cc}/u;
const noControl = (text: string): boolean => !controlChars.test(text);

/** One level of the category tree: a folder name when imported ("退款", "Refunds"). */
export const categoryNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .refine((name) => noControl(name) && !name.includes('/'), 'no slashes or control characters');

/**
 * A category path, levels joined by "/": "Refunds/Card payments". '' is the top level.
 * Stored trimmed, each level trimmed, without empty levels.
 */
export const categoryPathSchema = z
  .string()
  .max(300)
  .transform((path) =>
    path
      .split('/')
      .map((level) => level.trim())
      .filter((level) => level.length > 0)
      .join('/'),
  )
  .refine((path) => path === '' || path.split('/').every((level) => categoryNameSchema.safeParse(level).success), {
    message: 'each level 1 to 60 characters, no control characters',
  })
  .refine((path) => path.split('/').length <= 6, 'at most 6 levels');

export const tagSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .refine((tag) => noControl(tag) && !tag.includes(','), 'no commas or control characters');

export const tagsSchema = z
  .array(tagSchema)
  .max(20)
  .transform((tags) => {
    // Case-insensitive duplicates collapse to the first spelling.
    const seen = new Set<string>();
    return tags.filter((tag) => {
      const key = tag.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });

export const maxTitleLength = 200;
export const maxBodyLength = 100_000;

export const articleTitleSchema = z
  .string()
  .trim()
  .min(1)
  .max(maxTitleLength)
  .refine(noControl, 'no control characters');

/** What an editor saves. Without id a new article is created; with id, baseVersion guards against lost updates. */
export const articleInputSchema = z.strictObject({
  id: articleIdSchema.optional(),
  /** The version the editor started from; a newer stored version refuses the save (conflict). */
  baseVersion: z.number().int().min(1).optional(),
  title: articleTitleSchema,
  body: z.string().max(maxBodyLength),
  category: categoryPathSchema.default(''),
  tags: tagsSchema.default([]),
  language: z.enum(kbLanguages),
  audience: z.enum(kbAudiences).default('internal'),
  /** A line for the version history: what changed. */
  note: z.string().trim().max(200).optional(),
});
export type ArticleInput = z.input<typeof articleInputSchema>;
export type ArticleWrite = z.output<typeof articleInputSchema>;

export const articleSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  language: z.enum(kbLanguages),
  audience: z.enum(kbAudiences),
  author: z.string(),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
  helpful: z.number().int().nonnegative(),
});
export type ArticleSummary = z.infer<typeof articleSummarySchema>;

export const articleSchema = articleSummarySchema.extend({
  body: z.string(),
  createdAt: z.iso.datetime(),
  updatedBy: z.string(),
  clicks: z.number().int().nonnegative(),
  uses: z.number().int().nonnegative(),
  /** The caller's own helpful vote. */
  votedHelpful: z.boolean(),
  /** The file it was imported from, relative to the import folder. */
  source: z.string().nullable(),
});
export type Article = z.infer<typeof articleSchema>;

export const articleVersionSummarySchema = z.object({
  version: z.number().int(),
  title: z.string(),
  author: z.string(),
  savedAt: z.iso.datetime(),
  note: z.string().nullable(),
});
export type ArticleVersionSummary = z.infer<typeof articleVersionSummarySchema>;

export const articleVersionSchema = articleVersionSummarySchema.extend({
  id: z.string(),
  body: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  language: z.enum(kbLanguages),
  audience: z.enum(kbAudiences),
});
export type ArticleVersion = z.infer<typeof articleVersionSchema>;

/** [start, end) UTF-16 offsets into the text they belong to. */
export const rangeSchema = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
export type Range = z.infer<typeof rangeSchema>;

/** Plain text with the ranges to mark; the UI renders it as text, never as HTML. */
export const highlightedSchema = z.object({ text: z.string(), highlights: z.array(rangeSchema) });
export type Highlighted = z.infer<typeof highlightedSchema>;

export const searchFiltersSchema = z.strictObject({
  /** The category and everything below it. */
  category: categoryPathSchema.optional(),
  tag: tagSchema.optional(),
  language: z.enum(kbLanguages).optional(),
  audience: z.enum(kbAudiences).optional(),
});
export type SearchFilters = z.infer<typeof searchFiltersSchema>;

export const searchHitSchema = z.object({
  article: articleSummarySchema,
  /** Higher is better; comparable within one answer only. */
  score: z.number(),
  title: highlightedSchema,
  snippet: highlightedSchema,
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchRequestSchema = z.strictObject({
  query: z.string().max(500),
  filters: searchFiltersSchema.default({}),
  limit: z.number().int().min(1).max(50).default(10),
  /** The last Latin word matches as a prefix: results while the agent types. */
  prefix: z.boolean().default(true),
  /** Ranks articles in this language a little higher (the agent's UI language); others still show. */
  preferLanguage: z.enum(kbLanguages).optional(),
  /**
   * Record a query that finds nothing for the editors (typed searches only, not suggestions).
   * Read-only connections never record.
   */
  logMiss: z.boolean().default(false),
});
export type SearchRequest = z.input<typeof searchRequestSchema>;

export const searchResponseSchema = z.object({
  hits: z.array(searchHitSchema),
  /**
   * No article had every word, so these match some of them (best first). The UI says so;
   * false when the hits match every word.
   */
  relaxed: z.boolean(),
  /** More articles matched than were returned. */
  more: z.boolean(),
  /** The query words as searched (folded), for the UI and the CLI. */
  words: z.array(z.string()),
  tookMs: z.number().nonnegative(),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

export const suggestRequestSchema = z.strictObject({
  /** What the customer said last, a ticket subject. */
  text: z.string().max(4000),
  /** The queue's name: a further hint. */
  queue: z.string().max(200).optional(),
  preferLanguage: z.enum(kbLanguages).optional(),
  filters: searchFiltersSchema.default({}),
  limit: z.number().int().min(1).max(20).default(5),
});
export type SuggestRequest = z.input<typeof suggestRequestSchema>;

export const categoryNodeSchema: z.ZodType<CategoryNode> = z.lazy(() =>
  z.object({
    path: z.string(),
    name: z.string(),
    /** Articles in this category and below. */
    count: z.number().int().nonnegative(),
    children: z.array(categoryNodeSchema),
  }),
);
export interface CategoryNode {
  readonly path: string;
  readonly name: string;
  readonly count: number;
  readonly children: readonly CategoryNode[];
}

export const kbOverviewSchema = z.object({
  total: z.number().int().nonnegative(),
  byLanguage: z.record(z.enum(kbLanguages), z.number().int().nonnegative()),
  customerFacing: z.number().int().nonnegative(),
  categories: z.array(categoryNodeSchema),
  tags: z.array(z.object({ tag: z.string(), count: z.number().int().positive() })),
});
export type KbOverview = z.infer<typeof kbOverviewSchema>;

export const missedQuerySchema = z.object({
  query: z.string(),
  count: z.number().int().positive(),
  firstAt: z.iso.datetime(),
  lastAt: z.iso.datetime(),
  /** Some articles matched part of the query the last time (no article had every word). */
  partial: z.boolean(),
});
export type MissedQuery = z.infer<typeof missedQuerySchema>;

export const useActions = ['open', 'insertLink', 'insertExcerpt', 'copy'] as const;
export type UseAction = (typeof useActions)[number];

export const importSkipReasons = [
  'unreadable',
  'not_utf8',
  'invalid_front_matter',
  'invalid_article',
  'too_large',
  'duplicate_id',
] as const;
export type ImportSkipReason = (typeof importSkipReasons)[number];

export const importReportSchema = z.object({
  dir: z.string(),
  /** Markdown files found. */
  files: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  skipped: z.array(z.object({ path: z.string(), reason: z.enum(importSkipReasons), detail: z.string() })),
  /** Ids of the articles created or updated. */
  changedIds: z.array(z.string()),
  tookMs: z.number().nonnegative(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const importJobSchema = z.object({
  jobId: z.string(),
  dir: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  report: importReportSchema.nullable(),
  error: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const exportReportSchema = z.object({
  dir: z.string(),
  written: z.number().int().nonnegative(),
  tookMs: z.number().nonnegative(),
});
export type ExportReport = z.infer<typeof exportReportSchema>;

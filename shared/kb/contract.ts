import { z } from 'zod';
import { done, method, noArgs } from '../api/method';
import {
  articleIdSchema,
  articleInputSchema,
  articleSchema,
  articleVersionSchema,
  articleVersionSummarySchema,
  exportReportSchema,
  importJobSchema,
  importReportSchema,
  kbOverviewSchema,
  missedQuerySchema,
  searchRequestSchema,
  searchResponseSchema,
  suggestRequestSchema,
  useActions,
} from './types';

/** A folder on the machine that runs the services: absolute, so nothing lands in a working directory by accident. */
export const hostFolderSchema = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .refine((dir) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(dir), 'an absolute folder path');

const articleRef = z.strictObject({ id: articleIdSchema });

/**
 * The kb area's part of the API contract; shared/api/contract.ts spreads it in.
 * Names go in ./names.ts too (the Electron preload reads names without zod).
 */
export const kbMethods = {
  /**
   * Ranked articles for what the agent typed. A read: it changes no article. A query that finds
   * nothing is noted for the editors when logMiss is set and the connection may write.
   */
  'kb.search': method({ request: searchRequestSchema, response: searchResponseSchema, mutates: false }),
  /** Articles for a conversation: the customer's last message, a ticket subject, the queue. */
  'kb.suggest': method({ request: suggestRequestSchema, response: searchResponseSchema, mutates: false }),
  'kb.get': method({ request: articleRef, response: articleSchema, mutates: false }),
  /** Creates (no id) or updates an article; each save is a new version. Role rules: shared/kb/permissions.ts. */
  'kb.save': method({ request: articleInputSchema, response: articleSchema, mutates: true }),
  /** Takes an article out of search and view; its versions stay. */
  'kb.archive': method({ request: articleRef, response: done, mutates: true }),
  'kb.history': method({
    request: articleRef,
    response: z.object({ versions: z.array(articleVersionSummarySchema) }),
    mutates: false,
  }),
  'kb.version': method({
    request: articleRef.extend({ version: z.number().int().min(1) }),
    response: articleVersionSchema,
    mutates: false,
  }),
  /** The caller's "helpful" vote: one per person and article; false takes it back. */
  'kb.vote': method({
    request: articleRef.extend({ helpful: z.boolean() }),
    response: z.object({ helpful: z.number().int().nonnegative(), votedHelpful: z.boolean() }),
    mutates: true,
  }),
  /** The agent opened, inserted or copied an article: usefulness for the ranking. */
  'kb.recordUse': method({
    request: articleRef.extend({ action: z.enum(useActions) }),
    response: done,
    mutates: true,
  }),
  /** Counts, the category tree and the tags, for filters and the empty state. */
  'kb.categories': method({ request: noArgs, response: kbOverviewSchema, mutates: false }),
  /** Queries that found nothing, most frequent first, for the editors. */
  'kb.missedQueries': method({
    request: z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }),
    response: z.object({ queries: z.array(missedQuerySchema) }),
    mutates: false,
  }),
  /** An editor dealt with a missed query (wrote the article): it leaves the list. */
  'kb.dismissMissed': method({
    request: z.strictObject({ query: z.string().min(1).max(500) }),
    response: done,
    mutates: true,
  }),
  /** Imports a folder of Markdown files (on the services' machine) and answers when done. */
  'kb.import': method({
    request: z.strictObject({ dir: hostFolderSchema }),
    response: importReportSchema,
    mutates: true,
  }),
  /** The same import in the background, for the UI: progress comes as kb.importProgress events. */
  'kb.importStart': method({
    request: z.strictObject({ dir: hostFolderSchema }),
    response: z.object({ jobId: z.string() }),
    mutates: true,
  }),
  'kb.importJob': method({
    request: z.strictObject({ jobId: z.string().min(1).max(100) }),
    response: importJobSchema,
    mutates: false,
  }),
  /** Writes every article as Markdown with front matter into an empty folder (or a previous export). */
  'kb.export': method({
    request: z.strictObject({ dir: hostFolderSchema }),
    response: exportReportSchema,
    // Writes files on the services' machine.
    mutates: true,
  }),
  /** Loads the sample knowledge base when the KB is empty (editors; training mode calls the service). */
  'kb.seedSample': method({
    request: noArgs,
    response: z.object({ imported: z.number().int().nonnegative() }),
    mutates: true,
  }),
} as const;

export const kbEvents = {
  /** Articles were saved, archived or imported: open views refresh them. */
  'kb.changed': z.object({
    ids: z.array(z.string()),
    reason: z.enum(['saved', 'archived', 'imported', 'voted']),
  }),
  'kb.importProgress': importJobSchema,
} as const;

import { z } from 'zod';
import { done, method, noArgs } from '../api/method';
import { retentionPolicySchema } from './retention';
import { answerSchema, formDefinitionSchema } from './scorecard';
import {
  auditActions,
  auditEntrySchema,
  commentSchema,
  evaluationSchema,
  formSchema,
  importProgressSchema,
  importSummarySchema,
  recordingDetailSchema,
  recordingFiltersSchema,
  savedSearchSchema,
  searchRequestSchema,
  searchResultSchema,
  tagSchema,
} from './types';

/**
 * The recordings area's part of the API contract; shared/api/contract.ts spreads it in.
 * Names go in ./names.ts too (the Electron preload reads names without zod).
 *
 * `recordings.*` is the index (search, detail, import, export, hold, delete);
 * `qa.*` is quality work on it (comments, scorecard forms, evaluations, saved searches, audit,
 * retention). Who may do what is decided by the service from the local profile's role.
 */

const recordingId = z.string().min(1).max(100);
const ref = z.strictObject({ id: recordingId });
/** An absolute path on this machine; relative paths would depend on where the host was started. */
const absolutePath = z
  .string()
  .min(2)
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'an absolute path');

const pageLimit = z.number().int().min(1).max(500).default(50);

export const recordingsMethods = {
  'recordings.search': method({ request: searchRequestSchema, response: searchResultSchema, mutates: false }),
  'recordings.get': method({ request: ref, response: recordingDetailSchema, mutates: false }),
  /** Stored waveform peaks: per channel, 0…255 per window, base64 (agent left first). */
  'recordings.peaks': method({
    request: ref,
    response: z.object({ peaksPerSecond: z.number(), channels: z.array(z.string()) }),
    mutates: false,
  }),
  /**
   * Opening a recording for playback: writes "play" to the audit log and answers a URL the player
   * streams from (ranges, so it seeks), valid for this recording for 15 minutes.
   */
  'recordings.play': method({
    request: ref,
    response: z.object({
      url: z.string(),
      filePath: z.string(),
      fileFormat: z.string(),
      durationSeconds: z.number().nullable(),
    }),
    mutates: true,
  }),
  /** Notes, tags and disposition after the fact (full-text index follows). */
  'recordings.annotate': method({
    request: z.strictObject({
      id: recordingId,
      notes: z.string().max(20_000).nullable().optional(),
      tags: z.array(tagSchema).max(100).optional(),
      disposition: z.string().max(100).nullable().optional(),
    }),
    response: recordingDetailSchema,
    mutates: true,
  }),
  'recordings.import': method({
    request: z.strictObject({ dir: absolutePath, cdr: absolutePath.optional() }),
    response: importSummarySchema,
    mutates: true,
  }),
  /** A zip with the audio file, metadata.json and evaluations.json, written under `<dataDir>/exports/`. */
  'recordings.export': method({
    request: ref,
    response: z.object({ path: z.string(), bytes: z.number().int() }),
    mutates: true,
  }),
  'recordings.setLegalHold': method({
    request: z.strictObject({ id: recordingId, hold: z.boolean(), reason: z.string().max(500).optional() }),
    response: recordingDetailSchema,
    mutates: true,
  }),
  'recordings.delete': method({
    request: z.strictObject({ id: recordingId, reason: z.string().max(500).optional() }),
    response: done,
    mutates: true,
  }),

  'qa.listComments': method({
    request: z.strictObject({ recordingId }),
    response: z.object({ items: z.array(commentSchema) }),
    mutates: false,
  }),
  'qa.addComment': method({
    request: z
      .strictObject({
        recordingId,
        atMs: z.number().int().min(0),
        endMs: z.number().int().min(0).optional(),
        body: z.string().trim().min(1).max(4000),
      })
      .refine((c) => c.endMs === undefined || c.endMs >= c.atMs, 'a region ends after it starts'),
    response: commentSchema,
    mutates: true,
  }),
  'qa.deleteComment': method({
    request: z.strictObject({ id: z.string().min(1).max(100) }),
    response: done,
    mutates: true,
  }),

  'qa.listForms': method({ request: noArgs, response: z.object({ items: z.array(formSchema) }), mutates: false }),
  'qa.getForm': method({
    request: z.strictObject({ id: z.string().min(1).max(64), version: z.number().int().min(1).optional() }),
    response: formSchema,
    mutates: false,
  }),
  /** Saves a new version of a form (versions are never changed once saved). */
  'qa.saveForm': method({
    request: z.strictObject({ id: z.string().regex(/^[a-z0-9_.-]{1,64}$/), definition: formDefinitionSchema }),
    response: formSchema,
    mutates: true,
  }),
  'qa.evaluate': method({
    request: z.strictObject({
      recordingId,
      formId: z.string().min(1).max(64),
      formVersion: z.number().int().min(1),
      answers: z.array(answerSchema).max(500),
    }),
    response: evaluationSchema,
    mutates: true,
  }),
  'qa.listEvaluations': method({
    request: z.strictObject({
      recordingId: recordingId.optional(),
      agentId: z.string().min(1).max(100).optional(),
      before: z.strictObject({ createdAt: z.number().int(), id: z.string().max(100) }).optional(),
      limit: pageLimit,
    }),
    response: z.object({
      items: z.array(evaluationSchema),
      next: z.object({ createdAt: z.number(), id: z.string() }).nullable(),
    }),
    mutates: false,
  }),

  'qa.listSavedSearches': method({
    request: noArgs,
    response: z.object({ items: z.array(savedSearchSchema) }),
    mutates: false,
  }),
  'qa.saveSearch': method({
    request: z.strictObject({ name: z.string().trim().min(1).max(100), filters: recordingFiltersSchema }),
    response: savedSearchSchema,
    mutates: true,
  }),
  'qa.deleteSavedSearch': method({
    request: z.strictObject({ id: z.string().min(1).max(100) }),
    response: done,
    mutates: true,
  }),

  /** QA leads and supervisors browse the append-only audit log, newest first. */
  'qa.audit': method({
    request: z.strictObject({
      recordingId: recordingId.optional(),
      action: z.enum(auditActions).optional(),
      before: z.number().int().optional(),
      limit: pageLimit,
    }),
    response: z.object({ items: z.array(auditEntrySchema), next: z.number().nullable() }),
    mutates: false,
  }),
  'qa.getRetention': method({ request: noArgs, response: retentionPolicySchema, mutates: false }),
  'qa.setRetention': method({
    request: retentionPolicySchema,
    response: z.object({ policy: retentionPolicySchema, updated: z.number().int() }),
    mutates: true,
  }),
  /** Runs the retention purge now (it also runs daily). */
  'qa.purge': method({
    request: noArgs,
    response: z.object({ deleted: z.number().int(), filesRemoved: z.number().int(), held: z.number().int() }),
    mutates: true,
  }),
} as const;

export const recordingsEvents = {
  /** An import moved on (throttled); the CLI draws its progress bar from it. */
  'recordings.importProgress': importProgressSchema,
  /** Recordings entered the index (live, or a batch of an import); lists refresh. Ids only: roles decide who may read them. */
  'recordings.indexed': z.object({ ids: z.array(z.string()) }),
  'recordings.removed': z.object({ ids: z.array(z.string()) }),
} as const;

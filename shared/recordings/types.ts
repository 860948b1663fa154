import { z } from 'zod';
import { checkFlagNames } from './checks';
import { answerSchema, formDefinitionSchema } from './scorecard';

/** The recordings index as the contract shows it. Times are epoch milliseconds. */

export const directions = ['inbound', 'outbound', 'internal', 'unknown'] as const;
export type Direction = (typeof directions)[number];
export const hangupSides = ['agent', 'customer', 'system'] as const;

const text = (max: number) => z.string().max(max);
const optText = (max: number) => z.string().max(max).nullable();

export const tagSchema = z.strictObject({ key: z.string().trim().min(1).max(64), value: z.string().max(200) });
export type Tag = z.infer<typeof tagSchema>;

/** A span paused for payment-card data (ms from the start of the file). */
export const maskSchema = z
  .strictObject({ startMs: z.number().int().min(0), endMs: z.number().int().min(0) })
  .refine((m) => m.endMs >= m.startMs, 'a masked span ends after it starts');
export type Mask = z.infer<typeof maskSchema>;

export const audioFormats = ['wav', 'gsm', 'mp3', 'ogg', 'opus', 'webm', 'flac'] as const;
export type AudioFormat = (typeof audioFormats)[number];

/** What the automatic checks found (see checks.ts); null until peaks exist. */
export const checkResultsSchema = z.object({
  silenceRatio: z.array(z.number().min(0).max(1)),
  overTalkSeconds: z.number().min(0),
  longestSilenceSeconds: z.number().min(0),
  flags: z.array(z.enum(checkFlagNames as [string, ...string[]])),
});

/** Everything the index stores about one recording, as written by the recorder or the import. */
export const recordingInputSchema = z.strictObject({
  callId: optText(200),
  sipCallId: optText(500),
  pbxUniqueId: optText(100),
  pbxLinkedId: optText(100),
  direction: z.enum(directions),
  ani: optText(100),
  dnis: optText(100),
  customerName: optText(200),
  agentId: optText(100),
  queueId: optText(100),
  startedAt: z.number().int(),
  answeredAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  talkSeconds: z.number().min(0).nullable(),
  holdSeconds: z.number().min(0).nullable(),
  wrapSeconds: z.number().min(0).nullable(),
  disposition: optText(100),
  hangupSide: z.enum(hangupSides).nullable(),
  tags: z.array(tagSchema).max(100),
  /** Paused spans (pause/resume for card data). */
  masks: z.array(maskSchema).max(1000).default([]),
  notes: optText(20_000),
  interactionId: optText(200),
  ticketId: optText(200),
  filePath: text(4096),
  fileFormat: z.enum(audioFormats),
  channels: z.number().int().min(1).max(8).nullable(),
  sampleRate: z.number().int().min(1).nullable(),
  sizeBytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  durationSeconds: z.number().min(0).nullable(),
  recovered: z.boolean(),
  source: z.enum(['live', 'import']),
  legalHold: z.boolean().default(false),
});
export type RecordingInput = z.input<typeof recordingInputSchema>;

export const recordingSummarySchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  callId: z.string().nullable(),
  sipCallId: z.string().nullable(),
  pbxUniqueId: z.string().nullable(),
  pbxLinkedId: z.string().nullable(),
  direction: z.enum(directions),
  ani: z.string().nullable(),
  dnis: z.string().nullable(),
  customerName: z.string().nullable(),
  agentId: z.string().nullable(),
  queueId: z.string().nullable(),
  startedAt: z.number(),
  answeredAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  durationSeconds: z.number().nullable(),
  talkSeconds: z.number().nullable(),
  holdSeconds: z.number().nullable(),
  wrapSeconds: z.number().nullable(),
  disposition: z.string().nullable(),
  hangupSide: z.enum(hangupSides).nullable(),
  filePath: z.string(),
  fileFormat: z.enum(audioFormats),
  channels: z.number().nullable(),
  legalHold: z.boolean(),
  recovered: z.boolean(),
  /** The latest evaluation's score in percent (null: not scored yet). */
  score: z.number().nullable(),
  checks: checkResultsSchema.nullable(),
});
export type RecordingSummary = z.infer<typeof recordingSummarySchema>;

export const recordingDetailSchema = recordingSummarySchema.extend({
  tags: z.array(tagSchema),
  masks: z.array(z.object({ startMs: z.number(), endMs: z.number() })),
  notes: z.string().nullable(),
  interactionId: z.string().nullable(),
  ticketId: z.string().nullable(),
  sampleRate: z.number().nullable(),
  sizeBytes: z.number(),
  sha256: z.string(),
  source: z.enum(['live', 'import']),
  retentionClass: z.string().nullable(),
  expiresAt: z.number().nullable(),
  indexedAt: z.number(),
});
export type RecordingDetail = z.infer<typeof recordingDetailSchema>;

/** Keyset cursor: newest first on (startedAt, seq). */
export const recordingCursorSchema = z.strictObject({ startedAt: z.number().int(), seq: z.number().int() });
export type RecordingCursor = z.infer<typeof recordingCursorSchema>;

const range = <T extends z.ZodType>(inner: T) => z.strictObject({ min: inner.optional(), max: inner.optional() });

export const recordingFiltersSchema = z.strictObject({
  /** Epoch ms, inclusive from, exclusive to. */
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  agentId: z.string().min(1).max(100).optional(),
  queueId: z.string().min(1).max(100).optional(),
  direction: z.enum(directions).optional(),
  /** Digits; matches the caller or the called number, whole or by its trailing digits. */
  number: z.string().min(1).max(50).optional(),
  numberMatch: z.enum(['suffix', 'exact']).optional(),
  durationSeconds: range(z.number().min(0)).optional(),
  disposition: z.string().min(1).max(100).optional(),
  tag: z.strictObject({ key: z.string().min(1).max(64), value: z.string().max(200).optional() }).optional(),
  score: range(z.number()).optional(),
  /** Only scored (true) or only unscored (false) recordings. */
  scored: z.boolean().optional(),
  /** Free text over notes, tags, disposition and customer name (Chinese segmented). */
  text: z.string().max(500).optional(),
  /** Recordings carrying every one of these automatic-check flags. */
  checks: z
    .array(z.enum(checkFlagNames as [string, ...string[]]))
    .max(3)
    .optional(),
  legalHold: z.boolean().optional(),
});
export type RecordingFilters = z.infer<typeof recordingFiltersSchema>;

export const searchRequestSchema = recordingFiltersSchema.extend({
  after: recordingCursorSchema.optional(),
  limit: z.number().int().min(1).max(500).default(50),
});
export type SearchRequest = z.infer<typeof searchRequestSchema>;

export const searchResultSchema = z.object({
  items: z.array(recordingSummarySchema),
  next: recordingCursorSchema.nullable(),
});

export const commentSchema = z.object({
  id: z.string(),
  recordingId: z.string(),
  atMs: z.number().int(),
  endMs: z.number().int().nullable(),
  author: z.string(),
  body: z.string(),
  createdAt: z.number(),
});
export type Comment = z.infer<typeof commentSchema>;

export const formSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  definition: formDefinitionSchema,
  createdAt: z.number(),
  createdBy: z.string(),
});
export type Form = z.infer<typeof formSchema>;

export const evaluationSchema = z.object({
  id: z.string(),
  recordingId: z.string(),
  agentId: z.string().nullable(),
  formId: z.string(),
  formVersion: z.number().int(),
  evaluator: z.string(),
  answers: z.array(answerSchema),
  score: z.number().nullable(),
  autoFail: z.enum(['form', 'section']).nullable(),
  createdAt: z.number(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const auditActions = ['play', 'export', 'score', 'delete', 'hold', 'release', 'import', 'purge'] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.number(),
  actor: z.string(),
  role: z.string(),
  action: z.enum(auditActions),
  recordingId: z.string().nullable(),
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const savedSearchSchema = z.object({
  id: z.string(),
  owner: z.string(),
  name: z.string(),
  filters: recordingFiltersSchema,
  createdAt: z.number(),
});
export type SavedSearch = z.infer<typeof savedSearchSchema>;

export const importProblemSchema = z.object({ file: z.string(), reason: z.string() });
export const importSummarySchema = z.object({
  importId: z.string(),
  dir: z.string(),
  imported: z.number().int(),
  /** Already in the index (same sha256) or not an audio file name. */
  skipped: z.number().int(),
  failed: z.number().int(),
  /** One per bad file, with the reason (the first 1000). */
  problems: z.array(importProblemSchema),
  cdrRows: z.number().int(),
  cdrMatched: z.number().int(),
  /** Where imported files were copied: `<dataDir>/recordings/imported`. */
  storedUnder: z.string(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const importProgressSchema = z.object({
  importId: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  imported: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export { answerSchema };

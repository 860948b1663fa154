import type { Database } from 'better-sqlite3';
import type { Answer, FormDefinition } from '../../../shared/recordings/scorecard';
import type {
  AuditAction,
  AuditEntry,
  Comment,
  Evaluation,
  Form,
  RecordingFilters,
  SavedSearch,
} from '../../../shared/recordings/types';
import { appendAudit, type AuditInput } from './recordings-index';
import { statement } from './recordings-statements';

const seqOf = (db: Database, recordingId: string): number | undefined =>
  statement(db, 'SELECT seq FROM recordings WHERE id = ?').pluck().get(recordingId) as number | undefined;

// ---- comments at timestamps

interface CommentRow {
  id: string;
  recording_id: string;
  at_ms: number;
  end_ms: number | null;
  author: string;
  body: string;
  created_at: number;
}

const toComment = (row: CommentRow): Comment => ({
  id: row.id,
  recordingId: row.recording_id,
  atMs: row.at_ms,
  endMs: row.end_ms,
  author: row.author,
  body: row.body,
  createdAt: row.created_at,
});

export function addComment(db: Database, comment: Comment): Comment | null {
  const seq = seqOf(db, comment.recordingId);
  if (seq === undefined) return null;
  statement(
    db,
    'INSERT INTO recording_comments (id, recording_seq, at_ms, end_ms, author, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(comment.id, seq, comment.atMs, comment.endMs, comment.author, comment.body, comment.createdAt);
  return comment;
}

/** In playback order (by timestamp), so "next comment" is the next row. */
export function listComments(db: Database, recordingId: string): Comment[] {
  return (
    statement(
      db,
      `SELECT c.*, r.id AS recording_id FROM recording_comments c JOIN recordings r ON r.seq = c.recording_seq
       WHERE r.id = ? ORDER BY c.at_ms, c.created_at, c.id`,
    ).all(recordingId) as CommentRow[]
  ).map(toComment);
}

export function getComment(db: Database, id: string): Comment | null {
  const row = statement(
    db,
    `SELECT c.*, r.id AS recording_id FROM recording_comments c JOIN recordings r ON r.seq = c.recording_seq
     WHERE c.id = ?`,
  ).get(id) as CommentRow | undefined;
  return row ? toComment(row) : null;
}

export function deleteComment(db: Database, id: string): boolean {
  return statement(db, 'DELETE FROM recording_comments WHERE id = ?').run(id).changes > 0;
}

// ---- scorecard forms (versioned; a saved version never changes)

interface FormRow {
  id: string;
  version: number;
  definition: string;
  created_at: number;
  created_by: string;
}

const toForm = (row: FormRow): Form => ({
  id: row.id,
  version: row.version,
  definition: JSON.parse(row.definition) as FormDefinition,
  createdAt: row.created_at,
  createdBy: row.created_by,
});

/** Saves the next version of a form; answers it. */
export function saveForm(
  db: Database,
  form: { id: string; definition: FormDefinition; createdAt: number; createdBy: string },
): Form {
  return db.transaction(() => {
    const latest = statement(db, 'SELECT max(version) FROM qa_forms WHERE id = ?').pluck().get(form.id) as
      number | null;
    const version = (latest ?? 0) + 1;
    statement(db, 'INSERT INTO qa_forms (id, version, definition, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(
      form.id,
      version,
      JSON.stringify(form.definition),
      form.createdAt,
      form.createdBy,
    );
    return { id: form.id, version, definition: form.definition, createdAt: form.createdAt, createdBy: form.createdBy };
  })();
}

/** Inserts a given version if absent (the shipped default form at start-up). */
export function ensureForm(db: Database, form: Form): boolean {
  return (
    statement(
      db,
      'INSERT OR IGNORE INTO qa_forms (id, version, definition, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
    ).run(form.id, form.version, JSON.stringify(form.definition), form.createdAt, form.createdBy).changes > 0
  );
}

export function getForm(db: Database, id: string, version?: number): Form | null {
  const row = (
    version === undefined
      ? statement(db, 'SELECT * FROM qa_forms WHERE id = ? ORDER BY version DESC LIMIT 1').get(id)
      : statement(db, 'SELECT * FROM qa_forms WHERE id = ? AND version = ?').get(id, version)
  ) as FormRow | undefined;
  return row ? toForm(row) : null;
}

/** The latest version of every form. */
export function listForms(db: Database): Form[] {
  return (
    statement(
      db,
      `SELECT f.* FROM qa_forms f WHERE f.version = (SELECT max(version) FROM qa_forms g WHERE g.id = f.id)
       ORDER BY f.id`,
    ).all() as FormRow[]
  ).map(toForm);
}

// ---- evaluations

interface EvaluationRow {
  id: string;
  recording_id: string;
  agent_id: string | null;
  form_id: string;
  form_version: number;
  evaluator: string;
  answers: string;
  score: number | null;
  auto_fail: 'form' | 'section' | null;
  created_at: number;
}

const toEvaluation = (row: EvaluationRow): Evaluation => ({
  id: row.id,
  recordingId: row.recording_id,
  agentId: row.agent_id,
  formId: row.form_id,
  formVersion: row.form_version,
  evaluator: row.evaluator,
  answers: JSON.parse(row.answers) as Answer[],
  score: row.score,
  autoFail: row.auto_fail,
  createdAt: row.created_at,
});

/** Stores an evaluation, makes its score the recording's current score, and audits it: one transaction. */
export function insertEvaluation(db: Database, evaluation: Evaluation, audit: AuditInput): Evaluation | null {
  return db.transaction(() => {
    const seq = seqOf(db, evaluation.recordingId);
    if (seq === undefined) return null;
    statement(
      db,
      `INSERT INTO qa_evaluations (id, recording_seq, agent_id, form_id, form_version, evaluator, answers, score,
         auto_fail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      evaluation.id,
      seq,
      evaluation.agentId,
      evaluation.formId,
      evaluation.formVersion,
      evaluation.evaluator,
      JSON.stringify(evaluation.answers),
      evaluation.score,
      evaluation.autoFail,
      evaluation.createdAt,
    );
    statement(db, 'UPDATE recordings SET score = ? WHERE seq = ?').run(evaluation.score, seq);
    appendAudit(db, audit);
    return evaluation;
  })();
}

export interface EvaluationQuery {
  readonly recordingId?: string | undefined;
  readonly agentId?: string | undefined;
  readonly before?: { readonly createdAt: number; readonly id: string } | undefined;
  readonly limit: number;
}

export function listEvaluations(
  db: Database,
  query: EvaluationQuery,
): { items: Evaluation[]; next: { createdAt: number; id: string } | null } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: query.limit + 1 };
  if (query.recordingId !== undefined) {
    where.push('r.id = @recordingId');
    params.recordingId = query.recordingId;
  }
  if (query.agentId !== undefined) {
    where.push('e.agent_id = @agentId');
    params.agentId = query.agentId;
  }
  if (query.before !== undefined) {
    where.push('(e.created_at, e.id) < (@beforeAt, @beforeId)');
    params.beforeAt = query.before.createdAt;
    params.beforeId = query.before.id;
  }
  const rows = statement(
    db,
    `SELECT e.*, r.id AS recording_id FROM qa_evaluations e JOIN recordings r ON r.seq = e.recording_seq
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.created_at DESC, e.id DESC LIMIT @limit`,
  ).all(params) as EvaluationRow[];
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return { items: page.map(toEvaluation), next: more && last ? { createdAt: last.created_at, id: last.id } : null };
}

// ---- saved searches (per owner)

interface SavedRow {
  id: string;
  owner: string;
  name: string;
  filters: string;
  created_at: number;
}

const toSaved = (row: SavedRow): SavedSearch => ({
  id: row.id,
  owner: row.owner,
  name: row.name,
  filters: JSON.parse(row.filters) as RecordingFilters,
  createdAt: row.created_at,
});

/** Saving under an existing name replaces that search's filters. */
export function saveSearch(db: Database, search: SavedSearch): SavedSearch {
  const row = statement(
    db,
    `INSERT INTO qa_saved_searches (id, owner, name, filters, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (owner, name) DO UPDATE SET filters = excluded.filters RETURNING *`,
  ).get(search.id, search.owner, search.name, JSON.stringify(search.filters), search.createdAt) as SavedRow;
  return toSaved(row);
}

export function listSavedSearches(db: Database, owner: string): SavedSearch[] {
  return (statement(db, 'SELECT * FROM qa_saved_searches WHERE owner = ? ORDER BY name').all(owner) as SavedRow[]).map(
    toSaved,
  );
}

export function deleteSavedSearch(db: Database, id: string, owner: string): boolean {
  return statement(db, 'DELETE FROM qa_saved_searches WHERE id = ? AND owner = ?').run(id, owner).changes > 0;
}

// ---- the audit log (append-only; browse newest first)

export interface AuditQuery {
  readonly recordingId?: string | undefined;
  readonly action?: AuditAction | undefined;
  readonly before?: number | undefined;
  readonly limit: number;
}

export function browseAudit(db: Database, query: AuditQuery): { items: AuditEntry[]; next: number | null } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: query.limit + 1 };
  if (query.recordingId !== undefined) {
    where.push('recording_id = @recordingId');
    params.recordingId = query.recordingId;
  }
  if (query.action !== undefined) {
    where.push('action = @action');
    params.action = query.action;
  }
  if (query.before !== undefined) {
    where.push('seq < @before');
    params.before = query.before;
  }
  const rows = statement(
    db,
    `SELECT seq, at, actor, role, action, recording_id AS recordingId, detail FROM recording_audit
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @limit`,
  ).all(params) as AuditEntry[];
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return { items: page, next: more ? (page.at(-1)?.seq ?? null) : null };
}

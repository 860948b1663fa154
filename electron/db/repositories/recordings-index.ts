import type { Database } from 'better-sqlite3';
import { checkFlagNames, checkFlags, flagMask, type CheckFlag } from '../../../shared/recordings/checks';
import { suffixRange, reversedDigits } from '../../../shared/recordings/numbers';
import { resolveRetention, expiresAt, type RetentionPolicy } from '../../../shared/recordings/retention';
import type {
  AuditAction,
  RecordingCursor,
  RecordingDetail,
  RecordingSummary,
  SearchRequest,
  Tag,
} from '../../../shared/recordings/types';
import { indexTextFast } from '../../../shared/recordings/fts-text';
import { matchExpression } from '../../../shared/text/segment';
import { statement } from './recordings-statements';

/** One recording ready for the index: contract fields plus what the service derived. */
export interface IndexRow {
  readonly id: string;
  readonly callId: string | null;
  readonly sipCallId: string | null;
  readonly pbxUniqueId: string | null;
  readonly pbxLinkedId: string | null;
  readonly direction: RecordingSummary['direction'];
  readonly ani: string | null;
  readonly dnis: string | null;
  readonly customerName: string | null;
  readonly agentId: string | null;
  readonly queueId: string | null;
  readonly startedAt: number;
  readonly answeredAt: number | null;
  readonly endedAt: number | null;
  readonly talkSeconds: number | null;
  readonly holdSeconds: number | null;
  readonly wrapSeconds: number | null;
  readonly durationSeconds: number | null;
  readonly disposition: string | null;
  readonly hangupSide: RecordingSummary['hangupSide'];
  readonly tags: readonly Tag[];
  /** Paused spans (ms), shown masked and skipped by the player. */
  readonly masks?: readonly { readonly startMs: number; readonly endMs: number }[];
  readonly notes: string | null;
  readonly interactionId: string | null;
  readonly ticketId: string | null;
  readonly filePath: string;
  readonly fileFormat: RecordingSummary['fileFormat'];
  readonly channels: number | null;
  readonly sampleRate: number | null;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly source: 'live' | 'import';
  readonly retentionClass: string | null;
  readonly expiresAt: number | null;
  readonly legalHold: boolean;
  readonly recovered: boolean;
  readonly checks: {
    readonly silenceRatio: readonly number[];
    readonly overTalkSeconds: number;
    readonly longestSilenceSeconds: number;
    readonly flags: number;
  } | null;
  /** Per channel, 0…255 per window. */
  readonly peaks: { readonly peaksPerSecond: number; readonly channels: readonly Uint8Array[] } | null;
  readonly indexedAt: number;
}

/** Everything the full-text index reads: notes, tags, disposition and customer name, segmented. */
export function ftsBody(row: {
  readonly notes: string | null;
  readonly tags: readonly Tag[];
  readonly disposition: string | null;
  readonly customerName: string | null;
}): string {
  const parts = [row.notes, row.disposition, row.customerName, ...row.tags.map((t) => `${t.key} ${t.value}`)];
  return indexTextFast(parts.filter((p) => p).join('\n'));
}

const insertSql = `INSERT INTO recordings (id, call_id, sip_call_id, pbx_unique_id, pbx_linked_id, direction,
    ani, ani_rev, dnis, dnis_rev, customer_name, agent_id, queue_id, started_at, answered_at, ended_at,
    talk_s, hold_s, wrap_s, duration_s, disposition, hangup_side, notes, interaction_id, ticket_id,
    file_path, file_format, channels, sample_rate, size_bytes, sha256, source, retention_class, expires_at,
    legal_hold, recovered, silence_left, silence_right, overtalk_s, longest_silence_s, check_flags, indexed_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
    ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (sha256) DO NOTHING`;

export interface InsertOutcome {
  /** Ids of the rows written. */
  readonly inserted: readonly string[];
  /** sha256 of rows already in the index (a re-run of an import). */
  readonly duplicates: readonly string[];
}

/**
 * A bulk insert touches index pages at scattered places (sha256 values, reversed numbers, each
 * agent's and queue's time range). With SQLite's default 2 MiB page cache most touches re-read a
 * page evicted moments before, and large transactions spill dirty pages early. The
 * cache grows only as pages are used, so 128 MiB costs memory only on connections that need it.
 */
const bulkCacheKiB = 128 * 1024;
const widened = new WeakSet<Database>();

function widenCache(db: Database): void {
  if (widened.has(db)) return;
  widened.add(db);
  const current = db.pragma('cache_size', { simple: true }) as number;
  // Negative means KiB (the default, -2000); a positive page count was chosen by someone: leave it.
  if (current < 0 && -current < bulkCacheKiB) db.pragma(`cache_size = -${bulkCacheKiB}`);
}

/** Bulk insert in one transaction with reused statements; a row whose sha256 is known is skipped. */
export function insertRecordings(db: Database, rows: readonly IndexRow[]): InsertOutcome {
  if (rows.length >= 100) widenCache(db);
  const insert = statement(db, insertSql);
  const tag = statement(db, 'INSERT OR IGNORE INTO recording_tags (recording_seq, key, value) VALUES (?, ?, ?)');
  const fts = statement(db, 'INSERT INTO recordings_fts (rowid, body) VALUES (?, ?)');
  const mask = statement(
    db,
    'INSERT OR IGNORE INTO recording_masks (recording_seq, start_ms, end_ms) VALUES (?, ?, ?)',
  );
  const peaks = statement(
    db,
    'INSERT INTO recording_peaks (recording_seq, channel, peaks_per_second, peaks) VALUES (?, ?, ?, ?)',
  );
  const inserted: string[] = [];
  const duplicates: string[] = [];
  db.transaction(() => {
    for (const r of rows) {
      const result = insert.run(
        r.id,
        r.callId,
        r.sipCallId,
        r.pbxUniqueId,
        r.pbxLinkedId,
        r.direction,
        r.ani,
        reversedDigits(r.ani),
        r.dnis,
        reversedDigits(r.dnis),
        r.customerName,
        r.agentId,
        r.queueId,
        r.startedAt,
        r.answeredAt,
        r.endedAt,
        r.talkSeconds,
        r.holdSeconds,
        r.wrapSeconds,
        r.durationSeconds,
        r.disposition,
        r.hangupSide,
        r.notes,
        r.interactionId,
        r.ticketId,
        r.filePath,
        r.fileFormat,
        r.channels,
        r.sampleRate,
        r.sizeBytes,
        r.sha256,
        r.source,
        r.retentionClass,
        r.expiresAt,
        r.legalHold ? 1 : 0,
        r.recovered ? 1 : 0,
        r.checks?.silenceRatio[0] ?? null,
        r.checks?.silenceRatio[1] ?? null,
        r.checks?.overTalkSeconds ?? null,
        r.checks?.longestSilenceSeconds ?? null,
        r.checks?.flags ?? 0,
        r.indexedAt,
      );
      if (result.changes === 0) {
        duplicates.push(r.sha256);
        continue;
      }
      const seq = Number(result.lastInsertRowid);
      inserted.push(r.id);
      for (const t of r.tags) tag.run(seq, t.key, t.value);
      for (const m of r.masks ?? []) mask.run(seq, m.startMs, m.endMs);
      const body = ftsBody(r);
      if (body) fts.run(seq, body);
      if (r.peaks) {
        r.peaks.channels.forEach((channel, index) =>
          peaks.run(
            seq,
            index,
            r.peaks?.peaksPerSecond ?? 100,
            Buffer.from(channel.buffer, channel.byteOffset, channel.byteLength),
          ),
        );
      }
    }
  })();
  return { inserted, duplicates };
}

/** Which of these hashes the index already holds (an import skips their copy). */
export function knownHashes(db: Database, hashes: readonly string[]): string[] {
  const get = statement(db, 'SELECT 1 FROM recordings WHERE sha256 = ?').pluck();
  return hashes.filter((hash) => get.get(hash) !== undefined);
}

interface Row {
  seq: number;
  id: string;
  call_id: string | null;
  sip_call_id: string | null;
  pbx_unique_id: string | null;
  pbx_linked_id: string | null;
  direction: RecordingSummary['direction'];
  ani: string | null;
  dnis: string | null;
  customer_name: string | null;
  agent_id: string | null;
  queue_id: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  talk_s: number | null;
  hold_s: number | null;
  wrap_s: number | null;
  duration_s: number | null;
  disposition: string | null;
  hangup_side: RecordingSummary['hangupSide'];
  notes: string | null;
  interaction_id: string | null;
  ticket_id: string | null;
  file_path: string;
  file_format: RecordingSummary['fileFormat'];
  channels: number | null;
  sample_rate: number | null;
  size_bytes: number;
  sha256: string;
  source: 'live' | 'import';
  retention_class: string | null;
  expires_at: number | null;
  legal_hold: number;
  recovered: number;
  silence_left: number | null;
  silence_right: number | null;
  overtalk_s: number | null;
  longest_silence_s: number | null;
  check_flags: number;
  score: number | null;
  indexed_at: number;
}

const summaryColumns = `r.seq, r.id, r.call_id, r.sip_call_id, r.pbx_unique_id, r.pbx_linked_id, r.direction, r.ani,
  r.dnis, r.customer_name, r.agent_id, r.queue_id, r.started_at, r.answered_at, r.ended_at, r.talk_s, r.hold_s,
  r.wrap_s, r.duration_s, r.disposition, r.hangup_side, r.file_path, r.file_format, r.channels, r.legal_hold,
  r.recovered, r.silence_left, r.silence_right, r.overtalk_s, r.longest_silence_s, r.check_flags, r.score`;

function toSummary(row: Row): RecordingSummary {
  const silence = [row.silence_left, row.silence_right].filter((v): v is number => v !== null);
  return {
    id: row.id,
    seq: row.seq,
    callId: row.call_id,
    sipCallId: row.sip_call_id,
    pbxUniqueId: row.pbx_unique_id,
    pbxLinkedId: row.pbx_linked_id,
    direction: row.direction,
    ani: row.ani,
    dnis: row.dnis,
    customerName: row.customer_name,
    agentId: row.agent_id,
    queueId: row.queue_id,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    durationSeconds: row.duration_s,
    talkSeconds: row.talk_s,
    holdSeconds: row.hold_s,
    wrapSeconds: row.wrap_s,
    disposition: row.disposition,
    hangupSide: row.hangup_side,
    filePath: row.file_path,
    fileFormat: row.file_format,
    channels: row.channels,
    legalHold: row.legal_hold === 1,
    recovered: row.recovered === 1,
    score: row.score,
    checks:
      row.overtalk_s === null
        ? null
        : {
            silenceRatio: silence,
            overTalkSeconds: row.overtalk_s,
            longestSilenceSeconds: row.longest_silence_s ?? 0,
            flags: checkFlagNames.filter((name) => (row.check_flags & checkFlags[name]) !== 0),
          },
  };
}

/** Who is asking: an agent sees only their own recordings (the service passes their id). */
export interface Scope {
  readonly agentId?: string | undefined;
}

export interface SearchPage {
  readonly items: RecordingSummary[];
  readonly next: RecordingCursor | null;
}

/**
 * Filtered search, newest first, keyset-paged on (started_at, seq): never OFFSET.
 * With free text the FTS5 query runs first in a CTE and the filters join onto its hits.
 */
export function searchRecordings(db: Database, search: SearchRequest, scope: Scope = {}): SearchPage {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: search.limit + 1 };
  let cte = '';
  let from = 'recordings r';

  if (search.text !== undefined) {
    const match = matchExpression(search.text);
    if (match !== null) {
      // MATERIALIZED: the hits are computed once, then joined by rowid.
      cte = 'WITH hits(seq) AS MATERIALIZED (SELECT rowid FROM recordings_fts WHERE recordings_fts MATCH @match) ';
      from = 'hits JOIN recordings r ON r.seq = hits.seq';
      params.match = match;
    }
  }
  const agent = scope.agentId ?? search.agentId;
  if (scope.agentId !== undefined && search.agentId !== undefined && search.agentId !== scope.agentId) {
    return { items: [], next: null };
  }
  if (agent !== undefined) {
    where.push('r.agent_id = @agent');
    params.agent = agent;
  }
  if (search.from !== undefined) {
    where.push('r.started_at >= @from');
    params.from = search.from;
  }
  if (search.to !== undefined) {
    where.push('r.started_at < @to');
    params.to = search.to;
  }
  if (search.queueId !== undefined) {
    where.push('r.queue_id = @queue');
    params.queue = search.queueId;
  }
  if (search.direction !== undefined) {
    where.push('r.direction = @direction');
    params.direction = search.direction;
  }
  if (search.number !== undefined) {
    const exact = search.numberMatch === 'exact';
    const range = suffixRange(search.number, exact);
    if (range === null) return { items: [], next: null };
    params.revFrom = range.from;
    params.revTo = range.to;
    where.push(
      exact
        ? '(r.ani_rev = @revFrom OR r.dnis_rev = @revFrom)'
        : '((r.ani_rev >= @revFrom AND r.ani_rev < @revTo) OR (r.dnis_rev >= @revFrom AND r.dnis_rev < @revTo))',
    );
  }
  if (search.durationSeconds?.min !== undefined) {
    where.push('r.duration_s >= @durMin');
    params.durMin = search.durationSeconds.min;
  }
  if (search.durationSeconds?.max !== undefined) {
    where.push('r.duration_s <= @durMax');
    params.durMax = search.durationSeconds.max;
  }
  if (search.disposition !== undefined) {
    where.push('r.disposition = @disposition');
    params.disposition = search.disposition;
  }
  if (search.tag !== undefined) {
    params.tagKey = search.tag.key;
    if (search.tag.value === undefined) {
      where.push('EXISTS (SELECT 1 FROM recording_tags t WHERE t.recording_seq = r.seq AND t.key = @tagKey)');
    } else {
      where.push(
        'EXISTS (SELECT 1 FROM recording_tags t WHERE t.recording_seq = r.seq AND t.key = @tagKey AND t.value = @tagValue)',
      );
      params.tagValue = search.tag.value;
    }
  }
  if (search.score?.min !== undefined) {
    where.push('r.score >= @scoreMin');
    params.scoreMin = search.score.min;
  }
  if (search.score?.max !== undefined) {
    where.push('r.score <= @scoreMax');
    params.scoreMax = search.score.max;
  }
  if (search.scored !== undefined) where.push(search.scored ? 'r.score IS NOT NULL' : 'r.score IS NULL');
  if (search.checks !== undefined && search.checks.length > 0) {
    where.push('(r.check_flags & @mask) = @mask');
    params.mask = flagMask(search.checks as CheckFlag[]);
  }
  if (search.legalHold !== undefined) {
    where.push('r.legal_hold = @hold');
    params.hold = search.legalHold ? 1 : 0;
  }
  if (search.after !== undefined) {
    // Row values: one index range, and equal start times never lose or repeat a row.
    where.push('(r.started_at, r.seq) < (@afterStart, @afterSeq)');
    params.afterStart = search.after.startedAt;
    params.afterSeq = search.after.seq;
  }
  const sql = `${cte}SELECT ${summaryColumns} FROM ${from}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY r.started_at DESC, r.seq DESC LIMIT @limit`;
  const rows = statement(db, sql).all(params) as Row[];
  const more = rows.length > search.limit;
  const page = more ? rows.slice(0, search.limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    next: more && last ? { startedAt: last.started_at, seq: last.seq } : null,
  };
}

function tagsOf(db: Database, seq: number): Tag[] {
  return statement(db, 'SELECT key, value FROM recording_tags WHERE recording_seq = ? ORDER BY key, value').all(
    seq,
  ) as Tag[];
}

export function getRecording(db: Database, id: string): RecordingDetail | null {
  const row = statement(db, 'SELECT r.* FROM recordings r WHERE r.id = ?').get(id) as Row | undefined;
  if (row === undefined) return null;
  return {
    ...toSummary(row),
    tags: tagsOf(db, row.seq),
    masks: statement(
      db,
      'SELECT start_ms AS startMs, end_ms AS endMs FROM recording_masks WHERE recording_seq = ? ORDER BY start_ms',
    ).all(row.seq) as { startMs: number; endMs: number }[],
    notes: row.notes,
    interactionId: row.interaction_id,
    ticketId: row.ticket_id,
    sampleRate: row.sample_rate,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    source: row.source,
    retentionClass: row.retention_class,
    expiresAt: row.expires_at,
    indexedAt: row.indexed_at,
  };
}

export function getRecordingByHash(db: Database, sha256: string): RecordingDetail | null {
  const id = statement(db, 'SELECT id FROM recordings WHERE sha256 = ?').pluck().get(sha256) as string | undefined;
  return id === undefined ? null : getRecording(db, id);
}

export function getPeaks(db: Database, id: string): { peaksPerSecond: number; channels: Uint8Array[] } | null {
  const rows = statement(
    db,
    `SELECT p.peaks_per_second, p.peaks FROM recording_peaks p JOIN recordings r ON r.seq = p.recording_seq
     WHERE r.id = ? ORDER BY p.channel`,
  ).all(id) as { peaks_per_second: number; peaks: Buffer }[];
  if (rows.length === 0) return null;
  return { peaksPerSecond: rows[0]?.peaks_per_second ?? 100, channels: rows.map((r) => new Uint8Array(r.peaks)) };
}

export interface AuditInput {
  readonly at: number;
  readonly actor: string;
  readonly role: string;
  readonly action: AuditAction;
  readonly recordingId: string | null;
  readonly detail: string | null;
}

export function appendAudit(db: Database, entry: AuditInput): void {
  statement(
    db,
    'INSERT INTO recording_audit (at, actor, role, action, recording_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(entry.at, entry.actor, entry.role, entry.action, entry.recordingId, entry.detail);
}

export interface Annotation {
  readonly notes?: string | null | undefined;
  readonly tags?: readonly Tag[] | undefined;
  readonly disposition?: string | null | undefined;
}

/** Notes, tags, disposition; the full-text row is rewritten in the same transaction. */
export function annotateRecording(db: Database, id: string, change: Annotation): RecordingDetail | null {
  return db.transaction(() => {
    const current = getRecording(db, id);
    if (current === null) return null;
    const notes = change.notes === undefined ? current.notes : change.notes;
    const disposition = change.disposition === undefined ? current.disposition : change.disposition;
    const tags = change.tags ?? current.tags;
    statement(db, 'UPDATE recordings SET notes = ?, disposition = ? WHERE seq = ?').run(
      notes,
      disposition,
      current.seq,
    );
    if (change.tags !== undefined) {
      statement(db, 'DELETE FROM recording_tags WHERE recording_seq = ?').run(current.seq);
      const tag = statement(db, 'INSERT OR IGNORE INTO recording_tags (recording_seq, key, value) VALUES (?, ?, ?)');
      for (const t of tags) tag.run(current.seq, t.key, t.value);
    }
    statement(db, 'DELETE FROM recordings_fts WHERE rowid = ?').run(current.seq);
    const body = ftsBody({ notes, tags, disposition, customerName: current.customerName });
    if (body) statement(db, 'INSERT INTO recordings_fts (rowid, body) VALUES (?, ?)').run(current.seq, body);
    return getRecording(db, id);
  })();
}

export function setLegalHold(db: Database, id: string, hold: boolean, audit: AuditInput): RecordingDetail | null {
  return db.transaction(() => {
    const result = statement(db, 'UPDATE recordings SET legal_hold = ? WHERE id = ?').run(hold ? 1 : 0, id);
    if (result.changes === 0) return null;
    appendAudit(db, audit);
    return getRecording(db, id);
  })();
}

/** Deletes rows (peaks, tags, comments, evaluations and FTS go with them) and audits each, atomically. */
export function deleteRecordings(
  db: Database,
  ids: readonly string[],
  audit: Omit<AuditInput, 'recordingId'>,
): string[] {
  const remove = statement(db, 'DELETE FROM recordings WHERE id = ? RETURNING id').pluck();
  const deleted: string[] = [];
  db.transaction(() => {
    for (const id of ids) {
      const gone = remove.get(id) as string | undefined;
      if (gone === undefined) continue;
      deleted.push(gone);
      appendAudit(db, { ...audit, recordingId: gone });
    }
  })();
  return deleted;
}

export interface PurgeCandidate {
  readonly id: string;
  readonly filePath: string;
  readonly expiresAt: number;
}

/** Expired and not on legal hold, oldest expiry first (an index range on recordings_expiring). */
export function purgeCandidates(db: Database, now: number, limit: number): PurgeCandidate[] {
  return statement(
    db,
    `SELECT id, file_path AS filePath, expires_at AS expiresAt FROM recordings
     WHERE expires_at IS NOT NULL AND legal_hold = 0 AND expires_at <= ? ORDER BY expires_at LIMIT ?`,
  ).all(now, limit) as PurgeCandidate[];
}

export function countHeldExpired(db: Database, now: number): number {
  return statement(db, 'SELECT count(*) FROM recordings WHERE legal_hold = 1 AND expires_at <= ?')
    .pluck()
    .get(now) as number;
}

/**
 * Re-resolves every recording's class and expiry after the policy changed. Runs in the worker in
 * batches of one transaction each; answers how many rows changed.
 */
export function applyRetention(db: Database, policy: RetentionPolicy): number {
  const rows = statement(
    db,
    `SELECT r.seq, r.queue_id, r.direction, r.disposition, r.started_at, r.retention_class, r.expires_at,
       (SELECT json_group_array(json_object('key', t.key, 'value', t.value)) FROM recording_tags t
        WHERE t.recording_seq = r.seq) AS tags
     FROM recordings r`,
  ).all() as {
    seq: number;
    queue_id: string | null;
    direction: string;
    disposition: string | null;
    started_at: number;
    retention_class: string | null;
    expires_at: number | null;
    tags: string;
  }[];
  const update = statement(db, 'UPDATE recordings SET retention_class = ?, expires_at = ? WHERE seq = ?');
  let changed = 0;
  db.transaction(() => {
    for (const row of rows) {
      const decision = resolveRetention(policy, {
        queueId: row.queue_id,
        direction: row.direction,
        disposition: row.disposition,
        tags: JSON.parse(row.tags) as Tag[],
      });
      // expires_at ignores the hold (the purge query skips held rows), so releasing a hold needs no recompute.
      const expiry = expiresAt(decision, row.started_at, false);
      if (decision.className === row.retention_class && expiry === row.expires_at) continue;
      update.run(decision.className, expiry, row.seq);
      changed++;
    }
  })();
  return changed;
}

export function countRecordings(db: Database): number {
  return statement(db, 'SELECT count(*) FROM recordings').pluck().get() as number;
}

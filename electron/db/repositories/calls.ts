import type { Database } from 'better-sqlite3';
import type { CallHistoryItem } from '../../../shared/softphone/types';

interface CallRow {
  id: string;
  direction: 'inbound' | 'outbound';
  remote_number: string;
  remote_name: string | null;
  local_number: string;
  line: number;
  queue: string | null;
  customer_id: string | null;
  sip_call_id: string;
  started_at: number;
  answered_at: number | null;
  ended_at: number;
  hold_seconds: number;
  hangup_by: 'local' | 'remote' | 'system';
  cause: string;
  quality: string | null;
  recording_id: string | null;
}

const reverse = (text: string): string => [...text].reverse().join('');

export function insertCall(db: Database, call: CallHistoryItem): void {
  db.prepare(
    `INSERT INTO calls (id, direction, remote_number, remote_number_rev, remote_name, local_number, line, queue,
       customer_id, sip_call_id, started_at, answered_at, ended_at, hold_seconds, hangup_by, cause, quality, recording_id)
     VALUES (@id, @direction, @remoteNumber, @remoteNumberRev, @remoteName, @localNumber, @line, @queue,
       @customerId, @sipCallId, @startedAt, @answeredAt, @endedAt, @holdSeconds, @hangupBy, @cause, @quality, @recordingId)
     ON CONFLICT (id) DO NOTHING`,
  ).run({
    ...call,
    remoteNumberRev: reverse(call.remoteNumber),
    quality: call.quality === null ? null : JSON.stringify(call.quality),
  });
}

export interface CallSearch {
  /** Digits match the end of the number ("last four"); other text the name or the number. */
  readonly text?: string | undefined;
  readonly before?: { readonly startedAt: number; readonly id: string } | undefined;
  readonly limit: number;
}

/** Newest first, keyset-paged on (started_at, id). */
export function searchCalls(db: Database, search: CallSearch): CallHistoryItem[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: search.limit };
  const text = search.text?.trim();
  if (text) {
    if (/^\+?[0-9*#]+$/.test(text)) {
      // Suffix search on the reversed column: an index range.
      where.push(`remote_number_rev >= @rev AND remote_number_rev < @revEnd`);
      params.rev = reverse(text);
      params.revEnd = `${reverse(text)}\uffff`;
    } else {
      where.push(
        `(remote_name LIKE @like ESCAPE '\\' OR remote_number LIKE @like ESCAPE '\\' OR queue LIKE @like ESCAPE '\\')`,
      );
      params.like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
  }
  if (search.before) {
    where.push('(started_at < @beforeStart OR (started_at = @beforeStart AND id < @beforeId))');
    params.beforeStart = search.before.startedAt;
    params.beforeId = search.before.id;
  }
  const rows = db
    .prepare(
      `SELECT * FROM calls ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY started_at DESC, id DESC LIMIT @limit`,
    )
    .all(params) as CallRow[];
  return rows.map((row) => ({
    id: row.id,
    direction: row.direction,
    remoteNumber: row.remote_number,
    remoteName: row.remote_name,
    localNumber: row.local_number,
    line: row.line,
    queue: row.queue,
    customerId: row.customer_id,
    sipCallId: row.sip_call_id,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    holdSeconds: row.hold_seconds,
    hangupBy: row.hangup_by,
    cause: row.cause,
    quality: row.quality === null ? null : (JSON.parse(row.quality) as CallHistoryItem['quality']),
    recordingId: row.recording_id,
  }));
}

import type { Migration } from './types';

/**
 * Call recordings: the index, full-text search, peaks, comments, scorecard forms and
 * evaluations, saved searches and the append-only audit log.
 *
 * - `seq` is the rowid (INTEGER PRIMARY KEY, stable across VACUUM), used by FTS and child tables
 *   and as the keyset tie-breaker; `id` is the public id.
 * - Numbers are stored as written and as their digits reversed (`ani_rev`, `dnis_rev`), so a
 *   "last 4 digits" search is an index range (see shared/recordings/numbers.ts).
 * - Indexes follow the queries: agent + time newest first, queue + time, time alone, reversed
 *   numbers, the PBX unique id (CDR joins, ids pasted from the PBX), purge candidates. Call-ID and
 *   call id are not indexed: no search filters on them, and every index costs the bulk insert.
 * - `recordings_fts` is contentless (with contentless_delete) because it indexes segmented text
 *   (shared/text/segment.ts indexText), which no column holds; the repository writes it in the
 *   same transaction as the row, and a trigger removes it with the row.
 * - Audio check results: per-channel silence ratio (left = agent, right = customer), over-talk
 *   and longest silence in seconds, and their flags as a bit mask (shared/recordings/checks.ts).
 */
export const migration005: Migration = {
  version: 5,
  name: 'recordings',
  up(db) {
    db.exec(`
      CREATE TABLE recordings (
        seq               INTEGER PRIMARY KEY,
        id                TEXT NOT NULL UNIQUE,
        call_id           TEXT,
        sip_call_id       TEXT,
        pbx_unique_id     TEXT,
        pbx_linked_id     TEXT,
        direction         TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'internal', 'unknown')),
        ani               TEXT,
        ani_rev           TEXT,
        dnis              TEXT,
        dnis_rev          TEXT,
        customer_name     TEXT,
        agent_id          TEXT,
        queue_id          TEXT,
        started_at        INTEGER NOT NULL,
        answered_at       INTEGER,
        ended_at          INTEGER,
        talk_s            REAL,
        hold_s            REAL,
        wrap_s            REAL,
        duration_s        REAL,
        disposition       TEXT,
        hangup_side       TEXT CHECK (hangup_side IN ('agent', 'customer', 'system')),
        notes             TEXT,
        interaction_id    TEXT,
        ticket_id         TEXT,
        file_path         TEXT NOT NULL,
        file_format       TEXT NOT NULL,
        channels          INTEGER,
        sample_rate       INTEGER,
        size_bytes        INTEGER NOT NULL,
        sha256            TEXT NOT NULL UNIQUE,
        source            TEXT NOT NULL CHECK (source IN ('live', 'import')),
        retention_class   TEXT,
        expires_at        INTEGER,
        legal_hold        INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1)),
        recovered         INTEGER NOT NULL DEFAULT 0 CHECK (recovered IN (0, 1)),
        silence_left      REAL,
        silence_right     REAL,
        overtalk_s        REAL,
        longest_silence_s REAL,
        check_flags       INTEGER NOT NULL DEFAULT 0,
        score             REAL,
        indexed_at        INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX recordings_by_agent_time ON recordings (agent_id, started_at DESC, seq DESC);
      CREATE INDEX recordings_by_queue_time ON recordings (queue_id, started_at DESC, seq DESC);
      CREATE INDEX recordings_by_time ON recordings (started_at DESC, seq DESC);
      CREATE INDEX recordings_by_ani_rev ON recordings (ani_rev) WHERE ani_rev IS NOT NULL;
      CREATE INDEX recordings_by_dnis_rev ON recordings (dnis_rev) WHERE dnis_rev IS NOT NULL;
      CREATE INDEX recordings_by_pbx_id ON recordings (pbx_unique_id) WHERE pbx_unique_id IS NOT NULL;
      CREATE INDEX recordings_expiring ON recordings (expires_at) WHERE expires_at IS NOT NULL AND legal_hold = 0;

      CREATE TABLE recording_tags (
        recording_seq INTEGER NOT NULL REFERENCES recordings (seq) ON DELETE CASCADE,
        key           TEXT NOT NULL,
        value         TEXT NOT NULL,
        PRIMARY KEY (recording_seq, key, value)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX recording_tags_by_tag ON recording_tags (key, value, recording_seq);

      CREATE VIRTUAL TABLE recordings_fts USING fts5 (
        body,
        content = '',
        contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 0'
      );
      CREATE TRIGGER recordings_fts_delete AFTER DELETE ON recordings BEGIN
        DELETE FROM recordings_fts WHERE rowid = old.seq;
      END;

      -- Spans paused for payment-card data (PCI): the player shows them masked and skips them.
      CREATE TABLE recording_masks (
        recording_seq INTEGER NOT NULL REFERENCES recordings (seq) ON DELETE CASCADE,
        start_ms      INTEGER NOT NULL,
        end_ms        INTEGER NOT NULL CHECK (end_ms >= start_ms),
        PRIMARY KEY (recording_seq, start_ms)
      ) STRICT, WITHOUT ROWID;

      -- Waveform peaks, computed once: per channel, one byte (0…255) per window.
      CREATE TABLE recording_peaks (
        recording_seq    INTEGER NOT NULL REFERENCES recordings (seq) ON DELETE CASCADE,
        channel          INTEGER NOT NULL,
        peaks_per_second REAL NOT NULL,
        peaks            BLOB NOT NULL,
        PRIMARY KEY (recording_seq, channel)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE recording_comments (
        id            TEXT PRIMARY KEY NOT NULL,
        recording_seq INTEGER NOT NULL REFERENCES recordings (seq) ON DELETE CASCADE,
        at_ms         INTEGER NOT NULL,
        end_ms        INTEGER,
        author        TEXT NOT NULL,
        body          TEXT NOT NULL,
        created_at    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX recording_comments_by_recording ON recording_comments (recording_seq, at_ms);

      CREATE TABLE qa_forms (
        id         TEXT NOT NULL,
        version    INTEGER NOT NULL,
        definition TEXT NOT NULL CHECK (json_valid(definition)),
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        PRIMARY KEY (id, version)
      ) STRICT;

      CREATE TABLE qa_evaluations (
        id            TEXT PRIMARY KEY NOT NULL,
        recording_seq INTEGER NOT NULL REFERENCES recordings (seq) ON DELETE CASCADE,
        agent_id      TEXT,
        form_id       TEXT NOT NULL,
        form_version  INTEGER NOT NULL,
        evaluator     TEXT NOT NULL,
        answers       TEXT NOT NULL CHECK (json_valid(answers)),
        score         REAL,
        auto_fail     TEXT CHECK (auto_fail IN ('form', 'section')),
        created_at    INTEGER NOT NULL,
        FOREIGN KEY (form_id, form_version) REFERENCES qa_forms (id, version)
      ) STRICT;
      CREATE INDEX qa_evaluations_by_recording ON qa_evaluations (recording_seq, created_at DESC);
      CREATE INDEX qa_evaluations_by_agent ON qa_evaluations (agent_id, created_at DESC, id DESC);
      CREATE INDEX qa_evaluations_by_time ON qa_evaluations (created_at DESC, id DESC);

      CREATE TABLE qa_saved_searches (
        id         TEXT PRIMARY KEY NOT NULL,
        owner      TEXT NOT NULL,
        name       TEXT NOT NULL,
        filters    TEXT NOT NULL CHECK (json_valid(filters)),
        created_at INTEGER NOT NULL,
        UNIQUE (owner, name)
      ) STRICT;

      -- Append-only: no row is ever changed or removed (the triggers refuse it). recording_id has no
      -- foreign key on purpose: the entry for a delete must outlive the recording.
      CREATE TABLE recording_audit (
        seq          INTEGER PRIMARY KEY,
        at           INTEGER NOT NULL,
        actor        TEXT NOT NULL,
        role         TEXT NOT NULL,
        action       TEXT NOT NULL CHECK (action IN ('play', 'export', 'score', 'delete', 'hold', 'release', 'import', 'purge')),
        recording_id TEXT,
        detail       TEXT
      ) STRICT;
      CREATE INDEX recording_audit_by_recording ON recording_audit (recording_id, seq DESC);
      CREATE INDEX recording_audit_by_action ON recording_audit (action, seq DESC);
      CREATE TRIGGER recording_audit_no_update BEFORE UPDATE ON recording_audit BEGIN
        SELECT RAISE(ABORT, 'recording_audit is append-only');
      END;
      CREATE TRIGGER recording_audit_no_delete BEFORE DELETE ON recording_audit BEGIN
        SELECT RAISE(ABORT, 'recording_audit is append-only');
      END;
    `);
  },
};

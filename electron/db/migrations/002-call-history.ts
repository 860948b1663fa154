import type { Migration } from './types';

/**
 * One row per call the softphone handled. The remote number is also stored
 * reversed so "last four digits" is an index range, not a scan.
 */
export const migration002: Migration = {
  version: 2,
  name: 'call history',
  up(db) {
    db.exec(`
      CREATE TABLE calls (
        id                TEXT PRIMARY KEY NOT NULL,
        direction         TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        remote_number     TEXT NOT NULL,
        remote_number_rev TEXT NOT NULL,
        remote_name       TEXT,
        local_number      TEXT NOT NULL,
        line              INTEGER NOT NULL,
        queue             TEXT,
        customer_id       TEXT,
        sip_call_id       TEXT NOT NULL,
        started_at        INTEGER NOT NULL,
        answered_at       INTEGER,
        ended_at          INTEGER NOT NULL,
        hold_seconds      INTEGER NOT NULL DEFAULT 0,
        hangup_by         TEXT NOT NULL CHECK (hangup_by IN ('local', 'remote', 'system')),
        cause             TEXT NOT NULL,
        quality           TEXT CHECK (quality IS NULL OR json_valid(quality)),
        recording_id      TEXT
      ) STRICT;
      CREATE INDEX calls_by_start ON calls (started_at DESC, id DESC);
      CREATE INDEX calls_by_number_rev ON calls (remote_number_rev);
      CREATE INDEX calls_by_sip_call_id ON calls (sip_call_id);
    `);
  },
};

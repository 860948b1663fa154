import type { Migration } from './types';

/**
 * The wallboard: access tokens (hashed), announcements. Thresholds are one small document in kv.
 *
 * - wallboard_tokens: a token is `<id>.<secret>`; only sha256(secret) is stored, and a check
 *   compares hashes in constant time. Revoked tokens keep their row (the list shows them).
 * - wallboard_announcements: the ticker (班前会 notices, kudos), edited by supervisors.
 */
export const migration006: Migration = {
  version: 6,
  name: 'wallboard',
  up(db) {
    db.exec(`
      CREATE TABLE wallboard_tokens (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        secret_hash  TEXT NOT NULL CHECK (length(secret_hash) = 64),
        created_at   INTEGER NOT NULL,
        created_by   TEXT NOT NULL,
        last_used_at INTEGER,
        revoked_at   INTEGER
      ) STRICT;

      CREATE TABLE wallboard_announcements (
        id         TEXT PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('notice', 'kudos')),
        text       TEXT NOT NULL,
        active     INTEGER NOT NULL CHECK (active IN (0, 1)),
        author     TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX wallboard_announcements_order ON wallboard_announcements (created_at, id);
    `);
  },
};

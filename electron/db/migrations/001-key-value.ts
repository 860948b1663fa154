import type { Migration } from './types';

/**
 * Small documents the workstation keeps between runs: settings, window placement,
 * damaged settings set aside for a human to look at.
 */
export const migration001: Migration = {
  version: 1,
  name: 'key-value store',
  up(db) {
    db.exec(`
      CREATE TABLE kv (
        key        TEXT PRIMARY KEY NOT NULL,
        value      TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};

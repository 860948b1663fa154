import type { Migration } from './types';

/** The wallboard: access tokens (hashed), announcements, thresholds. */
export const migration006: Migration = {
  version: 6,
  name: 'wallboard',
  up(db) {
    db.exec(``);
  },
};

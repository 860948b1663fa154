import type { Migration } from './types';

/**
 * The knowledge base: articles, versions, full-text index, votes, missed queries.
 *
 * - kb_articles holds the current text of each article; `seq` is the rowid the full-text
 *   index refers to, `id` the stable public id (URLs, import files). `body_text` is the body's
 *   readable text (Markdown removed) for snippets. `content_hash` lets an import tell a
 *   changed file from an unchanged one. Archived articles keep their row and versions.
 * - kb_versions keeps every saved version whole (the newest equals the article).
 * - kb_fts is contentless (the text lives in kb_articles): it holds tokens prepared by
 *   shared/text/segment.ts (Chinese split with Intl.Segmenter, characters and pairs, folded
 *   to Simplified). The `facets` column carries filter tokens (language, audience, category,
 *   tags) so filters are part of the MATCH and never scan; its bm25 weight is 0.
 * - kb_fts_title indexes the title, tags and category again on their own: bm25 normalises by
 *   the length of the whole row, so there a long body does not drown a title match, and a
 *   query whose words are all in titles ranks only those (see repositories/kb-search.ts).
 * - kb_missed_queries: what agents searched and did not find, for the editors.
 */
export const migration004: Migration = {
  version: 4,
  name: 'knowledge base',
  up(db) {
    db.exec(`
      CREATE TABLE kb_articles (
        seq          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        title        TEXT NOT NULL,
        body         TEXT NOT NULL,
        body_text    TEXT NOT NULL,
        category     TEXT NOT NULL DEFAULT '',
        tags         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
        language     TEXT NOT NULL CHECK (language IN ('en', 'zh-CN', 'zh-TW')),
        audience     TEXT NOT NULL CHECK (audience IN ('internal', 'customer')),
        author       TEXT NOT NULL,
        updated_by   TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL,
        version      INTEGER NOT NULL CHECK (version >= 1),
        content_hash TEXT NOT NULL,
        source_path  TEXT,
        clicks       INTEGER NOT NULL DEFAULT 0,
        uses         INTEGER NOT NULL DEFAULT 0,
        helpful      INTEGER NOT NULL DEFAULT 0,
        archived_at  INTEGER
      ) STRICT;
      CREATE INDEX kb_articles_live ON kb_articles (updated_at DESC) WHERE archived_at IS NULL;
      CREATE INDEX kb_articles_by_category ON kb_articles (category) WHERE archived_at IS NULL;

      CREATE TABLE kb_article_tags (
        tag_key TEXT NOT NULL,
        seq     INTEGER NOT NULL REFERENCES kb_articles (seq) ON DELETE CASCADE,
        tag     TEXT NOT NULL,
        PRIMARY KEY (tag_key, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX kb_article_tags_by_article ON kb_article_tags (seq);

      CREATE TABLE kb_versions (
        seq      INTEGER NOT NULL REFERENCES kb_articles (seq) ON DELETE CASCADE,
        version  INTEGER NOT NULL,
        title    TEXT NOT NULL,
        body     TEXT NOT NULL,
        category TEXT NOT NULL,
        tags     TEXT NOT NULL CHECK (json_valid(tags)),
        language TEXT NOT NULL,
        audience TEXT NOT NULL,
        author   TEXT NOT NULL,
        saved_at INTEGER NOT NULL,
        note     TEXT,
        PRIMARY KEY (seq, version)
      ) STRICT;

      CREATE TABLE kb_votes (
        seq      INTEGER NOT NULL REFERENCES kb_articles (seq) ON DELETE CASCADE,
        voter    TEXT NOT NULL,
        voted_at INTEGER NOT NULL,
        PRIMARY KEY (seq, voter)
      ) STRICT;

      CREATE TABLE kb_missed_queries (
        query    TEXT PRIMARY KEY NOT NULL,
        count    INTEGER NOT NULL DEFAULT 1,
        partial  INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1)),
        first_at INTEGER NOT NULL,
        last_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX kb_missed_by_count ON kb_missed_queries (count DESC, last_at DESC);

      CREATE VIRTUAL TABLE kb_fts USING fts5(
        title, body, tags, category, facets,
        content = '',
        contentless_delete = 1,
        tokenize = 'porter unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      INSERT INTO kb_fts (kb_fts, rank) VALUES ('rank', 'bm25(8.0, 1.0, 4.0, 2.0, 0.0)');

      CREATE VIRTUAL TABLE kb_fts_title USING fts5(
        title, tags, category, facets,
        content = '',
        contentless_delete = 1,
        tokenize = 'porter unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      INSERT INTO kb_fts_title (kb_fts_title, rank) VALUES ('rank', 'bm25(8.0, 4.0, 2.0, 0.0)');
    `);
  },
};

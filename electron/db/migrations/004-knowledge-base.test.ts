import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../open';
import { migrations } from './index';
import { migration004 } from './004-knowledge-base';

function upTo4(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 4));
  return db;
}

describe('migration 004: knowledge base', () => {
  it('is version 4 and creates the tables and the full-text index', () => {
    expect(migration004.version).toBe(4);
    const db = upTo4();
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'kb_%' ORDER BY name").all() as { name: string }[]
    ).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'kb_articles',
        'kb_article_tags',
        'kb_versions',
        'kb_votes',
        'kb_missed_queries',
        'kb_fts',
      ]),
    );
    db.close();
  });

  it('checks languages, audiences and JSON tags', () => {
    const db = upTo4();
    const insert = db.prepare(
      `INSERT INTO kb_articles (id, title, body, body_text, tags, language, audience, author, updated_by, created_at, updated_at, version, content_hash)
       VALUES (?, 't', 'b', 'b', ?, ?, ?, 'a', 'a', 0, 0, 1, 'h')`,
    );
    insert.run('ok', '[]', 'zh-TW', 'customer');
    expect(() => insert.run('a', '[]', 'fr', 'internal')).toThrow(/CHECK/);
    expect(() => insert.run('b', '[]', 'en', 'everyone')).toThrow(/CHECK/);
    expect(() => insert.run('c', 'not json', 'en', 'internal')).toThrow(/CHECK/);
    expect(() => insert.run('ok', '[]', 'en', 'internal')).toThrow(/UNIQUE/);
    db.close();
  });

  it('has a contentless index that rows can be deleted from, ranked by bm25 with the title first', () => {
    const db = upTo4();
    const add = db.prepare('INSERT INTO kb_fts (rowid, title, body, tags, category, facets) VALUES (?, ?, ?, ?, ?, ?)');
    add.run(1, 'refund', 'body text', '', '', 'f1l0');
    add.run(2, 'other', 'refund refund', '', '', 'f1l0');
    const match = (q: string) =>
      (db.prepare('SELECT rowid FROM kb_fts WHERE kb_fts MATCH ? ORDER BY rank').all(q) as { rowid: number }[]).map(
        (r) => r.rowid,
      );
    expect(match('"refund"')).toEqual([1, 2]);
    db.prepare('DELETE FROM kb_fts WHERE rowid = 1').run();
    expect(match('"refund"')).toEqual([2]);
    expect(match('facets : "f1l0"')).toEqual([2]);
    db.close();
  });

  it('removes versions, votes and tags with their article', () => {
    const db = upTo4();
    db.prepare(
      `INSERT INTO kb_articles (seq, id, title, body, body_text, language, audience, author, updated_by, created_at, updated_at, version, content_hash)
       VALUES (1, 'x', 't', 'b', 'b', 'en', 'internal', 'a', 'a', 0, 0, 1, 'h')`,
    ).run();
    db.prepare(`INSERT INTO kb_versions VALUES (1, 1, 't', 'b', '', '[]', 'en', 'internal', 'a', 0, NULL)`).run();
    db.prepare(`INSERT INTO kb_votes VALUES (1, 'a', 0)`).run();
    db.prepare(`INSERT INTO kb_article_tags VALUES ('t', 1, 'T')`).run();
    db.prepare('DELETE FROM kb_articles WHERE seq = 1').run();
    for (const table of ['kb_versions', 'kb_votes', 'kb_article_tags']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    db.close();
  });
});

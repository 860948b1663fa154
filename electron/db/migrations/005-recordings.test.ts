import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../open';
import { migrations } from './index';

let dir: string;
let db: Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatdesk-m005-'));
  db = openDatabase(path.join(dir, 'test.db'), { migrations: migrations.slice(0, 5) }).db;
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const insertRecording = (seq: number, sha: string): void => {
  db.prepare(
    `INSERT INTO recordings (seq, id, direction, started_at, file_path, file_format, size_bytes, sha256, source, indexed_at)
     VALUES (?, ?, 'inbound', 0, '/f.wav', 'wav', 1, ?, 'live', 0)`,
  ).run(seq, `r${seq}`, sha);
};

describe('migration 005: recordings', () => {
  it('creates the index, its children, FTS5 and the audit log', () => {
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger')").pluck().all() as string[]
    ).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'recordings',
        'recording_tags',
        'recordings_fts',
        'recording_peaks',
        'recording_comments',
        'qa_forms',
        'qa_evaluations',
        'qa_saved_searches',
        'recording_audit',
        'recordings_by_agent_time',
        'recordings_by_ani_rev',
        'recordings_by_dnis_rev',
        'recordings_by_time',
        'recording_audit_no_update',
        'recording_audit_no_delete',
      ]),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(5);
  });

  it('keeps the audit log append-only', () => {
    db.prepare(
      "INSERT INTO recording_audit (at, actor, role, action, recording_id) VALUES (1, 'li', 'qa', 'play', 'r1')",
    ).run();
    expect(() => db.prepare("UPDATE recording_audit SET actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM recording_audit').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT actor FROM recording_audit').pluck().all()).toEqual(['li']);
    expect(() =>
      db.prepare("INSERT INTO recording_audit (at, actor, role, action) VALUES (1, 'li', 'qa', 'tamper')").run(),
    ).toThrow(/CHECK/);
  });

  it('refuses a second row with the same sha256 and removes children and FTS with the row', () => {
    insertRecording(1, 'a'.repeat(64));
    expect(() => insertRecording(2, 'a'.repeat(64))).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO recording_tags (recording_seq, key, value) VALUES (1, 'topic', 'refund')").run();
    db.prepare("INSERT INTO recordings_fts (rowid, body) VALUES (1, 'refund 退款')").run();
    db.prepare(
      "INSERT INTO recording_peaks (recording_seq, channel, peaks_per_second, peaks) VALUES (1, 0, 100, x'0102')",
    ).run();
    db.prepare('DELETE FROM recordings WHERE seq = 1').run();
    expect(db.prepare('SELECT count(*) FROM recording_tags').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM recording_peaks').pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM recordings_fts WHERE recordings_fts MATCH 'refund'").pluck().get()).toBe(0);
  });

  it('answers an agent + time query and a reversed-number range from indexes', () => {
    const plan = (sql: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(
      plan(
        "SELECT * FROM recordings WHERE agent_id = 'a' AND started_at >= 0 AND started_at < 9 ORDER BY started_at DESC, seq DESC LIMIT 50",
      ),
    ).toMatch(/USING INDEX recordings_by_agent_time/);
    expect(plan("SELECT * FROM recordings WHERE ani_rev >= '0008' AND ani_rev < '0008z'")).toMatch(
      /USING INDEX recordings_by_ani_rev/,
    );
    expect(plan('SELECT * FROM recordings ORDER BY started_at DESC, seq DESC LIMIT 50')).toMatch(/recordings_by_time/);
  });
});

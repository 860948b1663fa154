import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support';
import { DatabaseOpenError, migrate, openDatabase } from '../open';
import { SqlClient } from '../sql-client';
import { MemorySink, createLogger } from '../../log/logger';
import { assertOrdered, latestSchemaVersion, migrations } from './index';
import { migration001 } from './001-key-value';

const dirs: string[] = [];
const fresh = (): string => {
  const dir = tempDir();
  dirs.push(dir);
  return path.join(dir, 'seatdesk.db');
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const sha256 = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('migrations', () => {
  it('are numbered 1, 2, 3… in order', () => {
    expect(() => assertOrdered(migrations)).not.toThrow();
    expect(() => assertOrdered([migration001, migration001])).toThrow(/expected 2/);
  });

  it('run from an empty database to the latest version, with the pragmas set', () => {
    const file = fresh();
    const { db, schemaVersion } = openDatabase(file);
    expect(schemaVersion).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('do nothing the second time', () => {
    const file = fresh();
    openDatabase(file).db.close();
    const { db } = openDatabase(file);
    expect(migrate(db)).toEqual({ from: latestSchemaVersion, to: latestSchemaVersion });
    db.close();
  });

  it('roll a failing step back whole, version included', () => {
    const db = new BetterSqlite3(':memory:');
    const broken = {
      version: 2,
      name: 'broken',
      up: (d: typeof db) => {
        d.exec('CREATE TABLE t (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [migration001, broken])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuse a database from a newer SeatDesk and leave it untouched', () => {
    const file = fresh();
    const newer = new BetterSqlite3(file);
    newer.exec('CREATE TABLE future (x); INSERT INTO future VALUES (1);');
    newer.pragma(`user_version = ${latestSchemaVersion + 5}`);
    newer.close();
    const before = sha256(file);
    const siblings = fs.readdirSync(path.dirname(file)).sort();

    expect(() => openDatabase(file)).toThrow(DatabaseOpenError);
    try {
      openDatabase(file);
    } catch (error) {
      expect((error as DatabaseOpenError).code).toBe('too_new');
      expect((error as Error).message).toMatch(/newer SeatDesk .* left untouched/);
    }
    expect(sha256(file)).toBe(before);
    // No WAL or SHM file was created beside it either.
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(siblings);
  });

  it('refuse a file that is not a database with a clear message', () => {
    const file = fresh();
    fs.writeFileSync(file, 'this is not sqlite, it is a text file that is long enough to have a header');
    expect(() => openDatabase(file)).toThrow(/not a SeatDesk database/);
  });
});

describe('migrations from several processes at once', () => {
  it('apply once when the app, the web host and the CLI open a fresh database together', async () => {
    const file = fresh();
    const log = createLogger(new MemorySink());
    // Each client has its own worker thread and SQLite connection, as separate processes would.
    const clients = await Promise.all([1, 2, 3, 4].map(() => SqlClient.open({ file, log })));
    expect(clients.map((c) => c.schemaVersion)).toEqual([1, 2, 3, 4].map(() => latestSchemaVersion));
    await Promise.all(clients.map((c) => c.close()));
  });
});

describe('migration 001: key-value store', () => {
  it('creates kv with JSON-checked values', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, [migration001]);
    db.prepare("INSERT INTO kv VALUES ('a', '{\"x\":1}', 'now')").run();
    expect(() => db.prepare("INSERT INTO kv VALUES ('b', 'not json', 'now')").run()).toThrow(/CHECK/);
    db.close();
  });
});

import fs from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations';
import { DatabaseOpenError } from './protocol';

export { DatabaseOpenError } from './protocol';

export interface OpenOptions {
  /** better-sqlite3 built for another ABI (Electron's), see scripts/native.mjs. */
  readonly nativeBinding?: string | undefined;
  readonly migrations?: readonly Migration[];
}

function latestOf(list: readonly Migration[]): number {
  return list.at(-1)?.version ?? 0;
}

function readUserVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Looks at an existing file read-only first, so a database written by a newer
 * SeatDesk is refused before anything (not even the WAL switch) touches it.
 */
function checkExistingFile(file: string, options: OpenOptions, latest: number): void {
  if (file === ':memory:' || !fs.existsSync(file)) return;
  let probe: Database;
  try {
    probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
  } catch (error) {
    throw new DatabaseOpenError('unreadable', `Cannot open ${file}: ${(error as Error).message}`);
  }
  try {
    let version: number;
    try {
      version = readUserVersion(probe);
    } catch (error) {
      throw new DatabaseOpenError(
        'not_a_database',
        `${file} is not a SeatDesk database (${(error as Error).message}). Move it aside or choose another data folder.`,
      );
    }
    if (version > latest) {
      throw new DatabaseOpenError(
        'too_new',
        `${file} was written by a newer SeatDesk (schema ${version}; this version knows up to ${latest}). ` +
          'It was left untouched. Update SeatDesk, or choose another data folder.',
      );
    }
  } finally {
    probe.close();
  }
}

/** Runs the pending migrations, each with its user_version bump in one transaction. */
export function migrate(db: Database, list: readonly Migration[] = allMigrations): { from: number; to: number } {
  const from = readUserVersion(db);
  const latest = latestOf(list);
  if (from > latest) {
    throw new DatabaseOpenError('too_new', `Database schema ${from} is newer than this SeatDesk supports (${latest}).`);
  }
  for (const migration of list) {
    if (migration.version <= from) continue;
    // IMMEDIATE takes the write lock first, and the version is read again under it: the app,
    // the web host and the CLI may open a fresh database at the same moment.
    db.transaction(() => {
      if (readUserVersion(db) >= migration.version) return;
      migration.up(db);
      // Integer from our own list, never user input: pragma cannot take bound parameters.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
    }).immediate();
  }
  return { from, to: readUserVersion(db) };
}

export function openDatabase(file: string, options: OpenOptions = {}): { db: Database; schemaVersion: number } {
  const list = options.migrations ?? allMigrations;
  checkExistingFile(file, options, latestOf(list));
  const db = new BetterSqlite3(file, { nativeBinding: options.nativeBinding });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const { to } = migrate(db, list);
    return { db, schemaVersion: to };
  } catch (error) {
    db.close();
    throw error;
  }
}

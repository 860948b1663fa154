import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support';
import { openDatabase } from '../open';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('migration 6: wallboard', () => {
  it('creates the token and announcement tables, which hold only hashes and valid kinds', () => {
    const dir = tempDir();
    dirs.push(dir);
    const { db } = openDatabase(path.join(dir, 'seatdesk.db'));
    const insertToken = db.prepare(
      `INSERT INTO wallboard_tokens (id, name, secret_hash, created_at, created_by) VALUES (?, 'TV', ?, 1, 'S')`,
    );
    insertToken.run('t1', 'a'.repeat(64));
    // Anything but a 64-character hex digest is refused: a token itself cannot be stored by mistake.
    expect(() => insertToken.run('t2', 'plain-token')).toThrow(/CHECK/);
    const insertAnnouncement = db.prepare(
      `INSERT INTO wallboard_announcements (id, kind, text, active, author, created_at, updated_at) VALUES (?, ?, 'x', 1, 'S', 1, 1)`,
    );
    insertAnnouncement.run('a1', 'kudos');
    expect(() => insertAnnouncement.run('a2', 'gossip')).toThrow(/CHECK/);
    db.close();
  });
});

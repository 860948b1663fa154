import type { Database } from 'better-sqlite3';
import type { Announcement, TokenInfo } from '../../../shared/wallboard/types';

/**
 * The wallboard area's database operations (repository functions, database first),
 * spread into ../operations.ts. Tokens are stored as sha256 hashes of their secret part.
 */

interface TokenRow {
  id: string;
  name: string;
  secret_hash: string;
  created_at: number;
  created_by: string;
  last_used_at: number | null;
  revoked_at: number | null;
}

const tokenInfo = (row: TokenRow): TokenInfo => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
  createdBy: row.created_by,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

export function insertToken(db: Database, token: TokenInfo & { secretHash: string }): void {
  db.prepare(
    `INSERT INTO wallboard_tokens (id, name, secret_hash, created_at, created_by, last_used_at, revoked_at)
     VALUES (?, ?, ?, ?, ?, NULL, NULL)`,
  ).run(token.id, token.name, token.secretHash, token.createdAt, token.createdBy);
}

/** Newest first. */
export function listTokens(db: Database): TokenInfo[] {
  return (db.prepare('SELECT * FROM wallboard_tokens ORDER BY created_at DESC, id DESC').all() as TokenRow[]).map(
    tokenInfo,
  );
}

/** The stored hash of a token that is not revoked, or null. */
export function activeTokenHash(db: Database, id: string): string | null {
  const row = db.prepare('SELECT secret_hash FROM wallboard_tokens WHERE id = ? AND revoked_at IS NULL').get(id) as
    { secret_hash: string } | undefined;
  return row?.secret_hash ?? null;
}

export function touchToken(db: Database, id: string, at: number): void {
  db.prepare('UPDATE wallboard_tokens SET last_used_at = ? WHERE id = ?').run(at, id);
}

/** True when a token was revoked now (false: unknown or already revoked). */
export function revokeToken(db: Database, id: string, at: number): boolean {
  return (
    db.prepare('UPDATE wallboard_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes > 0
  );
}

interface AnnouncementRow {
  id: string;
  kind: Announcement['kind'];
  text: string;
  active: number;
  author: string;
  created_at: number;
  updated_at: number;
}

const announcement = (row: AnnouncementRow): Announcement => ({
  id: row.id,
  kind: row.kind,
  text: row.text,
  active: row.active === 1,
  author: row.author,
  updatedAt: row.updated_at,
});

/** In ticker order (oldest first). */
export function listAnnouncements(db: Database): Announcement[] {
  return (db.prepare('SELECT * FROM wallboard_announcements ORDER BY created_at, id').all() as AnnouncementRow[]).map(
    announcement,
  );
}

export function putAnnouncement(db: Database, a: Announcement): void {
  db.prepare(
    `INSERT INTO wallboard_announcements (id, kind, text, active, author, created_at, updated_at)
     VALUES (@id, @kind, @text, @active, @author, @updatedAt, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET kind = @kind, text = @text, active = @active, author = @author, updated_at = @updatedAt`,
  ).run({ ...a, active: a.active ? 1 : 0 });
}

export function getAnnouncement(db: Database, id: string): Announcement | null {
  const row = db.prepare('SELECT * FROM wallboard_announcements WHERE id = ?').get(id) as AnnouncementRow | undefined;
  return row ? announcement(row) : null;
}

export function deleteAnnouncement(db: Database, id: string): boolean {
  return db.prepare('DELETE FROM wallboard_announcements WHERE id = ?').run(id).changes > 0;
}

export const wallboardOperations = {
  'wallboard.insertToken': insertToken,
  'wallboard.listTokens': listTokens,
  'wallboard.activeTokenHash': activeTokenHash,
  'wallboard.touchToken': touchToken,
  'wallboard.revokeToken': revokeToken,
  'wallboard.listAnnouncements': listAnnouncements,
  'wallboard.getAnnouncement': getAnnouncement,
  'wallboard.putAnnouncement': putAnnouncement,
  'wallboard.deleteAnnouncement': deleteAnnouncement,
};

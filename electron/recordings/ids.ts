import crypto from 'node:crypto';

/**
 * Recording ids are UUIDv7 (RFC 9562): 48 bits of milliseconds, then random bits. Ids made close
 * in time sort close together, so the unique index on `recordings.id` grows at its right edge
 * instead of taking random page writes across a million-row B-tree (as UUIDv4 would).
 */
export function newRecordingId(now: number = Date.now()): string {
  const bytes = crypto.randomBytes(16);
  const ms = BigInt(Math.max(0, Math.floor(now)));
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

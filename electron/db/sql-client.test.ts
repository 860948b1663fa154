import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySink, createLogger } from '../log/logger';
import { tempDir } from '../test-support';
import { DatabaseOpenError } from './open';
import { SqlClient } from './sql-client';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const log = createLogger(new MemorySink());

function file(): string {
  const dir = tempDir();
  dirs.push(dir);
  return path.join(dir, 'seatdesk.db');
}

describe('SqlClient (database in a worker thread)', () => {
  it('runs repository operations in the worker and returns their results', async () => {
    const client = await SqlClient.open({ file: file(), log });
    await client.run('kv.put', 'greeting', { text: '你好' });
    expect(await client.run('kv.get', 'greeting')).toEqual({ text: '你好' });
    expect(await client.run('kv.get', 'missing')).toBeUndefined();
    expect(await client.run('meta.schemaVersion')).toBe(client.schemaVersion);
    await client.close();
  });

  it('keeps data across reopening', async () => {
    const db = file();
    const first = await SqlClient.open({ file: db, log });
    await first.run('kv.put', 'k', [1, 2, 3]);
    await first.close();
    const second = await SqlClient.open({ file: db, log });
    expect(await second.run('kv.get', 'k')).toEqual([1, 2, 3]);
    await second.close();
  });

  it('passes SQL errors back as rejections and keeps working', async () => {
    const client = await SqlClient.open({ file: file(), log });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(client.run('kv.put', 'bad', circular)).rejects.toThrow(/circular/i);
    await client.run('kv.put', 'good', 1);
    expect(await client.run('kv.get', 'good')).toBe(1);
    await client.close();
  });

  it('rejects opening a database from a newer version with DatabaseOpenError', async () => {
    const db = file();
    const newer = new BetterSqlite3(db);
    newer.pragma('user_version = 999');
    newer.close();
    await expect(SqlClient.open({ file: db, log })).rejects.toSatisfy(
      (error: unknown) => error instanceof DatabaseOpenError && error.code === 'too_new',
    );
  });

  it('refuses calls after a worker crash, logs it once, and still closes', async () => {
    const sink = new MemorySink();
    const client = await SqlClient.open({
      file: file(),
      log: createLogger(sink),
      script: { url: new URL('./testing/crashing-worker.mjs', import.meta.url) },
    });
    await expect(client.run('kv.get', 'x')).rejects.toThrow(/stopped/);
    await expect(client.run('kv.get', 'y')).rejects.toThrow(/not available/);
    expect(sink.at('error')).toHaveLength(1);
    await client.close(); // must settle although the thread is already gone
  });

  it('refuses calls after close with a clear error', async () => {
    const client = await SqlClient.open({ file: file(), log });
    await client.close();
    await expect(client.run('kv.get', 'x')).rejects.toThrow(/not available/);
  });
});

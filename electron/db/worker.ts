import { parentPort, workerData } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { openDatabase } from './open';
import { operations } from './operations';
import { serializeError, type FromWorker, type ToWorker, type WorkerInit } from './protocol';

/**
 * The only thread that touches SQLite. better-sqlite3 is synchronous, so it
 * must never run on the Electron main thread (it would freeze every window)
 * nor in a renderer.
 */

const port = parentPort;
if (port === null) throw new Error('The database worker must run in a worker thread.');
const init = workerData as WorkerInit;

const post = (message: FromWorker): void => port.postMessage(message);

let db: Database | undefined;
try {
  const opened = openDatabase(init.file, { nativeBinding: init.nativeBinding });
  db = opened.db;
  post({ type: 'ready', schemaVersion: opened.schemaVersion });
} catch (error) {
  post({ type: 'failed', error: serializeError(error) });
}

const table: Readonly<Record<string, (db: Database, ...args: readonly unknown[]) => unknown>> =
  operations as unknown as Record<string, (db: Database, ...args: readonly unknown[]) => unknown>;

port.on('message', (message: ToWorker) => {
  if (message.type === 'close') {
    db?.close();
    db = undefined;
    post({ type: 'closed' });
    port.close();
    return;
  }
  const operation = Object.hasOwn(table, message.op) ? table[message.op] : undefined;
  if (db === undefined || operation === undefined) {
    post({
      type: 'error',
      id: message.id,
      error: { name: 'Error', message: db ? `Unknown database operation: ${message.op}` : 'Database is closed' },
    });
    return;
  }
  try {
    post({ type: 'result', id: message.id, value: operation(db, ...message.args) });
  } catch (error) {
    post({ type: 'error', id: message.id, error: serializeError(error) });
  }
});

import type { Database } from 'better-sqlite3';
import * as calls from './repositories/calls';
import * as kv from './repositories/kv';
import { centerOperations } from './repositories/center';
import { kbOperations } from './repositories/kb';
import { recordingsOperations } from './repositories/recordings';
import { wallboardOperations } from './repositories/wallboard';

/**
 * Everything the services may ask of the database worker. Each entry is a
 * repository function taking the database first; the worker looks the name up
 * here, so no SQL text ever crosses the thread boundary.
 */
export const operations = {
  'kv.get': kv.getValue,
  'kv.put': kv.putValue,
  'meta.schemaVersion': kv.getSchemaVersion,
  'calls.insert': calls.insertCall,
  'calls.search': calls.searchCalls,
  ...centerOperations,
  ...kbOperations,
  ...recordingsOperations,
  ...wallboardOperations,
} satisfies Record<string, (db: Database, ...args: never[]) => unknown>;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
type Rest<F> = F extends (db: Database, ...args: infer A) => unknown ? A : never;
export type OperationArgs<K extends OperationName> = Rest<Operations[K]>;
export type OperationResult<K extends OperationName> = ReturnType<Operations[K]>;

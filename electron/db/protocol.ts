/** Messages between the SqlClient (service thread) and the database worker. */

/** Why a database could not be opened; thrown in the worker, rebuilt on the service side. */
export class DatabaseOpenError extends Error {
  readonly code: 'too_new' | 'not_a_database' | 'unreadable';

  constructor(code: DatabaseOpenError['code'], message: string) {
    super(message);
    this.name = 'DatabaseOpenError';
    this.code = code;
  }
}

export interface WorkerInit {
  readonly file: string;
  readonly nativeBinding?: string | undefined;
  /** Only for running the worker from TypeScript source (see dev-worker-loader.mjs). */
  readonly entry?: string;
}

export type ToWorker =
  | { readonly type: 'call'; readonly id: number; readonly op: string; readonly args: readonly unknown[] }
  | { readonly type: 'close' };

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string | undefined;
}

export type FromWorker =
  | { readonly type: 'ready'; readonly schemaVersion: number }
  | { readonly type: 'failed'; readonly error: SerializedError }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError }
  | { readonly type: 'closed' };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, code: typeof code === 'string' ? code : undefined };
  }
  return { name: 'Error', message: String(error) };
}

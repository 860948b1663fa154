import { Worker } from 'node:worker_threads';
import { ApiError } from '../../shared/api/errors';
import type { Logger } from '../log/logger';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { OperationArgs, OperationName, OperationResult } from './operations';
import { DatabaseOpenError, type FromWorker, type SerializedError, type ToWorker, type WorkerInit } from './protocol';

declare const __SEATDESK_BUNDLED__: boolean | undefined;

export interface WorkerScript {
  readonly url: URL;
  /** Set when the worker runs from TypeScript source through the dev loader. */
  readonly entry?: string;
}

/**
 * Where the worker script lives. Bundles carry `db-worker.mjs` beside them; in a
 * packaged app it is unpacked from the asar archive because worker threads load
 * plain files. From source, tsx loads worker.ts.
 */
export function defaultWorkerScript(): WorkerScript {
  if (typeof __SEATDESK_BUNDLED__ !== 'undefined') {
    const file = fileURLToPath(new URL('./db-worker.mjs', import.meta.url)).replace(
      /app\.asar([\\/])/,
      'app.asar.unpacked$1',
    );
    return { url: pathToFileURL(file) };
  }
  return {
    url: new URL('./dev-worker-loader.mjs', import.meta.url),
    entry: new URL('./worker.ts', import.meta.url).href,
  };
}

export interface SqlClientOptions {
  readonly file: string;
  readonly log: Logger;
  readonly nativeBinding?: string | undefined;
  readonly script?: WorkerScript;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

function toError(error: SerializedError): Error {
  if (error.name === 'DatabaseOpenError') {
    return new DatabaseOpenError((error.code ?? 'unreadable') as DatabaseOpenError['code'], error.message);
  }
  const result = new Error(error.message);
  result.name = error.name;
  return result;
}

/**
 * The services' handle on SQLite: every call is a message to the database
 * worker and a promise back. Operations are named (see operations.ts), so the
 * types of arguments and results follow the repository functions.
 */
export class SqlClient {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  readonly #log: Logger;
  #nextId = 1;
  #failure: Error | undefined;
  #closing: Promise<void> | undefined;
  /** Resolves when the worker thread is gone, whether closed or crashed. */
  readonly #exited: Promise<void>;
  readonly schemaVersion: number;

  private constructor(worker: Worker, log: Logger, schemaVersion: number) {
    this.#worker = worker;
    this.#log = log;
    this.schemaVersion = schemaVersion;
    worker.on('message', (message: FromWorker) => this.#onMessage(message));
    worker.on('error', (error) => this.#fail(error));
    this.#exited = new Promise((resolve) => {
      worker.on('exit', (code) => {
        if (this.#closing === undefined) this.#fail(new Error(`Database worker exited (code ${code})`));
        resolve();
      });
    });
  }

  static open(options: SqlClientOptions): Promise<SqlClient> {
    const script = options.script ?? defaultWorkerScript();
    const init: WorkerInit = { file: options.file, nativeBinding: options.nativeBinding, entry: script.entry };
    const worker = new Worker(script.url, { workerData: init, name: 'seatdesk-sql' });
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => {
        cleanup();
        reject(error);
      };
      const onExit = (code: number): void => {
        cleanup();
        reject(new Error(`Database worker exited before it was ready (code ${code})`));
      };
      const onMessage = (message: FromWorker): void => {
        if (message.type === 'ready') {
          cleanup();
          resolve(new SqlClient(worker, options.log, message.schemaVersion));
        } else if (message.type === 'failed') {
          cleanup();
          void worker.terminate();
          reject(toError(message.error));
        }
      };
      const cleanup = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }

  run<K extends OperationName>(op: K, ...args: OperationArgs<K>): Promise<OperationResult<K>> {
    if (this.#failure !== undefined || this.#closing !== undefined) {
      return Promise.reject(new ApiError('unavailable', 'The local database is not available.'));
    }
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      const message: ToWorker = { type: 'call', id, op, args };
      this.#worker.postMessage(message);
    });
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#failure === undefined) {
        const message: ToWorker = { type: 'close' };
        this.#worker.postMessage(message);
      } else {
        // Crashed or failing: nothing to flush; make sure the thread is gone.
        void this.#worker.terminate();
      }
      await this.#exited;
    })();
    return this.#closing;
  }

  #onMessage(message: FromWorker): void {
    if (message.type !== 'result' && message.type !== 'error') return;
    const pending = this.#pending.get(message.id);
    if (pending === undefined) return;
    this.#pending.delete(message.id);
    if (message.type === 'result') pending.resolve(message.value);
    else pending.reject(toError(message.error));
  }

  #fail(error: Error): void {
    if (this.#failure !== undefined) return;
    this.#failure = error;
    this.#log.error('database worker failed; database calls will be refused until restart', {
      error: error.message,
    });
    for (const pending of this.#pending.values()) {
      pending.reject(new ApiError('unavailable', 'The local database stopped. Restart SeatDesk.'));
    }
    this.#pending.clear();
  }
}

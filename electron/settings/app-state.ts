import type { z } from 'zod';
import type { SqlClient } from '../db/sql-client';
import type { Logger } from '../log/logger';

/**
 * Internal documents that are not user preferences (window placement, later
 * the wallboard's display). Read through a schema: a damaged value is logged
 * once and treated as absent, never thrown at the caller.
 */
export class AppStateStore {
  readonly #db: SqlClient;
  readonly #log: Logger;

  constructor(db: SqlClient, log: Logger) {
    this.#db = db;
    this.#log = log;
  }

  async read<S extends z.ZodType>(key: string, schema: S): Promise<z.output<S> | undefined> {
    const raw = await this.#db.run('kv.get', `state.${key}`);
    if (raw === undefined) return undefined;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      this.#log.warn('stored state ignored: invalid', { key });
      return undefined;
    }
    return parsed.data;
  }

  async write(key: string, value: unknown): Promise<void> {
    await this.#db.run('kv.put', `state.${key}`, value);
  }
}

import { applySettingsPatch, readSettingsDocument, settingsSchema, type Settings } from '../../shared/settings';
import type { MethodParams } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { EventBus } from '../api/event-bus';
import type { Handlers } from '../api/registrar';
import type { SqlClient } from '../db/sql-client';
import type { Logger } from '../log/logger';

const settingsKey = 'settings';
const rejectedKey = 'settings.rejected';

/**
 * The workstation's preferences, kept as one JSON document. Updates are
 * serialised so two quick changes (a language pick and a theme toggle) never
 * overwrite each other.
 */
export class SettingsService {
  readonly #db: SqlClient;
  readonly #events: EventBus;
  readonly #log: Logger;
  #current: Settings;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(db: SqlClient, events: EventBus, log: Logger, current: Settings) {
    this.#db = db;
    this.#events = events;
    this.#log = log;
    this.#current = current;
  }

  static async load(db: SqlClient, events: EventBus, log: Logger): Promise<SettingsService> {
    const raw = await db.run('kv.get', settingsKey);
    const { settings, rejected } = readSettingsDocument(raw);
    if (rejected.length > 0) {
      // Keep the damaged document for a human; the app goes on with defaults for those fields.
      await db.run('kv.put', rejectedKey, { at: new Date().toISOString(), document: raw ?? null });
      await db.run('kv.put', settingsKey, settings);
      log.warn('stored settings had invalid fields; defaults used, original kept under settings.rejected', {
        fields: rejected,
      });
    }
    return new SettingsService(db, events, log, settings);
  }

  get(): Settings {
    return this.#current;
  }

  update(patch: MethodParams<'settings.update'>): Promise<Settings> {
    const run = async (): Promise<Settings> => {
      const next = settingsSchema.safeParse(applySettingsPatch(this.#current, patch));
      if (!next.success) throw new ApiError('bad_request', next.error.issues.map((i) => i.message).join('; '));
      await this.#db.run('kv.put', settingsKey, next.data);
      this.#current = next.data;
      this.#log.info('settings updated', { fields: Object.keys(patch) });
      this.#events.emit('settings.changed', next.data);
      return next.data;
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  handlers(): Pick<Handlers, 'settings.get' | 'settings.update'> {
    return {
      'settings.get': () => this.get(),
      'settings.update': (patch) => this.update(patch),
    };
  }
}

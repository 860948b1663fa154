import type { recordingsMethods } from '../../shared/recordings/contract';
import type { EventBus } from '../api/event-bus';
import type { Handlers } from '../api/registrar';
import type { SqlClient } from '../db/sql-client';
import type { Logger } from '../log/logger';
import type { Settings } from '../../shared/settings';

export interface RecordingsServiceDeps {
  readonly db: SqlClient;
  readonly events: EventBus;
  readonly log: Logger;
  readonly now: () => Date;
  /** The data folder (files that do not belong in SQLite live under it). */
  readonly dataDir: string;
  /** Who is working at this workstation (name and role, from Settings); role checks read it per call. */
  readonly profile: () => Settings['profile'];
}

export class RecordingsService {
  readonly #deps: RecordingsServiceDeps;

  constructor(deps: RecordingsServiceDeps) {
    this.#deps = deps;
  }

  handlers(): Pick<Handlers, keyof typeof recordingsMethods> {
    return {};
  }

  /** Background work after the services are up (never blocks the window). */
  async start(): Promise<void> {
    void this.#deps;
  }

  async close(): Promise<void> {}
}

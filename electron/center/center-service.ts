import type { centerMethods } from '../../shared/center/contract';
import type { EventBus } from '../api/event-bus';
import type { Handlers } from '../api/registrar';
import type { SqlClient } from '../db/sql-client';
import type { Logger } from '../log/logger';
import type { Settings } from '../../shared/settings';

export interface CenterServiceDeps {
  readonly db: SqlClient;
  readonly events: EventBus;
  readonly log: Logger;
  readonly now: () => Date;
  /** The data folder (files that do not belong in SQLite live under it). */
  readonly dataDir: string;
  /** Who is working at this workstation (name and role, from Settings); role checks read it per call. */
  readonly profile: () => Settings['profile'];
}

export class CenterService {
  readonly #deps: CenterServiceDeps;

  constructor(deps: CenterServiceDeps) {
    this.#deps = deps;
  }

  handlers(): Pick<Handlers, keyof typeof centerMethods> {
    return {};
  }

  /** Background work after the services are up (never blocks the window). */
  async start(): Promise<void> {
    void this.#deps;
  }

  async close(): Promise<void> {}
}

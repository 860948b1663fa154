import type { wallboardMethods } from '../../shared/wallboard/contract';
import type { Settings } from '../../shared/settings';
import type { EventBus } from '../api/event-bus';
import type { Handlers } from '../api/registrar';
import type { CenterService } from '../center/center-service';
import type { SqlClient } from '../db/sql-client';
import type { Logger } from '../log/logger';

export interface WallboardServiceDeps {
  readonly db: SqlClient;
  readonly events: EventBus;
  readonly log: Logger;
  readonly now: () => Date;
  readonly dataDir: string;
  /** Who is working at this workstation (name and role, from Settings); role checks read it per call. */
  readonly profile: () => Settings['profile'];
  /** The center whose event log and live state the metrics are computed from. */
  readonly center: CenterService;
}

export class WallboardService {
  readonly #deps: WallboardServiceDeps;

  constructor(deps: WallboardServiceDeps) {
    this.#deps = deps;
  }

  handlers(): Pick<Handlers, keyof typeof wallboardMethods> {
    return {};
  }

  /** Background work after the services are up (never blocks the window). */
  async start(): Promise<void> {
    void this.#deps;
  }

  async close(): Promise<void> {}
}

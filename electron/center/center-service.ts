import type { centerMethods } from '../../shared/center/contract';
import { centerMethodNames } from '../../shared/center/names';
import { ApiError } from '../../shared/api/errors';
import type { EventBus } from '../api/event-bus';
import type { Handlers } from '../api/registrar';
import type { SqlClient } from '../db/sql-client';
import type { Logger } from '../log/logger';
import type { CustomerGateway } from './customer-gateway';
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
    // Filled in as the embedded center lands; until then every method answers "unavailable".
    const pending = (): never => {
      throw new ApiError('unavailable', 'The contact center is starting up.');
    };
    return Object.fromEntries(centerMethodNames.map((name) => [name, pending])) as unknown as Pick<
      Handlers,
      keyof typeof centerMethods
    >;
  }

  /** The customers' side: the web host's /chat endpoint and the training simulator use it. */
  get customerGateway(): CustomerGateway {
    return {
      chatQueues: async () => [],
      open: (notify) => ({
        handle: async () =>
          notify({ type: 'error', code: 'unavailable', message: 'The contact center is starting up.' }),
        detach: () => undefined,
      }),
    };
  }

  /** Background work after the services are up (never blocks the window). */
  async start(): Promise<void> {
    void this.#deps;
  }

  async close(): Promise<void> {}
}

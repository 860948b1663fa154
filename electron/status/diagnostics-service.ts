import type { Handlers } from '../api/registrar';
import type { Logger } from '../log/logger';

/**
 * Renderer crashes land in the same log as the services'. A renderer stuck in
 * an error loop could flood it, so each client gets a budget per minute.
 */
export class DiagnosticsService {
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #perMinute: number;
  readonly #budgets = new Map<string, { windowStart: number; count: number }>();

  constructor(log: Logger, now: () => number = Date.now, perMinute = 20) {
    this.#log = log;
    this.#now = now;
    this.#perMinute = perMinute;
  }

  handlers(): Pick<Handlers, 'diagnostics.reportError'> {
    return {
      'diagnostics.reportError': (report, context) => {
        const now = this.#now();
        if (this.#budgets.size > 500) {
          // Clients come and go (each reconnect is a new one); forget finished windows.
          for (const [client, entry] of this.#budgets)
            if (now - entry.windowStart >= 60_000) this.#budgets.delete(client);
        }
        const budget = this.#budgets.get(context.client);
        if (budget === undefined || now - budget.windowStart >= 60_000) {
          this.#budgets.set(context.client, { windowStart: now, count: 1 });
        } else if (budget.count >= this.#perMinute) {
          return { logged: false };
        } else {
          budget.count += 1;
        }
        this.#log.error('renderer error', { client: context.client, ...report });
        return { logged: true };
      },
    };
  }
}

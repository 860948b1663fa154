import type { WorkstationStatus } from '../../shared/domain/status';
import type { EventBus } from '../api/event-bus';
import type { Handlers } from '../api/registrar';

/**
 * What the status bar shows: agent state and phone registration. The center
 * and the softphone report into it; the UI only reads it and listens.
 */
export class StatusService {
  readonly #events: EventBus;
  #status: WorkstationStatus;

  constructor(events: EventBus, now: () => Date) {
    this.#events = events;
    this.#status = {
      agent: { state: 'offline', reason: null, since: now().toISOString() },
      phone: { state: 'unconfigured', detail: null },
    };
  }

  get(): WorkstationStatus {
    return this.#status;
  }

  setAgent(agent: WorkstationStatus['agent']): void {
    this.#status = { ...this.#status, agent };
    this.#events.emit('status.changed', this.#status);
  }

  setPhone(phone: WorkstationStatus['phone']): void {
    this.#status = { ...this.#status, phone };
    this.#events.emit('status.changed', this.#status);
  }

  handlers(): Pick<Handlers, 'status.get'> {
    return { 'status.get': () => this.get() };
  }
}

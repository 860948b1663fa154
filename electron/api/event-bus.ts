import type { EventName, EventPayload } from '../../shared/api/contract';

/** `audience` names the one client (CallContext.client) an event is for; undefined means everyone. */
export type BusListener = (name: EventName, payload: unknown, audience: string | undefined) => void;

/**
 * Fan-out of contract events to the transports (IPC windows, WebSocket clients).
 * Services emit; they never know who listens.
 */
export class EventBus {
  readonly #listeners = new Set<BusListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>, audience?: string): void {
    for (const listener of this.#listeners) {
      try {
        listener(name, payload, audience);
      } catch {
        // One broken transport must not stop the others from hearing the event.
      }
    }
  }

  subscribe(listener: BusListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

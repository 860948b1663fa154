import type { CustomerNotice, CustomerRequest } from '../../shared/center/customer-protocol';

/**
 * The customer's way into the center. The web host's /chat WebSocket and the training
 * simulator both hold one session each; neither reaches anything but its own chat.
 */
export interface CustomerSession {
  /** Handles one request; refusals come back as an `error` notice, never as a throw. */
  handle(request: CustomerRequest): Promise<void>;
  /** The connection went away: the chat stays open for a resume (the customer may reload). */
  detach(): void;
}

export interface CustomerGateway {
  /** Queues a customer may start a chat in (chat queues), for the page's picker. */
  chatQueues(): Promise<ReadonlyArray<{ readonly id: string; readonly name: string }>>;
  open(notify: (notice: CustomerNotice) => void): CustomerSession;
}

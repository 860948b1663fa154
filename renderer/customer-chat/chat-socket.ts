import type { CustomerNotice, CustomerRequest } from '../../shared/center/customer-protocol';
import { reconnectDelay } from './backoff';

export type SocketStatus =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'open' }
  /** Dropped; the next attempt starts at `retryAt` (a Date.now() time). */
  | { readonly kind: 'lost'; readonly retryAt: number; readonly closeCode: number };

export interface ChatSocketHandlers {
  readonly onStatus: (status: SocketStatus) => void;
  readonly onNotice: (notice: CustomerNotice) => void;
}

/**
 * The page's one WebSocket to /chat/ws: it reconnects with backoff whenever it drops, and
 * says so through onStatus; the page resumes the chat on every `open`.
 */
export class ChatSocket {
  readonly #url: string;
  readonly #handlers: ChatSocketHandlers;
  #ws: WebSocket | null = null;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #restarting = false;

  constructor(url: string, handlers: ChatSocketHandlers) {
    this.#url = url;
    this.#handlers = handlers;
  }

  get open(): boolean {
    return this.#ws?.readyState === WebSocket.OPEN;
  }

  connect(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#ws !== null) return;
    this.#handlers.onStatus({ kind: 'connecting' });
    const ws = new WebSocket(this.#url);
    this.#ws = ws;
    ws.addEventListener('open', () => {
      this.#attempt = 0;
      this.#handlers.onStatus({ kind: 'open' });
    });
    ws.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      let notice: CustomerNotice;
      try {
        notice = JSON.parse(event.data) as CustomerNotice;
      } catch {
        return;
      }
      if (typeof notice === 'object' && notice !== null && typeof notice.type === 'string') {
        this.#handlers.onNotice(notice);
      }
    });
    ws.addEventListener('close', (event) => {
      if (this.#ws !== ws) return;
      this.#ws = null;
      if (this.#restarting) {
        this.#restarting = false;
        this.connect();
        return;
      }
      const delay = reconnectDelay(this.#attempt++);
      this.#handlers.onStatus({ kind: 'lost', retryAt: Date.now() + delay, closeCode: event.code });
      this.#timer = setTimeout(() => this.connect(), delay);
    });
  }

  /** Sends at once, or returns false when there is no open connection (the caller keeps it). */
  send(request: CustomerRequest): boolean {
    if (this.#ws === null || this.#ws.readyState !== WebSocket.OPEN) return false;
    this.#ws.send(JSON.stringify(request));
    return true;
  }

  /**
   * A fresh connection at once, for a new chat: the service keeps one chat per connection.
   */
  restart(): void {
    if (this.#ws === null) {
      this.connect();
      return;
    }
    this.#restarting = true;
    this.#ws.close(1000, 'new chat');
  }

  /** "Retry now": skips the rest of the wait. */
  retryNow(): void {
    if (this.#ws === null) this.connect();
  }
}

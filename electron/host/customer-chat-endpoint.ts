import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  customerRequestSchema,
  type CustomerNotice,
  type CustomerRequest,
} from '../../shared/center/customer-protocol';
import { chatLimits } from '../../shared/center/limits';
import type { CustomerGateway, CustomerSession } from '../center/customer-gateway';
import type { KnowledgeBaseService } from '../kb/kb-service';
import { renderPublicArticlePage } from '../kb/public-page';
import type { Logger } from '../log/logger';

/** The customer's WebSocket: not the agent bridge (/api), and it never reaches the agent API. */
export const customerChatPath = '/chat/ws';

/**
 * Just above the largest frame that can be valid: a full-size attachment in base64 plus the
 * JSON around it and a maximal text. Anything larger closes the connection (1009) unread.
 */
export const customerMaxFrameBytes = Math.ceil((chatLimits.attachmentBytes * 4) / 3) + 64 * 1024;

export interface CustomerRateLimit {
  /** Frames a connection may send at once. */
  readonly burst: number;
  /** Frames per second it earns back. */
  readonly perSecond: number;
}

export const defaultCustomerRateLimit: CustomerRateLimit = { burst: 10, perSecond: 5 };

export interface CustomerChatEndpointOptions {
  readonly gateway: CustomerGateway;
  readonly log: Logger;
  readonly heartbeatMs?: number;
  readonly rateLimit?: CustomerRateLimit;
  /** A customer whose unsent notices pass this is too slow to keep (a frozen tab). */
  readonly maxBufferedBytes?: number;
  readonly now?: () => number;
}

export interface CustomerConnectionInfo {
  readonly remote: string;
}

/** How many refused frames one connection may send before it is cut off as abusive. */
const refusalsBeforeClose = 200;

/**
 * One customer per WebSocket, one CustomerSession per connection. Every frame is parsed with
 * the protocol's schema; bad ones are answered with an `error` notice and logged once per
 * connection (a summary with the count when it closes), never thrown. A token bucket limits
 * how fast a connection may send; pings find customers that vanished without a close.
 */
export class CustomerChatEndpoint {
  readonly #server: WebSocketServer;
  readonly #options: CustomerChatEndpointOptions;
  readonly #alive = new WeakSet<WebSocket>();
  readonly #heartbeat: NodeJS.Timeout;
  #nextClient = 1;

  constructor(options: CustomerChatEndpointOptions) {
    this.#options = options;
    this.#server = new WebSocketServer({ noServer: true, maxPayload: customerMaxFrameBytes });
    // A customer on a train goes through a tunnel and never says goodbye: ping finds them.
    this.#heartbeat = setInterval(() => {
      for (const socket of this.#server.clients) {
        if (!this.#alive.has(socket)) {
          socket.terminate();
          continue;
        }
        this.#alive.delete(socket);
        socket.ping();
      }
    }, options.heartbeatMs ?? 15_000);
    this.#heartbeat.unref();
  }

  get clientCount(): number {
    return this.#server.clients.size;
  }

  /** Hands an upgrade that already passed the host's Host and Origin checks to the endpoint. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, info: CustomerConnectionInfo): void {
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#onConnection(ws, info));
  }

  #onConnection(ws: WebSocket, info: CustomerConnectionInfo): void {
    const client = `chat#${this.#nextClient++} ${info.remote}`;
    const log = this.#options.log;
    const now = this.#options.now ?? Date.now;
    const limit = this.#options.rateLimit ?? defaultCustomerRateLimit;
    let tokens = limit.burst;
    let refilledAt = now();
    let refused = 0;
    let rateErrorAt = -Infinity;
    let closed = false;
    // Requests run one after another: a customer's messages keep their order.
    let queue: Promise<void> = Promise.resolve();

    // First, so that no socket error is ever unhandled, whatever happens next.
    ws.on('error', (error) => log.debug('customer socket error', { client, error: error.message }));
    const notify = (notice: CustomerNotice): void => this.#send(ws, notice, client);
    let session: CustomerSession | null;
    try {
      session = this.#options.gateway.open(notify);
    } catch (error) {
      log.error('customer session could not open', { client, error: String(error) });
      this.#send(ws, { type: 'error', code: 'unavailable', message: 'Chat is not available right now.' }, client);
      ws.close(1011, 'unavailable');
      return;
    }

    const refuse = (code: string, message: string, why: string): void => {
      refused++;
      // Once per connection: a broken or hostile client must not flood the log.
      if (refused === 1) log.warn('customer frame refused', { client, why });
      if (refused >= refusalsBeforeClose) {
        ws.close(1008, 'too many bad frames');
        return;
      }
      notify({ type: 'error', code, message });
    };

    const takeToken = (): boolean => {
      const at = now();
      tokens = Math.min(limit.burst, tokens + ((at - refilledAt) / 1000) * limit.perSecond);
      refilledAt = at;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    };

    this.#alive.add(ws);
    ws.on('pong', () => this.#alive.add(ws));
    ws.on('close', (code) => {
      closed = true;
      const current = session;
      session = null;
      if (refused > 1) log.warn('customer frames refused', { client, count: refused });
      log.debug('customer disconnected', { client, code });
      let detached = false;
      const detach = (): void => {
        if (detached) return;
        detached = true;
        try {
          current?.detach();
        } catch (error) {
          log.error('customer session detach failed', { client, error: String(error) });
        }
      };
      // After the requests already queued (a detach must not overtake the send before it),
      // but never later than a few seconds, even if the gateway hangs on one.
      void queue.then(detach);
      setTimeout(detach, 5000).unref();
    });
    ws.on('message', (data, isBinary) => {
      if (closed) return;
      if (!takeToken()) {
        refused++;
        if (refused === 1) log.warn('customer rate limited', { client });
        if (refused >= refusalsBeforeClose) {
          ws.close(1008, 'rate limit');
          return;
        }
        // One answer a second is enough for a flood; a person sending fast always sees it.
        const at = now();
        if (at - rateErrorAt >= 1000) {
          rateErrorAt = at;
          notify({
            type: 'error',
            code: 'rate_limited',
            message: 'You are sending too fast. Wait a moment, then send again.',
          });
        }
        return;
      }
      if (isBinary) {
        refuse('bad_request', 'Binary frames are not part of the chat protocol.', 'binary');
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(rawToString(data));
      } catch {
        refuse('bad_request', 'That message could not be read.', 'not json');
        return;
      }
      const parsed = customerRequestSchema.safeParse(json);
      if (!parsed.success) {
        refuse(...describeRefusal(json, parsed.error.issues));
        return;
      }
      const request: CustomerRequest = parsed.data;
      // Taken now: a message sent just before the tab closes still reaches the center.
      const current = session;
      if (current === null) return;
      queue = queue.then(async () => {
        try {
          await current.handle(request);
        } catch (error) {
          // The gateway promises not to throw; if it does, the customer still gets an answer.
          log.error('customer request failed', { client, type: request.type, error: String(error) });
          notify({ type: 'error', code: 'internal', message: 'Something went wrong; please try again.' });
        }
      });
    });
    log.debug('customer connected', { client });
  }

  #send(ws: WebSocket, notice: CustomerNotice, client: string): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > (this.#options.maxBufferedBytes ?? 4 * 1024 * 1024)) {
      this.#options.log.warn('slow customer dropped', { client, buffered: ws.bufferedAmount });
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(notice));
  }

  /** Says goodbye to every customer (they resume when the host is back). */
  close(): Promise<void> {
    clearInterval(this.#heartbeat);
    for (const ws of this.#server.clients) ws.close(1001, 'server shutting down');
    const cutoff = setTimeout(() => {
      for (const ws of this.#server.clients) ws.terminate();
    }, 1000);
    return new Promise((resolve) =>
      this.#server.close(() => {
        clearTimeout(cutoff);
        resolve();
      }),
    );
  }
}

type Refusal = [code: string, message: string, why: string];

/** A refusal a person can act on: too long a text or file says so; the rest is "not understood". */
function describeRefusal(json: unknown, issues: ReadonlyArray<{ code: string; path: PropertyKey[] }>): Refusal {
  const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
  const tooBig = issues.find((issue) => issue.code === 'too_big');
  if (type === 'send' && tooBig !== undefined) {
    if (tooBig.path[0] === 'attachment') {
      return [
        'too_large',
        `The file is larger than ${chatLimits.attachmentBytes / 1024 / 1024} MB.`,
        'attachment too large',
      ];
    }
    if (tooBig.path[0] === 'text') {
      return ['too_large', `Messages can be at most ${chatLimits.textChars} characters.`, 'text too long'];
    }
  }
  if (typeof type !== 'string') return ['bad_request', 'That message is not part of the chat protocol.', 'no type'];
  return ['bad_request', 'That request is not understood.', `invalid ${type.slice(0, 20)}`];
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/**
 * The customer-facing article page for /help/<id>, or null (404: unknown, archived or internal).
 * The knowledge base renders it (sanitized, no scripts); the host only adds its headers.
 */
export function publicArticlePage(kb: KnowledgeBaseService, articleId: string): Promise<string | null> {
  return renderPublicArticlePage(kb, articleId);
}

/**
 * Headers for the customer's chat page: the product's CSP, except that the page may connect
 * only to its own endpoints under /chat/ (so a script on it could not reach the agent bridge at
 * /api even though it is the same origin), and no microphone.
 */
export function customerPageHeaders(base: Readonly<Record<string, string>>, host: string | undefined) {
  const csp = (base['Content-Security-Policy'] ?? '').split(';').map((d) => d.trim());
  // The Host header passed the host check already; anything odd in it falls back to 'none'.
  const safeHost = host !== undefined && /^[a-z0-9.\-:[\]]{1,300}$/i.test(host) ? host : null;
  const connect =
    safeHost === null
      ? "connect-src 'none'"
      : `connect-src http://${safeHost}/chat/ https://${safeHost}/chat/ ws://${safeHost}${customerChatPath} wss://${safeHost}${customerChatPath}`;
  const directives = csp
    .filter((d) => d !== '' && !d.startsWith('connect-src') && !d.startsWith('style-src'))
    .concat(connect, "style-src 'self'");
  return {
    ...base,
    'Content-Security-Policy': directives.join('; '),
    'Permissions-Policy': 'microphone=(), camera=(), geolocation=(), speaker-selection=()',
  };
}

/** Headers for /help/<id>: static sanitized HTML, so no script and no connections at all. */
export function helpPageHeaders(base: Readonly<Record<string, string>>): Record<string, string> {
  const csp = (base['Content-Security-Policy'] ?? '')
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !d.startsWith('script-src') && !d.startsWith('connect-src'))
    .concat("script-src 'none'", "connect-src 'none'");
  return {
    ...base,
    'Content-Security-Policy': csp.join('; '),
    'Permissions-Policy': 'microphone=(), camera=(), geolocation=(), speaker-selection=()',
  };
}

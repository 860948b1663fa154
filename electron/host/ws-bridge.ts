import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { readOnlyEvents } from '../../shared/api/contract';
import { clientFrameSchema, maxFrameBytes, type ServerFrame } from '../../shared/api/wire';
import type { EventBus } from '../api/event-bus';
import type { CallContext, Registrar } from '../api/registrar';
import type { Logger } from '../log/logger';

export interface BridgeOptions {
  readonly registrar: Registrar;
  readonly events: EventBus;
  readonly log: Logger;
  /** Identifies this services process; a client seeing a new one resyncs everything. */
  readonly instance: string;
  /** A client whose unsent data passes this is too slow to keep (a frozen tab). */
  readonly maxBufferedBytes?: number;
  readonly heartbeatMs?: number;
}

export interface ConnectionInfo {
  readonly readOnly: boolean;
  readonly remote: string;
  /** The credential the connection came with (a wallboard token's id): revoking it closes them. */
  readonly credential?: string | undefined;
}

/**
 * The contract over WebSocket, for the web host. Same registrar as IPC, so the
 * same validation, errors and logs; a bad frame is answered and logged once,
 * and the connection stays open.
 */
export class WsBridge {
  readonly #server: WebSocketServer;
  readonly #options: BridgeOptions;
  readonly #unsubscribe: () => void;
  readonly #alive = new WeakSet<WebSocket>();
  readonly #clientOf = new WeakMap<WebSocket, string>();
  /** Read-only connections (wallboards, LAN readers) hear only `readOnlyEvents`. */
  readonly #readOnly = new WeakSet<WebSocket>();
  readonly #credentialOf = new WeakMap<WebSocket, string>();
  readonly #heartbeat: NodeJS.Timeout;
  #nextClient = 1;

  constructor(options: BridgeOptions) {
    this.#options = options;
    this.#server = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
    this.#unsubscribe = options.events.subscribe((name, payload, audience) => {
      this.#broadcast({ t: 'event', name, payload }, audience, readOnlyEvents.has(name));
    });
    // Dead peers (a laptop lid closed) never send a close frame; ping finds them.
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

  /** Hands an HTTP upgrade that already passed the host's checks to the bridge. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, info: ConnectionInfo): void {
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#onConnection(ws, info));
  }

  #onConnection(ws: WebSocket, info: ConnectionInfo): void {
    const context: CallContext = {
      transport: 'ws',
      readOnly: info.readOnly,
      client: `ws#${this.#nextClient++} ${info.remote}`,
    };
    const log = this.#options.log;
    this.#clientOf.set(ws, context.client);
    if (info.readOnly) this.#readOnly.add(ws);
    if (info.credential !== undefined) this.#credentialOf.set(ws, info.credential);
    this.#alive.add(ws);
    ws.on('pong', () => this.#alive.add(ws));
    ws.on('error', (error) => log.warn('websocket error', { client: context.client, error: error.message }));
    ws.on('message', (data, isBinary) => void this.#onMessage(ws, context, data, isBinary));
    this.#send(ws, { t: 'hello', instance: this.#options.instance, readOnly: info.readOnly });
    log.debug('client connected', { client: context.client, readOnly: info.readOnly });
  }

  async #onMessage(ws: WebSocket, context: CallContext, data: RawData, isBinary: boolean): Promise<void> {
    const log = this.#options.log;
    if (isBinary) {
      log.warn('binary frame refused', { client: context.client });
      this.#send(ws, { t: 'error', code: 'bad_request', message: 'Binary frames are not part of the protocol' });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(rawToString(data));
    } catch {
      log.warn('unreadable frame refused', { client: context.client });
      this.#send(ws, { t: 'error', code: 'bad_request', message: 'Frame is not JSON' });
      return;
    }
    const frame = clientFrameSchema.safeParse(json);
    if (!frame.success) {
      const id = idOf(json);
      log.warn('malformed frame refused', { client: context.client });
      if (id === undefined) {
        this.#send(ws, { t: 'error', code: 'bad_request', message: 'Frame must be {t:"call", id, method, payload}' });
      } else {
        this.#send(ws, {
          t: 'result',
          id,
          result: {
            ok: false,
            error: { code: 'bad_request', message: 'Frame must be {t:"call", id, method, payload}' },
          },
        });
      }
      return;
    }
    const { id, method, payload } = frame.data;
    const result = await this.#options.registrar.dispatch(method, payload, context);
    this.#send(ws, { t: 'result', id, result });
  }

  #broadcast(frame: ServerFrame, audience: string | undefined, forReaders: boolean): void {
    const text = JSON.stringify(frame);
    for (const ws of this.#server.clients) {
      // A wall screen never receives customer names, numbers or chat text.
      if (!forReaders && this.#readOnly.has(ws)) continue;
      // Targeted events (the media engine's SDP requests) reach only their client.
      if (audience === undefined || this.#clientOf.get(ws) === audience) this.#sendText(ws, text);
    }
  }

  #send(ws: WebSocket, frame: ServerFrame): void {
    this.#sendText(ws, JSON.stringify(frame));
  }

  #sendText(ws: WebSocket, text: string): void {
    if (ws.readyState !== ws.OPEN) return;
    // A client that has not read several of the largest frames is stuck, not slow.
    if (ws.bufferedAmount > (this.#options.maxBufferedBytes ?? 4 * maxFrameBytes)) {
      this.#options.log.warn('slow client dropped', { buffered: ws.bufferedAmount });
      ws.terminate();
      return;
    }
    ws.send(text);
  }

  /** Closes every connection that came with `credential` (4401: the client should not retry with it). */
  closeCredential(credential: string): number {
    let closed = 0;
    for (const ws of this.#server.clients) {
      if (this.#credentialOf.get(ws) !== credential) continue;
      ws.close(4401, 'credential revoked');
      closed += 1;
    }
    return closed;
  }

  /** Says goodbye to every client, and cuts off any that does not answer within a second. */
  close(): Promise<void> {
    clearInterval(this.#heartbeat);
    this.#unsubscribe();
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

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function idOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : undefined;
}

import { EmitterImpl, TransportState, type Emitter, type Transport } from 'sip.js';
import type { Logger as SipLogger } from 'sip.js/lib/core/log/logger.js';
import WebSocket from 'ws';
import { installFastGrammar } from './fast-grammar';

// Every sip.js user agent in this process talks through this transport: each gets
// the fast header parser in front of sip.js's grammar (see fast-grammar.ts).
installFastGrammar();

export interface NodeWsTransportOptions {
  /** ws:// or wss:// URI of the SIP server's WebSocket listener. */
  readonly server: string;
  /** Give up connecting after this long (a black-holed server never answers). */
  readonly connectionTimeoutMs?: number;
}

/**
 * SIP over WebSocket (RFC 7118) for sip.js in Node. sip.js's own transport uses
 * the browser's global WebSocket; the softphone runs in the main process, so it
 * uses the `ws` package behind the same Transport interface. Reconnection is
 * not done here: the softphone service owns it (backoff, re-register).
 */
export class NodeWsTransport implements Transport {
  readonly protocol: string;
  readonly #server: string;
  readonly #timeoutMs: number;
  readonly #logger: SipLogger;
  readonly #stateChange = new EmitterImpl<TransportState>();
  #state: TransportState = TransportState.Disconnected;
  #socket: WebSocket | undefined;
  #connecting: Promise<void> | undefined;

  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;

  constructor(logger: SipLogger, options: NodeWsTransportOptions) {
    const url = new URL(options.server);
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
      throw new Error(`SIP server must be a ws:// or wss:// URI, not ${options.server}`);
    }
    this.#server = options.server;
    this.#timeoutMs = options.connectionTimeoutMs ?? 5000;
    this.#logger = logger;
    this.protocol = url.protocol === 'wss:' ? 'WSS' : 'WS';
  }

  get state(): TransportState {
    return this.#state;
  }

  get stateChange(): Emitter<TransportState> {
    return this.#stateChange;
  }

  isConnected(): boolean {
    return this.#state === TransportState.Connected;
  }

  connect(): Promise<void> {
    if (this.#state === TransportState.Connected) return Promise.resolve();
    this.#connecting ??= new Promise<void>((resolve, reject) => {
      this.#setState(TransportState.Connecting);
      const socket = new WebSocket(this.#server, 'sip', { handshakeTimeout: this.#timeoutMs });
      this.#socket = socket;
      let opened = false;
      socket.on('open', () => {
        opened = true;
        this.#connecting = undefined;
        this.#setState(TransportState.Connected);
        resolve();
        this.onConnect?.();
      });
      socket.on('message', (data, isBinary) => {
        const text = isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString();
        this.onMessage?.(text);
      });
      socket.on('error', (error) => {
        this.#logger.warn(`WebSocket error: ${error.message}`);
        if (!opened) {
          this.#connecting = undefined;
          this.#setState(TransportState.Disconnected);
          reject(error);
        }
      });
      socket.on('close', (code, reason) => {
        if (this.#socket !== socket) return;
        this.#socket = undefined;
        const wasConnected = opened;
        const expected = this.#state === TransportState.Disconnecting;
        this.#connecting = undefined;
        this.#setState(TransportState.Disconnected);
        if (!wasConnected) {
          reject(new Error(`WebSocket closed before opening (${code})`));
          return;
        }
        // sip.js treats an error argument as "the network dropped us".
        this.onDisconnect?.(expected ? undefined : new Error(`WebSocket closed (${code} ${reason.toString()})`.trim()));
      });
    });
    return this.#connecting;
  }

  disconnect(): Promise<void> {
    const socket = this.#socket;
    if (socket === undefined) return Promise.resolve();
    this.#setState(TransportState.Disconnecting);
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000, 'bye');
      // A peer that never answers the close handshake.
      setTimeout(() => socket.terminate(), 2000).unref();
    });
  }

  /** Drops the connection as a network failure would (for dead-peer detection). */
  abort(): void {
    this.#socket?.terminate();
  }

  async dispose(): Promise<void> {
    await this.disconnect();
    this.#stateChange.removeAllListeners();
  }

  send(message: string): Promise<void> {
    const socket = this.#socket;
    if (socket === undefined || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new Error('SIP transport is not connected'));
    }
    return new Promise((resolve, reject) => socket.send(message, (error) => (error ? reject(error) : resolve())));
  }

  #setState(state: TransportState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#stateChange.emit(state);
  }
}

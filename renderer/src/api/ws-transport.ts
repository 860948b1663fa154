import { isEventName, type EventName, type MethodName } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { bridgePath, serverFrameSchema, type ClientFrame } from '../../../shared/api/wire';
import type { ConnectionState, Transport } from './transport';

interface Options {
  readonly url?: string;
  /** A call still unanswered after this long fails with `timeout`. */
  readonly callTimeoutMs?: number;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Wallboard-only mode (a TV at /wallboard?token=…): the bridge is opened read-only with this token. */
  readonly wallboardToken?: string;
}

interface InFlight {
  readonly resolve: (result: ApiResult<unknown>) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * The web-mode transport: the contract over one WebSocket to the web host.
 * Calls made while (re)connecting wait for the socket; the socket comes back
 * by itself with exponential backoff and jitter.
 */
export function createWsTransport(options: Options = {}): Transport {
  const base = options.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${bridgePath}`;
  // The web host makes a connection carrying ?wallboard=<token> read-only (electron/wallboard/wallboard-http.ts).
  const url =
    options.wallboardToken === undefined ? base : `${base}?wallboard=${encodeURIComponent(options.wallboardToken)}`;
  const callTimeoutMs = options.callTimeoutMs ?? 30_000;
  const minBackoff = options.minBackoffMs ?? 500;
  const maxBackoff = options.maxBackoffMs ?? 10_000;

  let socket: WebSocket | undefined;
  let state: ConnectionState = { status: 'connecting', attempt: 0, retryAt: null };
  let nextId = 1;
  let everOpened = false;
  const inFlight = new Map<number, InFlight>();
  const waiting: Array<() => void> = [];
  const eventListeners = new Set<(event: EventName, payload: unknown) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const resyncListeners = new Set<() => void>();

  const setState = (next: ConnectionState): void => {
    state = next;
    for (const listener of stateListeners) listener(state);
  };

  const settle = (id: number, result: ApiResult<unknown>): void => {
    const call = inFlight.get(id);
    if (call === undefined) return;
    clearTimeout(call.timer);
    inFlight.delete(id);
    call.resolve(result);
  };

  const connect = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      const wasReconnect = everOpened;
      everOpened = true;
      setState({ status: 'open', attempt: 0, retryAt: null });
      waiting.splice(0).forEach((send) => send());
      if (wasReconnect) resyncListeners.forEach((listener) => listener());
    };
    ws.onmessage = (message) => {
      let frame;
      try {
        frame = serverFrameSchema.parse(JSON.parse(String(message.data)));
      } catch {
        return; // A frame we cannot read is dropped; the call it belonged to times out.
      }
      if (frame.t === 'result') settle(frame.id, frame.result as ApiResult<unknown>);
      else if (frame.t === 'event' && isEventName(frame.name)) {
        for (const listener of eventListeners) listener(frame.name, frame.payload);
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      // The host may or may not have run these; the caller decides whether to retry.
      for (const id of [...inFlight.keys()]) {
        settle(id, { ok: false, error: { code: 'unavailable', message: 'Connection to the SeatDesk host was lost' } });
      }
      const attempt = state.attempt + 1;
      const backoff = Math.min(maxBackoff, minBackoff * 2 ** (attempt - 1));
      const delay = backoff / 2 + Math.random() * (backoff / 2);
      setState({ status: 'reconnecting', attempt, retryAt: Date.now() + delay });
      setTimeout(connect, delay);
    };
  };
  connect();

  return {
    call(method: MethodName, request: unknown) {
      return new Promise((resolve) => {
        const id = nextId++;
        const timer = setTimeout(
          () => settle(id, { ok: false, error: { code: 'timeout', message: `${method} got no answer in time` } }),
          callTimeoutMs,
        );
        inFlight.set(id, { resolve, timer });
        const frame: ClientFrame = { t: 'call', id, method, payload: request };
        const send = (): void => {
          if (inFlight.has(id)) socket?.send(JSON.stringify(frame));
        };
        if (socket?.readyState === WebSocket.OPEN) send();
        else waiting.push(send);
      });
    },
    subscribe(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    getState: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onResync(listener) {
      resyncListeners.add(listener);
      return () => resyncListeners.delete(listener);
    },
  };
}

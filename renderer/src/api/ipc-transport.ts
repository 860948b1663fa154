import { eventNames, type EventName, type MethodName } from '../../../shared/api/contract';
import { splitMethodName, type SeatDeskBridge } from '../../../shared/api/bridge';
import type { ApiResult } from '../../../shared/api/result';
import type { ConnectionState, Transport } from './transport';

const open: ConnectionState = { status: 'open', attempt: 0, retryAt: null };

/** The Electron transport: the preload's `window.seatdesk`. Always connected. */
export function createIpcTransport(bridge: SeatDeskBridge): Transport {
  const groups = bridge as unknown as Record<string, Record<string, (request: unknown) => Promise<ApiResult<unknown>>>>;
  return {
    call(method: MethodName, request: unknown) {
      const [namespace, local] = splitMethodName(method);
      const fn = groups[namespace]?.[local];
      if (fn === undefined) {
        return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: method } });
      }
      return fn(request);
    },
    subscribe(listener: (event: EventName, payload: unknown) => void) {
      const offs = eventNames.map((name) => bridge.on(name, (payload) => listener(name, payload)));
      return () => offs.forEach((off) => off());
    },
    getState: () => open,
    onState: () => () => {},
    onResync: () => () => {},
  };
}

import type { EventName, EventPayload, MethodName, MethodRequest, MethodResponse } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { SeatDeskBridge } from '../../../shared/api/bridge';
import { createIpcTransport } from './ipc-transport';
import type { ConnectionState, Transport } from './transport';
import { createWsTransport } from './ws-transport';

/**
 * The renderer's only way to the services. Views cannot tell whether they run
 * in Electron (IPC) or in a browser (WebSocket): both answer the same contract.
 */
export interface ApiClient {
  /** Resolves with the value, or throws ApiError with a code the UI can translate. */
  call<M extends MethodName>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  connection(): ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  onResync(listener: () => void): () => void;
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    async call(method, request) {
      const result = await transport.call(method, request);
      if (!result.ok) throw ApiError.fromPayload(result.error);
      return result.value as never;
    },
    on(event, listener) {
      return transport.subscribe((name, payload) => {
        if (name === event) listener(payload as never);
      });
    },
    connection: () => transport.getState(),
    onConnection: (listener) => transport.onState(listener),
    onResync: (listener) => transport.onResync(listener),
  };
}

declare global {
  interface Window {
    /** Present only in Electron, exposed by the preload. */
    readonly seatdesk?: SeatDeskBridge;
  }
}

export function createDefaultApiClient(): ApiClient {
  return createApiClient(window.seatdesk ? createIpcTransport(window.seatdesk) : createWsTransport());
}

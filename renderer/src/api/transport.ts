import type { EventName, MethodName } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** Reconnect attempts since the connection was lost. */
  readonly attempt: number;
  /** When the next attempt starts (epoch ms), while reconnecting. */
  readonly retryAt: number | null;
}

/** What the API client needs from a transport; IPC and WebSocket both provide it. */
export interface Transport {
  call(method: MethodName, request: unknown): Promise<ApiResult<unknown>>;
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
  getState(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
  /** Fires after a reconnect: events may have been missed, so views fetch again. */
  onResync(listener: () => void): () => void;
}

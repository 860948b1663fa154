import type { ApiResult } from './result';
import type { EventName, EventPayload, MethodName, MethodRequest, MethodResponse } from './contract';
import { eventNameList, methodNameList } from './method-names';

type NamespaceOf<M extends string> = M extends `${infer N}.${string}` ? N : never;
type LocalNameOf<M extends string, N extends string> = M extends `${N}.${infer L}` ? L : never;
type Join<N extends string, L extends string> = `${N}.${L}` & MethodName;

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;
export type Unsubscribe = () => void;

/**
 * The shape of `window.seatdesk` in Electron: one function per contract method,
 * grouped by namespace (`seatdesk.settings.update(patch)`), plus `on`.
 * There is deliberately no generic `send`: a renderer can only reach what the
 * contract declares.
 */
export type SeatDeskBridge = {
  readonly [N in NamespaceOf<MethodName>]: {
    readonly [L in LocalNameOf<MethodName, N>]: (
      request: MethodRequest<Join<N, L>>,
    ) => Promise<ApiResult<MethodResponse<Join<N, L>>>>;
  };
} & {
  readonly on: <E extends EventName>(event: E, listener: EventListener<E>) => Unsubscribe;
};

export function splitMethodName(name: MethodName): [namespace: string, local: string] {
  const dot = name.indexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)];
}

/**
 * Builds a bridge object from two primitives. The preload passes IPC-backed
 * ones; nothing outside the contract's names is ever created.
 */
export function createBridge(
  invoke: (method: MethodName, request: unknown) => Promise<ApiResult<unknown>>,
  subscribe: (event: EventName, listener: (payload: unknown) => void) => Unsubscribe,
): SeatDeskBridge {
  const bridge: Record<string, Record<string, unknown>> = {};
  for (const name of methodNameList) {
    const [namespace, local] = splitMethodName(name);
    const group = (bridge[namespace] ??= {});
    group[local] = (request: unknown) => invoke(name, request);
  }
  const on = (event: EventName, listener: (payload: unknown) => void): Unsubscribe => {
    if (!(eventNameList as readonly string[]).includes(event))
      throw new TypeError(`Unknown SeatDesk event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('Listener must be a function');
    return subscribe(event, listener);
  };
  return Object.freeze({ ...bridge, on }) as unknown as SeatDeskBridge;
}

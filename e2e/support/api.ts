import WebSocket from 'ws';
import type { MethodName, MethodRequest, MethodResponse } from '../../shared/api/contract';
import { serverFrameSchema } from '../../shared/api/wire';

export interface TestApi {
  call<M extends MethodName>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M>>;
  close(): void;
}

/** The web host's API from the test process, over the same WebSocket bridge the page uses. */
export async function connectApi(hostUrl: string): Promise<TestApi> {
  const ws = new WebSocket(`${hostUrl.replace(/^http/, 'ws').replace(/\/$/, '')}/api`);
  const pending = new Map<
    number,
    (result: { ok: boolean; value?: unknown; error?: { code: string; message: string } }) => void
  >();
  let nextId = 1;
  ws.on('message', (data) => {
    const frame = serverFrameSchema.parse(JSON.parse(data.toString()));
    if (frame.t === 'result') pending.get(frame.id)?.(frame.result as never);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return {
    call(method, request) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, (result) => {
          pending.delete(id);
          if (result.ok) resolve(result.value as never);
          else reject(new Error(`${method}: ${result.error?.code} ${result.error?.message}`));
        });
        ws.send(JSON.stringify({ t: 'call', id, method, payload: request }));
      });
    },
    close: () => ws.close(),
  };
}

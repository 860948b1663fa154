import { z } from 'zod';
import {
  isMethodName,
  methods,
  readOnlyMethods,
  type MethodName,
  type MethodParams,
  type MethodResponse,
} from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { fail, ok, type ApiResult } from '../../shared/api/result';
import { errorFields, type Logger } from '../log/logger';

/** Who is calling, as far as the transport can tell. */
export interface CallContext {
  /** `internal`: one service calling another's handler (the center answering a queue call). */
  readonly transport: 'ipc' | 'ws' | 'cli' | 'test' | 'internal';
  /** Read-only clients (wallboard tokens) may not call methods that mutate. */
  readonly readOnly: boolean;
  /** For the log: `window#3`, `ws#12 127.0.0.1`. */
  readonly client: string;
}

export type Handler<M extends MethodName> = (
  params: MethodParams<M>,
  context: CallContext,
) => Promise<MethodResponse<M>> | MethodResponse<M>;

export type Handlers = { readonly [M in MethodName]: Handler<M> };

export interface Registrar {
  /** Never throws and never rejects: every outcome is an ApiResult. */
  dispatch(method: unknown, payload: unknown, context: CallContext): Promise<ApiResult<unknown>>;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 100)) : `(${typeof value})`;
}

/**
 * The one service-side entry point behind every transport: checks the method
 * exists, enforces read-only connections, validates the request against the
 * contract, runs the handler, and validates what it answers. Each refusal is
 * logged once, here, and nowhere else.
 */
export function createRegistrar(handlers: Handlers, log: Logger): Registrar {
  for (const name of Object.keys(methods) as MethodName[]) {
    if (typeof handlers[name] !== 'function') throw new Error(`No handler registered for ${name}`);
  }

  return {
    async dispatch(method, payload, context) {
      try {
        if (!isMethodName(method)) {
          log.warn('unknown method refused', { method: describe(method), client: context.client });
          return fail({ code: 'unknown_method', message: `Unknown method ${describe(method)}` });
        }
        const spec = methods[method];
        if (context.readOnly && (spec.mutates || !readOnlyMethods.has(method))) {
          log.warn('call on read-only connection refused', { method, client: context.client });
          return fail({ code: 'forbidden', message: `${method} is not allowed on a read-only connection` });
        }
        const parsed = spec.request.safeParse(payload);
        if (!parsed.success) {
          const message = z.prettifyError(parsed.error).slice(0, 1000);
          log.warn('invalid request refused', { method, client: context.client, issues: message });
          return fail({ code: 'bad_request', message: `${method}: ${message}` });
        }
        const handler = handlers[method] as Handler<MethodName>;
        const value = await handler(parsed.data as never, context);
        const checked = spec.response.safeParse(value);
        if (!checked.success) {
          log.error('handler answered outside the contract', {
            method,
            issues: z.prettifyError(checked.error).slice(0, 1000),
          });
          return fail({ code: 'internal', message: `${method} produced an invalid answer` });
        }
        return ok(checked.data);
      } catch (error) {
        if (error instanceof ApiError) {
          log.info('call refused', { method: describe(method), code: error.code, message: error.message });
          return fail(error.toPayload());
        }
        log.error('call failed', { method: describe(method), client: context.client, ...errorFields(error) });
        return fail({ code: 'internal', message: 'Internal error; see the SeatDesk log.' });
      }
    },
  };
}

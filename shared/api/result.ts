import { z } from 'zod';
import { apiErrorSchema, type ApiErrorPayload } from './errors';

/** What every call answers, on every transport: structure survives the boundary. */
export type ApiResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiErrorPayload };

export const apiResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);

export function ok<T>(value: T): ApiResult<T> {
  return { ok: true, value };
}

export function fail(error: ApiErrorPayload): ApiResult<never> {
  return { ok: false, error };
}

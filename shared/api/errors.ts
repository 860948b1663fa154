import { z } from 'zod';

/**
 * Error codes every transport may answer with. The renderer translates them
 * (`errors.<code>`), so a new code needs a message in every locale.
 */
export const errorCodes = [
  'bad_request',
  'unknown_method',
  'forbidden',
  'unauthorized',
  'not_found',
  'conflict',
  'too_large',
  'unavailable',
  'timeout',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const apiErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
});

export type ApiErrorPayload = z.infer<typeof apiErrorSchema>;

/** Thrown by services and by the client; carries a code that survives the transport. */
export class ApiError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }

  toPayload(): ApiErrorPayload {
    return { code: this.code, message: this.message };
  }

  static fromPayload(payload: ApiErrorPayload): ApiError {
    return new ApiError(payload.code, payload.message);
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

import { z } from 'zod';
import { apiResultSchema } from './result';

/**
 * Frames of the WebSocket bridge (web host). Same methods, same results as IPC;
 * only the envelope differs. Every frame is one JSON object.
 */
export const clientFrameSchema = z.strictObject({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  payload: z.unknown(),
});
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export const serverFrameSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('hello'),
    /** The services' process start, so a client can tell a restarted host from a reconnect. */
    instance: z.string(),
    readOnly: z.boolean(),
  }),
  z.object({ t: z.literal('result'), id: z.number().int(), result: apiResultSchema }),
  z.object({ t: z.literal('event'), name: z.string(), payload: z.unknown() }),
  /** A frame the server could not read at all (not JSON, no id): answered once, connection kept. */
  z.object({ t: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

/** The bridge's path on the web host. */
export const bridgePath = '/api';
/**
 * Largest frame either side accepts: a chat attachment (10 MB, base64 in `chat.send` and
 * `chat.attachment`) plus its envelope. Anything larger closes that one connection (1009).
 */
export const maxFrameBytes = 16 * 1024 * 1024;

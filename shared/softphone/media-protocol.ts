import { z } from 'zod';
import { iceServerSchema } from './types';

/**
 * What the softphone service (main process) asks of the media engine (a
 * renderer) over the API contract: the `media.request` event out, the
 * `media.respond` method back for the two operations that produce an answer.
 */
const target = { engineId: z.string(), lineId: z.string() };

export const mediaRequestSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('createLocalDescription'),
    ...target,
    requestId: z.string(),
    hold: z.boolean(),
    iceRestart: z.boolean(),
    iceServers: z.array(iceServerSchema),
  }),
  z.object({
    op: z.literal('setRemoteDescription'),
    ...target,
    requestId: z.string(),
    sdp: z.string(),
    iceServers: z.array(iceServerSchema),
  }),
  z.object({ op: z.literal('rollback'), ...target, requestId: z.string() }),
  z.object({ op: z.literal('sendDtmf'), ...target, tones: z.string() }),
  z.object({ op: z.literal('setMuted'), ...target, muted: z.boolean() }),
  z.object({ op: z.literal('setConference'), engineId: z.string(), lineIds: z.array(z.string()).nullable() }),
  z.object({ op: z.literal('close'), ...target }),
]);
export type MediaRequest = z.infer<typeof mediaRequestSchema>;

export const mediaResponseSchema = z.strictObject({
  engineId: z.string().max(100),
  requestId: z.string().max(100),
  ok: z.boolean(),
  /** The local SDP for createLocalDescription. */
  sdp: z.string().max(100_000).optional(),
  error: z.string().max(2000).optional(),
});

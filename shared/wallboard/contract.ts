import { z } from 'zod';
import { done, method, noArgs } from '../api/method';
import { centerEventSchema, notReadyReasons } from '../center/types';
import {
  alertSchema,
  announcementKinds,
  announcementSchema,
  thresholdsSchema,
  tokenInfoSchema,
  wallboardSnapshotSchema,
} from './types';

/**
 * The wallboard area's part of the API contract; shared/api/contract.ts spreads it in.
 * Names go in ./names.ts too (the Electron preload reads names without zod).
 *
 * A wallboard opened with a token holds a read-only connection: it may call only what does not
 * mutate (the snapshot, today's events). Token and announcement management, thresholds and every
 * supervisor.* method are for supervisors on a full connection (ApiError 'forbidden' otherwise).
 */

const ref = z.string().min(1).max(100);
const forcedReasons = notReadyReasons.filter((r) => r !== 'missed') as [string, ...string[]];

export const wallboardMethods = {
  /** Everything a board shows; calling it also subscribes this connection to wallboard.changed for 45 s. */
  'wallboard.snapshot': method({ request: noArgs, response: wallboardSnapshotSchema, mutates: false }),
  /** Today's center events (since local midnight), by seq: the numbers on the board can be recomputed from them. */
  'wallboard.events': method({
    request: z.strictObject({
      afterSeq: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(10_000).default(1000),
    }),
    response: z.object({ events: z.array(centerEventSchema), dayStart: z.number(), timeZone: z.string() }),
    mutates: false,
  }),
  'wallboard.createToken': method({
    request: z.strictObject({ name: z.string().trim().min(1).max(100) }),
    /** The token itself is shown once, here; only its hash is kept. */
    response: z.object({ token: z.string(), info: tokenInfoSchema }),
    mutates: true,
  }),
  'wallboard.listTokens': method({ request: noArgs, response: z.array(tokenInfoSchema), mutates: false }),
  'wallboard.revokeToken': method({ request: z.strictObject({ id: ref }), response: done, mutates: true }),
  'wallboard.listAnnouncements': method({ request: noArgs, response: z.array(announcementSchema), mutates: false }),
  'wallboard.saveAnnouncement': method({
    request: z.strictObject({
      id: ref.optional(),
      kind: z.enum(announcementKinds),
      text: z.string().trim().min(1).max(280),
      active: z.boolean().default(true),
    }),
    response: announcementSchema,
    mutates: true,
  }),
  'wallboard.deleteAnnouncement': method({ request: z.strictObject({ id: ref }), response: done, mutates: true }),
  'wallboard.saveThresholds': method({ request: thresholdsSchema, response: thresholdsSchema, mutates: true }),

  'supervisor.forceNotReady': method({
    request: z.strictObject({ agentId: ref, reason: z.enum(forcedReasons) }),
    response: done,
    mutates: true,
  }),
  'supervisor.logOut': method({ request: z.strictObject({ agentId: ref }), response: done, mutates: true }),
  /** Moves a contact in progress to another agent (who must be free to take it). */
  'supervisor.reassign': method({
    request: z.strictObject({ interactionId: ref, toAgentId: ref, note: z.string().max(1000).default('') }),
    response: done,
    mutates: true,
  }),
  'supervisor.alerts': method({ request: noArgs, response: z.array(alertSchema), mutates: false }),
} as const;

export const wallboardEvents = {
  /**
   * Pushed on change, at most every 250 ms, to the clients that called wallboard.snapshot in the
   * last 45 s (boards resync every 15 s, which keeps them subscribed).
   */
  'wallboard.changed': wallboardSnapshotSchema,
  /** A queue's service level fell below its target, or its longest wait passed the critical value. */
  'supervisor.alert': alertSchema,
} as const;

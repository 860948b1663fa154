import { z } from 'zod';
import { centerEvents, centerMethods } from '../center/contract';
import { kbEvents, kbMethods } from '../kb/contract';
import { recordingsEvents, recordingsMethods } from '../recordings/contract';
import { wallboardEvents, wallboardMethods } from '../wallboard/contract';
import { done, method, noArgs } from './method';
import { settingsPatchSchema, settingsSchema } from '../settings';
import { workstationStatusSchema } from '../domain/status';
import { mediaRequestSchema, mediaResponseSchema } from '../softphone/media-protocol';
import {
  callHistoryItemSchema,
  callQualitySchema,
  historyCursorSchema,
  lineSchema,
  phoneAccountInputSchema,
  phoneAccountSchema,
  softphoneStateSchema,
} from '../softphone/types';

/**
 * The one declaration of SeatDesk's API. The preload's `window.seatdesk`, the
 * service-side registrar and the WebSocket bridge are all derived from it.
 *
 * Adding a method: declare it here, add a handler in the owning service's
 * `handlers` (electron/), and call it from the renderer with `api.call(...)`.
 * The registrar refuses to start if a handler is missing.
 *
 * Each feature area declares its methods beside its domain types
 * (shared/center/contract.ts, shared/kb/contract.ts, shared/recordings/contract.ts);
 * they are spread in here, so this stays the one place every method is reached from.
 */

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Which host runs the services: the Electron main process, the web host or the CLI. */
  mode: z.enum(['electron', 'web', 'cli']),
  platform: z.string(),
  dataDir: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  startedAt: z.iso.datetime(),
  /** The host runs with NODE_ENV=test: the page may expose hooks for tests and benchmarks. */
  testHooks: z.boolean(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const clientErrorReportSchema = z.strictObject({
  message: z.string().min(1).max(2000),
  stack: z.string().max(8000).optional(),
  /** Where it happened in the UI, e.g. the section route. */
  where: z.string().max(200).optional(),
});

export const phoneAccountViewSchema = z.object({
  account: phoneAccountSchema.nullable(),
  passwordStored: z.boolean(),
  /** False in web and CLI mode: the password sits in a file only this user can read. */
  passwordEncrypted: z.boolean(),
});

const lineRef = z.strictObject({ lineId: z.string().min(1).max(100) });
const dialTarget = z.string().min(1).max(200);

export const methods = {
  'app.getInfo': method({ request: noArgs, response: appInfoSchema, mutates: false }),
  'settings.get': method({ request: noArgs, response: settingsSchema, mutates: false }),
  'settings.update': method({ request: settingsPatchSchema, response: settingsSchema, mutates: true }),
  'status.get': method({ request: noArgs, response: workstationStatusSchema, mutates: false }),
  'diagnostics.reportError': method({
    request: clientErrorReportSchema,
    response: z.object({ logged: z.boolean() }),
    // Writes only to the log; a wallboard may report its own crashes.
    mutates: false,
  }),

  'softphone.getAccount': method({ request: noArgs, response: phoneAccountViewSchema, mutates: false }),
  'softphone.saveAccount': method({
    request: phoneAccountInputSchema,
    response: phoneAccountViewSchema,
    mutates: true,
  }),
  'softphone.removeAccount': method({ request: noArgs, response: phoneAccountViewSchema, mutates: true }),
  'softphone.getState': method({ request: noArgs, response: softphoneStateSchema, mutates: false }),
  /** The network came back (the browser's online event): re-register now instead of after the backoff. */
  'softphone.reconnect': method({ request: noArgs, response: done, mutates: true }),
  'softphone.dial': method({
    request: z.strictObject({ target: dialTarget }),
    response: z.object({ lineId: z.string() }),
    mutates: true,
  }),
  'softphone.answer': method({ request: lineRef, response: done, mutates: true }),
  'softphone.reject': method({ request: lineRef, response: done, mutates: true }),
  'softphone.hangup': method({ request: lineRef, response: done, mutates: true }),
  'softphone.hold': method({ request: lineRef.extend({ hold: z.boolean() }), response: done, mutates: true }),
  'softphone.mute': method({ request: lineRef.extend({ muted: z.boolean() }), response: done, mutates: true }),
  'softphone.dtmf': method({
    request: lineRef.extend({ tones: z.string().regex(/^[0-9*#A-Da-d,]{1,32}$/, 'DTMF digits: 0-9 * # A-D') }),
    response: done,
    mutates: true,
  }),
  'softphone.transfer': method({ request: lineRef.extend({ target: dialTarget }), response: done, mutates: true }),
  'softphone.consult': method({
    request: lineRef.extend({ target: dialTarget }),
    response: z.object({ lineId: z.string() }),
    mutates: true,
  }),
  'softphone.completeTransfer': method({
    request: lineRef.extend({ consultLineId: z.string().min(1).max(100) }),
    response: done,
    mutates: true,
  }),
  'softphone.conference': method({
    request: lineRef.extend({ otherLineId: z.string().min(1).max(100) }),
    response: done,
    mutates: true,
  }),
  'softphone.history': method({
    request: z.strictObject({
      text: z.string().max(100).optional(),
      before: historyCursorSchema.optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    response: z.object({ items: z.array(callHistoryItemSchema), next: historyCursorSchema.nullable() }),
    mutates: false,
  }),
  /** The renderer's media engine announces itself; the newest engine gets the calls. */
  'media.attach': method({ request: noArgs, response: z.object({ engineId: z.string() }), mutates: true }),
  'media.respond': method({
    request: mediaResponseSchema,
    response: z.object({ accepted: z.boolean() }),
    mutates: true,
  }),
  /** The media connection of a line changed (ICE): the phone restarts ICE, then gives up on a dead call. */
  'media.connectionState': method({
    request: z.strictObject({
      engineId: z.string().max(100),
      lineId: z.string().max(100),
      state: z.enum(['connected', 'disconnected', 'failed']),
    }),
    response: done,
    mutates: true,
  }),
  'media.reportStats': method({
    request: z.strictObject({ engineId: z.string().max(100), lineId: z.string().max(100), quality: callQualitySchema }),
    response: done,
    mutates: true,
  }),
  ...centerMethods,
  ...kbMethods,
  ...recordingsMethods,
  ...wallboardMethods,
} as const;

export const events = {
  'settings.changed': settingsSchema,
  'status.changed': workstationStatusSchema,
  'softphone.changed': softphoneStateSchema,
  /** A new incoming call: the UI rings, pops the toast and the desktop notification. */
  'softphone.incoming': lineSchema,
  /** A finished call was written to the history. */
  'softphone.callLogged': callHistoryItemSchema,
  'media.request': mediaRequestSchema,
  ...centerEvents,
  ...kbEvents,
  ...recordingsEvents,
  ...wallboardEvents,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (defaults not yet applied). */
export type MethodRequest<M extends MethodName> = z.input<Methods[M]['request']>;
/** What a handler receives, after validation. */
export type MethodParams<M extends MethodName> = z.output<Methods[M]['request']>;
export type MethodResponse<M extends MethodName> = z.output<Methods[M]['response']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

/**
 * All a read-only connection (a wallboard's TV, another machine on a LAN bind) may call: the
 * board and the shell's own reads. Customer records, chats and recordings stay with signed-in
 * agents, even though reading them changes nothing.
 */
export const readOnlyMethods: ReadonlySet<MethodName> = new Set<MethodName>([
  'app.getInfo',
  'settings.get',
  'status.get',
  'diagnostics.reportError',
  'wallboard.snapshot',
  // The center's event log as the board counts it: ids, times and outcomes, no customer data.
  'wallboard.events',
]);

/** The events a read-only connection hears: its board and the shell's state, never customer data. */
export const readOnlyEvents: ReadonlySet<EventName> = new Set<EventName>([
  'wallboard.changed',
  'settings.changed',
  'status.changed',
]);

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(methods, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

import { z } from 'zod';
import { settingsPatchSchema, settingsSchema } from '../settings';
import { workstationStatusSchema } from '../domain/status';

/**
 * The one declaration of SeatDesk's API. The preload's `window.seatdesk`, the
 * service-side registrar and the WebSocket bridge are all derived from it.
 *
 * Adding a method: declare it here, add a handler in the owning service's
 * `handlers` (electron/), and call it from the renderer with `api.call(...)`.
 * The registrar refuses to start if a handler is missing.
 */

interface MethodSpec<Req extends z.ZodType, Res extends z.ZodType> {
  readonly request: Req;
  readonly response: Res;
  /**
   * True when the method changes state. Read-only connections (a wallboard
   * opened with a token) are refused such methods by the bridge.
   */
  readonly mutates: boolean;
}

function method<Req extends z.ZodType, Res extends z.ZodType>(spec: MethodSpec<Req, Res>): MethodSpec<Req, Res> {
  return spec;
}

/** Methods that take no arguments still take an object, so payloads stay extensible. */
const noArgs = z.strictObject({});

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Which host runs the services: the Electron main process, the web host or the CLI. */
  mode: z.enum(['electron', 'web', 'cli']),
  platform: z.string(),
  dataDir: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  startedAt: z.iso.datetime(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const clientErrorReportSchema = z.strictObject({
  message: z.string().min(1).max(2000),
  stack: z.string().max(8000).optional(),
  /** Where it happened in the UI, e.g. the section route. */
  where: z.string().max(200).optional(),
});

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
} as const;

export const events = {
  'settings.changed': settingsSchema,
  'status.changed': workstationStatusSchema,
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

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(methods, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '../../shared/domain/roles';
import type { EventName } from '../../shared/api/contract';
import type { Handlers } from '../api/registrar';
import { EventBus } from '../api/event-bus';
import { createRegistrar, type CallContext, type Registrar } from '../api/registrar';
import { CenterService } from '../center/center-service';
import { SqlClient } from '../db/sql-client';
import { createLogger, MemorySink } from '../log/logger';
import { tempDir } from '../test-support';
import { WallboardService } from './wallboard-service';

/**
 * A real center and wallboard on a SQLite file in a temporary folder, with a clock the test
 * moves by hand (waits and timers in the figures are exact) and a registrar over the wallboard's
 * handlers, so role and read-only rules are tested as a client meets them.
 */
export async function wallboardHarness(options: { alertCheckMs?: number } = {}) {
  const dir = tempDir('seatdesk-wallboard-');
  let clock = Date.UTC(2026, 2, 10, 9);
  const profile = { displayName: 'Zhang Wei', role: 'supervisor' as Role };
  const sink = new MemorySink();
  const log = createLogger(sink, 'test', () => new Date(clock));
  const db = await SqlClient.open({ file: path.join(dir, 'seatdesk.db'), log });
  const events = new EventBus();
  const deps = { db, events, log, now: () => new Date(clock), dataDir: dir, profile: () => profile };
  const center = new CenterService({ ...deps, training: 'off' });
  const wallboard = new WallboardService({
    ...deps,
    center,
    pushIntervalMs: 20,
    alertCheckMs: options.alertCheckMs ?? 60_000,
  });
  await center.start();
  await wallboard.whenReady();
  const handlers = wallboard.handlers();
  // Only the wallboard's methods are dispatched here; the registrar checks every name, so the rest answer nothing.
  const all = new Proxy(handlers, {
    get: (target, name: string) => (target as Record<string, unknown>)[name] ?? (() => ({})),
  }) as unknown as Handlers;
  const registrar: Registrar = createRegistrar(all, log);

  const call = async (method: string, payload: unknown, context: Partial<CallContext> = {}): Promise<unknown> => {
    const result = await registrar.dispatch(method, payload, {
      transport: 'test',
      readOnly: false,
      client: 'test',
      ...context,
    });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value;
  };

  /** Resolves with the next payload of `name` that satisfies `match`, and whom it was for. */
  const nextFor = <T>(
    name: EventName,
    match: (payload: T) => boolean = () => true,
  ): Promise<{ payload: T; audience: string | undefined }> =>
    new Promise((resolve) => {
      const off = events.subscribe((event, payload, audience) => {
        if (event === name && match(payload as T)) {
          off();
          resolve({ payload: payload as T, audience });
        }
      });
    });
  const next = async <T>(name: EventName, match: (payload: T) => boolean = () => true): Promise<T> =>
    (await nextFor(name, match)).payload;

  return {
    dir,
    db,
    log,
    events,
    center,
    wallboard,
    profile,
    call,
    next,
    nextFor,
    advance: (ms: number) => {
      clock += ms;
    },
    now: () => clock,
    close: async () => {
      await wallboard.close();
      await center.close();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type WallboardHarness = Awaited<ReturnType<typeof wallboardHarness>>;

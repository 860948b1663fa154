import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import type { MethodName, MethodRequest, MethodResponse } from '../../../shared/api/contract';
import type { Role } from '../../../shared/domain/roles';
import { recordingsMethods } from '../../../shared/recordings/contract';
import { EventBus } from '../../api/event-bus';
import type { CallContext, Handler } from '../../api/registrar';
import { databaseFileName } from '../../config';
import { SqlClient } from '../../db/sql-client';
import { createLogger, MemorySink } from '../../log/logger';
import { RecordingsService, type RecordingsServiceDeps } from '../recordings-service';

/** A fresh folder (test-support's tempDir pulls in every service; these tests need only this area). */
export function tempDir(prefix = 'seatdesk-rec-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

type RecordingsMethod = keyof typeof recordingsMethods & MethodName;

export interface Harness {
  readonly service: RecordingsService;
  readonly events: EventBus;
  readonly db: SqlClient;
  readonly sink: MemorySink;
  /** Validates the request and the answer against the contract, like the registrar. */
  call<M extends RecordingsMethod>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M>>;
  /** The error code of a refused call, or 'ok'. */
  refused<M extends RecordingsMethod>(method: M, request: MethodRequest<M>): Promise<string>;
  as(role: Role, displayName?: string): void;
  close(): Promise<void>;
}

const context: CallContext = { transport: 'test', readOnly: false, client: 'test' };

/**
 * The recordings service on a real SQLite file in its worker, without the rest of the services
 * (so these tests depend only on this area). The profile is a plain object the test switches.
 */
export async function recordingsHarness(
  dataDir: string,
  now: () => Date,
  timers?: RecordingsServiceDeps['timers'],
): Promise<Harness> {
  const sink = new MemorySink();
  const log = createLogger(sink, 'recordings', now);
  const db = await SqlClient.open({ file: path.join(dataDir, databaseFileName), log: log.child('sql') });
  const events = new EventBus();
  const profile: { displayName: string; role: Role } = { displayName: 'Agent', role: 'agent' };
  const service = new RecordingsService({
    db,
    events,
    log,
    now,
    dataDir,
    profile: () => ({ ...profile }),
    ...(timers ? { timers } : {}),
  });
  await service.start();
  const handlers = service.handlers() as unknown as Record<string, Handler<MethodName>>;
  const call = async <M extends RecordingsMethod>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M>> => {
    const spec = recordingsMethods[method] as { request: z.ZodType; response: z.ZodType };
    const parsed = spec.request.safeParse(request);
    if (!parsed.success) throw new ApiError('bad_request', `${method}: ${z.prettifyError(parsed.error)}`);
    const handler = handlers[method];
    if (handler === undefined) throw new Error(`no handler for ${method}`);
    const value = await handler(parsed.data as never, context);
    return spec.response.parse(value) as MethodResponse<M>;
  };
  return {
    service,
    events,
    db,
    sink,
    call,
    async refused(method, request) {
      try {
        await call(method, request);
        return 'ok';
      } catch (error) {
        if (error instanceof ApiError) return error.code;
        throw error;
      }
    },
    as(role, displayName = role) {
      profile.role = role;
      profile.displayName = displayName;
    },
    async close() {
      await service.close();
      await db.close();
    },
  };
}

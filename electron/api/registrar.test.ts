import fs from 'node:fs';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames, methods, readOnlyMethods, type MethodName } from '../../shared/api/contract';
import { apiResultSchema, type ApiResult } from '../../shared/api/result';
import { ApiError } from '../../shared/api/errors';
import type { MemorySink } from '../log/logger';
import type { Services } from '../services';
import { testServices } from '../test-support';
import type { CallContext } from './registrar';

const context: CallContext = { transport: 'test', readOnly: false, client: 'fuzz' };
let services: Services;
let sink: MemorySink;
let dataDir: string;

beforeAll(async () => {
  ({ services, sink, dataDir } = await testServices());
});
afterAll(async () => {
  await services.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Field names the request schema knows, so mutations hit real fields with wrong types. */
function knownKeys(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function payloads(method: MethodName): fc.Arbitrary<unknown> {
  const keys = [...knownKeys(methods[method].request), 'extra', '__proto__', 'constructor'];
  return fc.oneof(
    fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
    }),
    fc.dictionary(fc.constantFrom(...keys), fc.anything(), { maxKeys: 4 }),
    fc.record({
      profile: fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom('displayName', 'role', 'x'), fc.anything())),
    }),
    fc.string(),
    fc.constant(undefined),
  );
}

const warnings = (): number => sink.at('warn').length;

describe('every API method, fuzzed with ill-typed payloads', () => {
  it.each(methodNames)('%s answers a clean result and logs each refusal once', async (method) => {
    await fc.assert(
      fc.asyncProperty(payloads(method), async (payload) => {
        const expectedValid = methods[method].request.safeParse(payload).success;
        const before = warnings();
        const result = (await services.registrar.dispatch(method, payload, context)) as ApiResult<unknown>;
        expect(apiResultSchema.safeParse(result).success).toBe(true);
        if (expectedValid) {
          // Valid input is never refused as malformed and never crashes a handler; a domain
          // refusal (no phone account: unavailable, unknown line: not_found) is a fine answer.
          if (!result.ok) expect(['unavailable', 'not_found', 'conflict', 'forbidden']).toContain(result.error.code);
        } else {
          expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
          expect(result.ok ? '' : result.error.message).toContain(method);
          expect(warnings() - before).toBe(1);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refuses names outside the contract', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.string()), async (name) => {
        fc.pre(!methodNames.includes(name as MethodName));
        const result = await services.registrar.dispatch(name, {}, context);
        expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      }),
      { numRuns: 200 },
    );
    // Names that exist on Object.prototype are not methods either.
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      expect(await services.registrar.dispatch(name, {}, context)).toMatchObject({
        ok: false,
        error: { code: 'unknown_method' },
      });
    }
  });

  it('the services still answer after the fuzzing', async () => {
    const result = await services.registrar.dispatch('app.getInfo', {}, context);
    expect(result).toMatchObject({ ok: true, value: { name: 'SeatDesk' } });
  });
});

describe('registrar rules', () => {
  it('refuses mutating methods on read-only connections', async () => {
    const readOnly = { ...context, readOnly: true };
    expect(await services.registrar.dispatch('settings.update', { theme: 'dark' }, readOnly)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await services.registrar.dispatch('settings.get', {}, readOnly)).toMatchObject({ ok: true });
  });

  it('keeps customer data from read-only connections (a wall screen), even for reads', async () => {
    const readOnly = { ...context, readOnly: true };
    for (const method of [
      'customers.find',
      'chat.messages',
      'tickets.list',
      'recordings.search',
      'kb.search',
    ] as const) {
      const payload =
        method === 'customers.find'
          ? { query: '138' }
          : method === 'chat.messages'
            ? { interactionId: 'x' }
            : method === 'kb.search'
              ? { query: 'x' }
              : {};
      expect(await services.registrar.dispatch(method, payload, readOnly), method).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    // Every method a read-only connection may call is one that changes nothing.
    for (const method of readOnlyMethods) expect(methods[method].mutates, method).toBe(false);
  });

  it('answers valid calls with the contract response', async () => {
    const updated = await services.registrar.dispatch(
      'settings.update',
      { theme: 'dark', profile: { role: 'qa' } },
      context,
    );
    expect(updated).toMatchObject({ ok: true, value: { theme: 'dark', profile: { role: 'qa' } } });
  });

  it('maps thrown errors: ApiError keeps its code, anything else is internal and logged', async () => {
    const { createRegistrar } = await import('./registrar');
    const { createLogger, MemorySink: Sink } = await import('../log/logger');
    const local = new Sink();
    const handlers = Object.fromEntries(
      methodNames.map((m) => [
        m,
        () => {
          throw new Error(`secret detail ${m}`);
        },
      ]),
    );
    handlers['status.get'] = () => {
      throw new ApiError('not_found', 'gone');
    };
    const registrar = createRegistrar(handlers as never, createLogger(local));
    expect(await registrar.dispatch('status.get', {}, context)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'gone' },
    });
    const internal = await registrar.dispatch('app.getInfo', {}, context);
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('secret detail');
    expect(local.at('error')).toHaveLength(1);
  });

  it('refuses a handler answer outside the contract', async () => {
    const { createRegistrar } = await import('./registrar');
    const { createLogger, MemorySink: Sink } = await import('../log/logger');
    const handlers = Object.fromEntries(methodNames.map((m) => [m, () => ({ wrong: true })]));
    const registrar = createRegistrar(handlers as never, createLogger(new Sink()));
    expect(await registrar.dispatch('status.get', {}, context)).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('will not start with a method left unhandled', async () => {
    const { createRegistrar } = await import('./registrar');
    const { createLogger, MemorySink: Sink } = await import('../log/logger');
    expect(() => createRegistrar({} as never, createLogger(new Sink()))).toThrow(/No handler registered/);
  });
});

import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxFrameBytes, serverFrameSchema, type ServerFrame } from '../../shared/api/wire';
import type { Services } from '../services';
import { tempDir, testServices } from '../test-support';
import { startWebServer, type WebServer } from './web-server';

let services: Services;
let server: WebServer;
let dataDir: string;
const staticDir = tempDir('seatdesk-static-');

beforeAll(async () => {
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>SeatDesk</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
  ({ services, dataDir } = await testServices());
  server = await startWebServer({ services, staticDir, port: 0, bindAddress: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
  await services.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(staticDir, { recursive: true, force: true });
});

function get(
  urlPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: server.port, path: urlPath, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** A bridge client that hands out frames in order, awaiting each one. */
class Client {
  readonly ws: WebSocket;
  readonly #frames: ServerFrame[] = [];
  readonly #waiters: Array<(frame: ServerFrame) => void> = [];
  readonly closed: Promise<number>;

  constructor(headers: Record<string, string> = {}, query = '') {
    this.ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    this.ws.on('message', (data) => {
      const frame = serverFrameSchema.parse(JSON.parse(data.toString()));
      const waiter = this.#waiters.shift();
      if (waiter) waiter(frame);
      else this.#frames.push(frame);
    });
    this.closed = new Promise((resolve) => this.ws.on('close', (code) => resolve(code)));
  }

  next(): Promise<ServerFrame> {
    const frame = this.#frames.shift();
    return frame ? Promise.resolve(frame) : new Promise((resolve) => this.#waiters.push(resolve));
  }

  async nextOf<T extends ServerFrame['t']>(t: T): Promise<Extract<ServerFrame, { t: T }>> {
    for (;;) {
      const frame = await this.next();
      if (frame.t === t) return frame as Extract<ServerFrame, { t: T }>;
    }
  }

  async call(method: string, payload: unknown, id = 1): Promise<Extract<ServerFrame, { t: 'result' }>> {
    this.ws.send(JSON.stringify({ t: 'call', id, method, payload }));
    return this.nextOf('result');
  }
}

async function connected(headers?: Record<string, string>): Promise<Client> {
  const client = new Client(headers);
  expect((await client.next()).t).toBe('hello');
  return client;
}

describe('web host HTTP', () => {
  it('serves the app shell with a CSP, and client routes get the shell too', async () => {
    const root = await get('/');
    expect(root.status).toBe(200);
    expect(root.headers['content-security-policy']).toContain("script-src 'self'");
    expect(root.headers['cache-control']).toBe('no-cache');
    expect((await get('/workspace/tickets')).body).toContain('<title>SeatDesk</title>');
    // The wallboard route is the one client route behind a token: a wrong one gets 401 and nothing else.
    const wallboard = await get('/wallboard?token=x');
    expect(wallboard.status).toBe(401);
    expect(wallboard.body).toBe('Unauthorized\n');
  });

  it('caches hashed assets for good and 404s missing ones', async () => {
    const asset = await get('/assets/app-1234.js');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await get('/assets/nope.js')).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    // A real file right beside the served folder: reaching it would be a traversal.
    const secret = `${staticDir}-secret.txt`;
    fs.writeFileSync(secret, 'top secret');
    const name = path.basename(secret);
    try {
      for (const attempt of [
        `/..%2f${name}`,
        `/assets/..%2f..%2f${name}`,
        `/%2e%2e%2f${name}`,
        `/assets/%2e%2e%2f%2e%2e%2f${name}`,
        '/%00.js',
        '/%E0%A4%A.js',
      ]) {
        const response = await get(attempt);
        expect(response.status, attempt).toBe(404);
        expect(response.body, attempt).not.toContain('top secret');
      }
    } finally {
      fs.rmSync(secret);
    }
  });

  const lanAddress = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i?.family === 'IPv4' && !i.internal)?.address;

  it.skipIf(lanAddress === undefined)('on a LAN bind, other machines may read but not change anything', async () => {
    const lan = await startWebServer({ services, staticDir, port: 0, bindAddress: '0.0.0.0' });
    try {
      const ws = new WebSocket(`ws://${lanAddress}:${lan.port}/api`);
      const frames: ServerFrame[] = [];
      const next = (): Promise<ServerFrame> =>
        new Promise((resolve) =>
          ws.once('message', (data) => resolve(serverFrameSchema.parse(JSON.parse(data.toString())))),
        );
      frames.push(await next());
      expect(frames[0]).toMatchObject({ t: 'hello', readOnly: true });
      ws.send(JSON.stringify({ t: 'call', id: 1, method: 'settings.update', payload: { theme: 'dark' } }));
      expect(await next()).toMatchObject({ id: 1, result: { ok: false, error: { code: 'forbidden' } } });
      ws.send(JSON.stringify({ t: 'call', id: 2, method: 'settings.get', payload: {} }));
      expect(await next()).toMatchObject({ id: 2, result: { ok: true } });
      ws.close();
    } finally {
      await lan.close();
    }
  });

  it('a wallboard token opens a read-only bridge, and revoking it closes the screens already open', async () => {
    await services.settings.update({ profile: { role: 'supervisor' } });
    const { token, info } = await services.wallboard.createToken('Lobby TV');
    const origin = { Origin: `http://127.0.0.1:${server.port}` };
    const screen = new Client(origin, `?wallboard=${encodeURIComponent(token)}`);
    expect(await screen.nextOf('hello')).toMatchObject({ readOnly: true });
    const agent = new Client(origin);
    await agent.nextOf('hello');
    await services.wallboard.revokeToken(info.id);
    expect(await screen.closed).toBe(4401);
    // Only that screen: the agent's own connection stays.
    agent.ws.send(JSON.stringify({ t: 'call', id: 1, method: 'status.get', payload: {} }));
    expect(await agent.nextOf('result')).toMatchObject({ id: 1, result: { ok: true } });
    agent.ws.close();
    await services.settings.update({ profile: { role: 'agent' } });
  });

  it('refuses a Host header that is not ours (DNS rebinding)', async () => {
    expect((await get('/', { Host: 'attacker.example' })).status).toBe(421);
  });

  it('has a health check', async () => {
    expect(JSON.parse((await get('/healthz')).body)).toMatchObject({ ok: true, version: services.info.version });
  });
});

describe('WebSocket bridge', () => {
  it('answers calls with the same results as every transport', async () => {
    const client = await connected();
    const frame = await client.call('settings.get', {}, 7);
    expect(frame).toMatchObject({ id: 7, result: { ok: true, value: { theme: expect.any(String) } } });
    client.ws.close();
  });

  it('refuses cross-site pages (Origin not ours)', async () => {
    const client = new Client({ Origin: 'https://evil.example' });
    await expect(new Promise((_, reject) => client.ws.on('error', reject))).rejects.toThrow(/403/);
  });

  it('survives clients that reset the connection while being refused', async () => {
    // Each refusal writes a 403 to a socket the client already reset; none may become an uncaught error.
    for (let i = 0; i < 100; i++) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(server.port, '127.0.0.1', () => {
          socket.write(
            `GET /api HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: https://evil.example\r\n` +
              'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
          );
          socket.resetAndDestroy();
        });
        socket.on('error', () => undefined);
        socket.on('close', () => resolve());
      });
    }
    expect(JSON.parse((await get('/healthz')).body)).toMatchObject({ ok: true });
  });

  it('pushes events to every connected client', async () => {
    const a = await connected({ Origin: `http://127.0.0.1:${server.port}` });
    const b = await connected();
    await a.call('settings.update', { theme: 'dark' });
    const event = await b.nextOf('event');
    expect(event).toMatchObject({ name: 'settings.changed', payload: { theme: 'dark' } });
    a.ws.close();
    b.ws.close();
  });

  it('answers garbage frames with an error and keeps the connection', async () => {
    const client = await connected();
    client.ws.send('not json at all');
    expect(await client.nextOf('error')).toMatchObject({ code: 'bad_request' });
    client.ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { binary: true });
    expect(await client.nextOf('error')).toMatchObject({ code: 'bad_request' });
    client.ws.send(JSON.stringify({ t: 'call', id: 5 }));
    expect(await client.nextOf('result')).toMatchObject({
      id: 5,
      result: { ok: false, error: { code: 'bad_request' } },
    });
    client.ws.send('[1,2,3]');
    expect(await client.nextOf('error')).toMatchObject({ code: 'bad_request' });
    expect(await client.call('nope.nothing', {})).toMatchObject({
      result: { ok: false, error: { code: 'unknown_method' } },
    });
    expect(await client.call('app.getInfo', {})).toMatchObject({ result: { ok: true } });
    client.ws.close();
  });

  it('answers every random frame exactly once, then still serves calls', async () => {
    const client = await connected();
    let sentinel = 1_000_000;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ t: 'call', id: 1, method: 'settings.update', payload: v })),
        ),
        async (text) => {
          client.ws.send(text);
          // A valid call after each random frame. Answers may come in any order (ids pair them);
          // an extra answer to a random frame would show up as a stray frame in the next round.
          const id = ++sentinel;
          client.ws.send(JSON.stringify({ t: 'call', id, method: 'app.getInfo', payload: {} }));
          const answers: ServerFrame[] = [];
          let sentinelAnswered = false;
          while (!sentinelAnswered || answers.length === 0) {
            const frame = await client.next();
            if (frame.t === 'result' && frame.id === id) {
              expect(frame.result.ok).toBe(true);
              sentinelAnswered = true;
            } else if (frame.t !== 'event') answers.push(frame);
          }
          expect(answers).toHaveLength(1);
          expect(['error', 'result']).toContain(answers[0]?.t);
        },
      ),
      { numRuns: 200 },
    );
    client.ws.close();
  });

  it('drops an oversized frame by closing that one connection, and serves the next', async () => {
    const client = await connected();
    client.ws.send('x'.repeat(maxFrameBytes + 1));
    expect(await client.closed).toBe(1009);
    const again = await connected();
    expect(await again.call('status.get', {})).toMatchObject({ result: { ok: true } });
    again.ws.close();
  });
});

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { bridgePath, serverFrameSchema } from '../../shared/api/wire';
import { WsBridge } from '../host/ws-bridge';
import type { Services } from '../services';
import { tempDir, testServices } from '../test-support';
import { handleWallboardRequest, wallboardUpgrade } from './wallboard-http';

/**
 * A small HTTP server of our own that wires the two functions the way the web host is to:
 * /wallboard through handleWallboardRequest, bridge upgrades with ?wallboard= through
 * wallboardUpgrade into a real WsBridge.
 */
let services: Services;
let dataDir: string;
let staticDir: string;
let server: http.Server;
let bridge: WsBridge;
let base: string;
let token: string;
let tokenId: string;

beforeAll(async () => {
  ({ services, dataDir } = await testServices());
  await services.wallboard.whenReady();
  await services.settings.update({ profile: { role: 'supervisor' } });
  staticDir = tempDir('seatdesk-wallboard-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>SeatDesk</title><div id="root"></div>');
  bridge = new WsBridge({
    registrar: services.registrar,
    events: services.events,
    log: services.log,
    instance: 'test',
  });
  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://host.invalid');
    void handleWallboardRequest(services, request, response, url, { staticDir }).then((handled) => {
      if (!handled) response.writeHead(404).end('not ours\n');
    });
  });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://host.invalid');
    if (url.pathname !== bridgePath) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    if (!url.searchParams.has('wallboard')) {
      bridge.handleUpgrade(request, socket, head, { readOnly: false, remote: 'test' });
      return;
    }
    void wallboardUpgrade(services, url).then((decision) => {
      if (decision === 'refused') socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
      else bridge.handleUpgrade(request, socket, head, { readOnly: true, remote: 'test' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const created = await services.wallboard.createToken('TV');
  token = created.token;
  tokenId = created.info.id;
});

afterAll(async () => {
  await bridge.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await services.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(staticDir, { recursive: true, force: true });
});

/** Opens the bridge with a wallboard token; resolves with the hello frame or the refusal status. */
function openBridge(query: string): Promise<{ ws: WebSocket; readOnly: boolean } | { status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}${bridgePath}${query}`);
    ws.once('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    ws.once('message', (data) => {
      const frame = serverFrameSchema.parse(JSON.parse(data.toString()));
      if (frame.t === 'hello') resolve({ ws, readOnly: frame.readOnly });
    });
    ws.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

function call(
  ws: WebSocket,
  id: number,
  method: string,
  payload: unknown,
): Promise<{ ok: boolean; error?: { code: string } }> {
  return new Promise((resolve) => {
    const listener = (data: Buffer): void => {
      const frame = serverFrameSchema.parse(JSON.parse(data.toString()));
      if (frame.t === 'result' && frame.id === id) {
        ws.off('message', listener);
        resolve(frame.result as never);
      }
    };
    ws.on('message', listener);
    ws.send(JSON.stringify({ t: 'call', id, method, payload }));
  });
}

describe('GET /wallboard', () => {
  it('serves the app shell for a valid token', async () => {
    const response = await fetch(`${base}/wallboard?token=${encodeURIComponent(token)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toContain('<div id="root">');
  });

  it.each([
    ['missing', ''],
    ['wrong', `?token=${tokenId}.${'A'.repeat(43)}`],
    ['garbage', '?token=%00%01'],
  ])('answers 401 and nothing else for a %s token', async (_label, query) => {
    const response = await fetch(`${base}/wallboard${query}`);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('Unauthorized\n');
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('leaves other paths to the caller', async () => {
    const response = await fetch(`${base}/wallboards?token=${encodeURIComponent(token)}`);
    expect(await response.text()).toBe('not ours\n');
  });
});

describe('the bridge with ?wallboard=', () => {
  it('is read-only with a valid token: reads work, mutating calls are refused', async () => {
    const opened = await openBridge(`?wallboard=${encodeURIComponent(token)}`);
    if (!('ws' in opened)) throw new Error(`refused with ${opened.status}`);
    expect(opened.readOnly).toBe(true);
    expect(await call(opened.ws, 1, 'wallboard.snapshot', {})).toMatchObject({ ok: true });
    expect(await call(opened.ws, 2, 'settings.update', { theme: 'dark' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call(opened.ws, 3, 'wallboard.revokeToken', { id: tokenId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    opened.ws.close();
  });

  it('hears its board and the shell, never customer events', async () => {
    const opened = await openBridge(`?wallboard=${encodeURIComponent(token)}`);
    if (!('ws' in opened)) throw new Error(`refused with ${opened.status}`);
    const names: string[] = [];
    opened.ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { t: string; name?: string };
      if (frame.t === 'event' && frame.name) names.push(frame.name);
    });
    const settled = new Promise<void>((resolve) =>
      opened.ws.on('message', (data) => {
        if ((JSON.parse(data.toString()) as { name?: string }).name === 'status.changed') resolve();
      }),
    );
    // A chat message event carries a customer's words; the status event is the last one sent.
    services.events.emit('center.customerChanged', {
      id: 'c1',
      name: '王芳',
      phones: ['13800138000'],
      email: '',
      chatIdentity: null,
      vip: 'none',
      tags: [],
      notes: '',
      createdAt: 0,
    });
    services.events.emit('status.changed', services.status.get());
    await settled;
    expect(names).toEqual(['status.changed']);
    opened.ws.close();
  });

  it('is refused with a wrong token, and with a revoked one (the page too)', async () => {
    expect(await openBridge('?wallboard=nope')).toEqual({ status: 401 });
    const second = await services.wallboard.createToken('Lobby');
    expect(await wallboardUpgrade(services, new URL(`http://x/api?wallboard=${second.token}`))).toBe('read-only');
    await services.wallboard.revokeToken(second.info.id);
    expect(await openBridge(`?wallboard=${encodeURIComponent(second.token)}`)).toEqual({ status: 401 });
    expect((await fetch(`${base}/wallboard?token=${encodeURIComponent(second.token)}`)).status).toBe(401);
  });
});

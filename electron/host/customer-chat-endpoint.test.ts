import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerNotice, CustomerRequest } from '../../shared/center/customer-protocol';
import { chatLimits } from '../../shared/center/limits';
import { serverFrameSchema, type ServerFrame } from '../../shared/api/wire';
import type { CustomerGateway, CustomerSession } from '../center/customer-gateway';
import type { MemorySink } from '../log/logger';
import type { Services } from '../services';
import { tempDir, testServices } from '../test-support';
import { CustomerChatEndpoint, customerMaxFrameBytes } from './customer-chat-endpoint';
import { startWebServer, type WebServer } from './web-server';

// ── a fake center: what the lead's real gateway will plug in behind the same interface ──

class FakeSession implements CustomerSession {
  readonly requests: CustomerRequest[] = [];
  readonly notify: (notice: CustomerNotice) => void;
  detachCount = 0;
  readonly detached: Promise<void>;
  #onDetach: () => void = () => undefined;
  #seq = 0;

  constructor(notify: (notice: CustomerNotice) => void) {
    this.notify = notify;
    this.detached = new Promise((resolve) => (this.#onDetach = resolve));
  }

  async handle(request: CustomerRequest): Promise<void> {
    this.requests.push(request);
    switch (request.type) {
      case 'start':
        this.notify({
          type: 'started',
          token: 'token-0123456789abcdef',
          queueName: 'Orders',
          state: 'waiting',
          agentName: null,
          messages: [],
          rated: null,
        });
        return;
      case 'send':
        if (request.text === 'explode') throw new Error('the fake center broke');
        this.notify({
          type: 'message',
          message: {
            id: `m${++this.#seq}`,
            seq: this.#seq,
            from: 'customer',
            authorName: 'Wang Fang',
            text: request.text,
            attachment: null,
            at: Date.now(),
            delivery: 'delivered',
          },
        });
        return;
      case 'rate':
        this.notify({ type: 'rated', score: request.score });
        return;
      default:
        return;
    }
  }

  detach(): void {
    this.detachCount++;
    this.#onDetach();
  }
}

class FakeGateway implements CustomerGateway {
  readonly sessions: FakeSession[] = [];
  readonly #waiters: Array<(session: FakeSession) => void> = [];

  async chatQueues(): Promise<ReadonlyArray<{ id: string; name: string }>> {
    return [
      { id: 'orders', name: 'Orders & delivery' },
      { id: 'after-sales', name: '售后服务' },
    ];
  }

  open(notify: (notice: CustomerNotice) => void): CustomerSession {
    const session = new FakeSession(notify);
    this.sessions.push(session);
    this.#waiters.shift()?.(session);
    return session;
  }

  /** The session the next connection opens. */
  nextSession(): Promise<FakeSession> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}

// ── a customer on a real WebSocket ──

type NoticeOf<T extends CustomerNotice['type']> = Extract<CustomerNotice, { type: T }>;

class Customer {
  readonly ws: WebSocket;
  readonly frames: unknown[] = [];
  readonly #waiters: Array<(frame: unknown) => void> = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(port: number, headers: Record<string, string> = {}, urlPath = '/chat/ws') {
    this.ws = new WebSocket(`ws://127.0.0.1:${port}${urlPath}`, { headers, maxPayload: 64 * 1024 * 1024 });
    this.ws.on('message', (data: Buffer) => {
      const frame: unknown = JSON.parse(data.toString());
      const waiter = this.#waiters.shift();
      if (waiter) waiter(frame);
      else this.frames.push(frame);
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      this.ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  next(): Promise<unknown> {
    if (this.frames.length > 0) return Promise.resolve(this.frames.shift());
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  async nextNotice(): Promise<CustomerNotice> {
    return (await this.next()) as CustomerNotice;
  }

  async nextOf<T extends CustomerNotice['type']>(type: T): Promise<NoticeOf<T>> {
    for (;;) {
      const notice = await this.nextNotice();
      if (notice.type === type) return notice as NoticeOf<T>;
    }
  }

  send(request: CustomerRequest | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(request));
  }

  async start(): Promise<NoticeOf<'started'>> {
    this.send({ type: 'start', queueId: 'orders', name: 'Wang Fang', identity: 'wang@example.cn', locale: 'zh-CN' });
    const notice = await this.nextNotice();
    expect(notice.type).toBe('started');
    return notice as NoticeOf<'started'>;
  }
}

let services: Services;
let sink: MemorySink;
let server: WebServer;
let dataDir: string;
const gateway = new FakeGateway();
const staticDir = tempDir('seatdesk-static-');
const chatDir = tempDir('seatdesk-chat-');
const articles = new Map([['refund-policy', '<!doctype html><title>Refunds</title><h1>Refunds</h1>']]);
const articleCalls: string[] = [];

beforeAll(async () => {
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>SeatDesk agent</title>');
  fs.writeFileSync(path.join(chatDir, 'index.html'), '<!doctype html><title>Customer chat</title>');
  fs.mkdirSync(path.join(chatDir, 'assets'));
  fs.writeFileSync(path.join(chatDir, 'assets', 'chat-ABC123.js'), 'console.log("chat")');
  ({ services, sink, dataDir } = await testServices());
  server = await startWebServer({
    services,
    staticDir,
    customerChatDir: chatDir,
    port: 0,
    bindAddress: '127.0.0.1',
    customerGateway: gateway,
    publicArticle: async (id) => {
      articleCalls.push(id);
      return articles.get(id) ?? null;
    },
    // Short, so a silent peer is found within the test; real clients answer pings by themselves.
    heartbeatMs: 100,
  });
});
afterAll(async () => {
  await server.close();
  await services.close();
  for (const dir of [dataDir, staticDir, chatDir]) fs.rmSync(dir, { recursive: true, force: true });
});

async function connect(headers?: Record<string, string>): Promise<{ customer: Customer; session: FakeSession }> {
  const opened = gateway.nextSession();
  const customer = new Customer(server.port, headers);
  await customer.opened;
  return { customer, session: await opened };
}

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

const refusals = (msg: string): number => sink.records.filter((r) => r.msg === msg).length;

describe('customer chat WebSocket (/chat/ws)', () => {
  it('starts a chat, sends messages, and forwards everything the session says', async () => {
    const { customer, session } = await connect({ Origin: `http://127.0.0.1:${server.port}` });
    const started = await customer.start();
    expect(started).toMatchObject({ token: expect.any(String), queueName: 'Orders', state: 'waiting' });
    expect(session.requests[0]).toEqual({
      type: 'start',
      queueId: 'orders',
      name: 'Wang Fang',
      identity: 'wang@example.cn',
      locale: 'zh-CN',
    });

    customer.send({ type: 'send', text: '我要退款 <script>alert(1)</script>', clientId: 'c1' });
    const echo = await customer.nextOf('message');
    expect(echo.message).toMatchObject({ from: 'customer', text: '我要退款 <script>alert(1)</script>' });

    // Whatever the center tells the session reaches the customer, in order.
    session.notify({ type: 'state', state: 'connected', agentName: 'Li Na' });
    session.notify({ type: 'agentTyping', typing: true });
    session.notify({ type: 'rateRequest' });
    expect(await customer.nextNotice()).toEqual({ type: 'state', state: 'connected', agentName: 'Li Na' });
    expect(await customer.nextNotice()).toEqual({ type: 'agentTyping', typing: true });
    expect(await customer.nextNotice()).toEqual({ type: 'rateRequest' });

    customer.send({ type: 'rate', score: 4 });
    expect(await customer.nextNotice()).toEqual({ type: 'rated', score: 4 });
    customer.ws.close();
    await session.detached;
  });

  it('keeps a customer’s requests in order even when the session is slow', async () => {
    const { customer, session } = await connect();
    await customer.start();
    for (let i = 1; i <= 5; i++) customer.send({ type: 'send', text: `line ${i}`, clientId: `c${i}` });
    const texts: string[] = [];
    for (let i = 0; i < 5; i++) texts.push((await customer.nextOf('message')).message.text);
    expect(texts).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
    expect(session.requests.map((r) => r.type)).toEqual(['start', 'send', 'send', 'send', 'send', 'send']);
    customer.ws.close();
  });

  it('answers bad frames with an error notice, logs once per connection, and keeps serving', async () => {
    const before = refusals('customer frame refused');
    const { customer, session } = await connect();
    const bad: Array<string | Buffer> = [
      'not json at all',
      Buffer.from([0xde, 0xad, 0xbe, 0xef]),
      '[1,2,3]',
      'null',
      JSON.stringify({ type: 'unknown' }),
      JSON.stringify({ type: 'start' }),
      JSON.stringify({ type: 'rate', score: 9 }),
      JSON.stringify({ type: 'send', text: 'hi', clientId: 'x', extra: true }),
      JSON.stringify({ type: 'resume', token: 'short' }),
    ];
    for (const frame of bad) {
      customer.ws.send(frame, { binary: Buffer.isBuffer(frame) });
      const notice = await customer.nextNotice();
      expect(notice, String(frame)).toMatchObject({ type: 'error', code: 'bad_request', message: expect.any(String) });
    }
    // Nothing malformed ever reached the session.
    expect(session.requests).toEqual([]);
    expect(refusals('customer frame refused') - before).toBe(1);
    // Still a working chat, and a healthy host.
    await customer.start();
    expect(JSON.parse((await get('/healthz')).body)).toMatchObject({ ok: true });
    customer.ws.close();
    await session.detached;
    // The rest are summed up once when the connection closes.
    const summary = sink.records.filter((r) => r.msg === 'customer frames refused').at(-1);
    expect(summary?.fields).toMatchObject({ count: bad.length });
  });

  it('says why a text or a file is too large (below the frame cap: an error notice)', async () => {
    const { customer, session } = await connect();
    await customer.start();
    customer.send({ type: 'send', text: 'x'.repeat(chatLimits.textChars + 1), clientId: 'long' });
    expect(await customer.nextNotice()).toMatchObject({ type: 'error', code: 'too_large', message: /4000/ });
    const tooBig = 'A'.repeat(Math.ceil((chatLimits.attachmentBytes * 4) / 3) + 100);
    customer.send({
      type: 'send',
      text: '',
      clientId: 'file',
      attachment: { name: 'big.png', mime: 'image/png', dataBase64: tooBig },
    });
    expect(await customer.nextNotice()).toMatchObject({ type: 'error', code: 'too_large', message: /10 MB/ });
    expect(session.requests.map((r) => r.type)).toEqual(['start']);
    customer.ws.close();
  });

  it('closes a frame beyond the size cap (1009) without reading it, detaches, and serves the next customer', async () => {
    expect(customerMaxFrameBytes).toBeGreaterThan(Math.ceil((chatLimits.attachmentBytes * 4) / 3));
    expect(customerMaxFrameBytes).toBeLessThan(chatLimits.attachmentBytes * 1.5);
    const { customer, session } = await connect();
    customer.ws.send('x'.repeat(customerMaxFrameBytes + 1));
    expect((await customer.closed).code).toBe(1009);
    await session.detached;
    const { customer: next } = await connect();
    await next.start();
    next.ws.close();
  });

  it('refuses a page from another site (Origin not ours)', async () => {
    const customer = new Customer(server.port, { Origin: 'https://evil.example' });
    await expect(customer.opened).rejects.toThrow(/403/);
    const sneaky = new Customer(server.port, { Origin: `http://127.0.0.1:${server.port}.evil.example` });
    await expect(sneaky.opened).rejects.toThrow(/403/);
  });

  it('detaches the session once when the customer goes away, after what they sent last', async () => {
    const { customer, session } = await connect();
    await customer.start();
    // The tab closes right after a message: the message still reaches the center, then the detach.
    customer.send({ type: 'send', text: 'bye', clientId: 'last' });
    customer.ws.close();
    await session.detached;
    expect(session.requests.at(-1)).toMatchObject({ type: 'send', text: 'bye' });
    expect(session.detachCount).toBe(1);
  });

  it('detaches a customer that stops answering pings (a dead connection)', async () => {
    const opened = gateway.nextSession();
    // A raw handshake and then silence: no pong ever comes back.
    const socket = net.connect(server.port, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `GET /chat/ws HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    const session = await opened;
    // The socket is never read (paused), so it never answers the server's pings.
    await session.detached;
    expect(session.detachCount).toBe(1);
    expect(server.customerChat.clientCount).toBe(0);
    socket.destroy();
  });

  it('a session that throws still answers the customer, and the connection stays usable', async () => {
    const { customer } = await connect();
    await customer.start();
    customer.send({ type: 'send', text: 'explode', clientId: 'boom' });
    expect(await customer.nextNotice()).toMatchObject({ type: 'error', code: 'internal' });
    customer.send({ type: 'send', text: 'still here', clientId: 'after' });
    expect((await customer.nextOf('message')).message.text).toBe('still here');
    customer.ws.close();
  });
});

describe('customer and agent stay apart', () => {
  it('/chat/ws never runs agent API calls, and agent events never reach it', async () => {
    const { customer, session } = await connect();
    customer.send({ t: 'call', id: 1, method: 'settings.update', payload: { theme: 'dark' } });
    expect(await customer.nextNotice()).toMatchObject({ type: 'error', code: 'bad_request' });
    customer.send({ t: 'call', id: 2, method: 'settings.get', payload: {} });
    expect(await customer.nextNotice()).toMatchObject({ type: 'error', code: 'bad_request' });
    expect(services.settings.get().theme).not.toBe('dark');

    // An agent changes a setting on the bridge: its event reaches agents only.
    const agent = new WebSocket(`ws://127.0.0.1:${server.port}/api`);
    const agentFrames: ServerFrame[] = [];
    const sawEvent = new Promise<void>((resolve) =>
      agent.on('message', (data: Buffer) => {
        const frame = serverFrameSchema.parse(JSON.parse(data.toString()));
        agentFrames.push(frame);
        if (frame.t === 'event' && frame.name === 'settings.changed') resolve();
      }),
    );
    await new Promise<void>((resolve) => agent.once('open', () => resolve()));
    agent.send(JSON.stringify({ t: 'call', id: 1, method: 'settings.update', payload: { theme: 'light' } }));
    await sawEvent;
    // The customer's next frame is the answer to its own next request, nothing in between.
    await customer.start();
    expect(customer.frames).toEqual([]);
    expect(session.requests.map((r) => r.type)).toEqual(['start']);
    agent.close();
    customer.ws.close();
  });

  it('the agent bridge (/api) refuses the customer protocol and opens no customer session', async () => {
    const sessions = gateway.sessions.length;
    const agent = new WebSocket(`ws://127.0.0.1:${server.port}/api`);
    const frames: ServerFrame[] = [];
    const waiters: Array<(f: ServerFrame) => void> = [];
    agent.on('message', (data: Buffer) => {
      const frame = serverFrameSchema.parse(JSON.parse(data.toString()));
      const waiter = waiters.shift();
      if (waiter) waiter(frame);
      else frames.push(frame);
    });
    const next = (): Promise<ServerFrame> =>
      frames.length > 0 ? Promise.resolve(frames.shift()!) : new Promise((resolve) => waiters.push(resolve));
    expect((await next()).t).toBe('hello');
    agent.send(JSON.stringify({ type: 'start', queueId: 'orders', name: 'Mallory', identity: '', locale: 'en' }));
    expect(await next()).toMatchObject({ t: 'error', code: 'bad_request' });
    expect(gateway.sessions.length).toBe(sessions);
    agent.close();
  });

  it('WebSocket paths other than /api and /chat/ws are refused', async () => {
    const stray = new Customer(server.port, {}, '/chat/ws/more');
    await expect(stray.opened).rejects.toThrow(/404/);
    const other = new Customer(server.port, {}, '/chat');
    await expect(other.opened).rejects.toThrow(/404/);
  });
});

describe('customer pages over HTTP', () => {
  it('serves the chat page for /chat, with or without a queue and language', async () => {
    for (const url of ['/chat', '/chat/', '/chat?queue=orders&lng=zh-CN']) {
      const page = await get(url);
      expect(page.status, url).toBe(200);
      expect(page.body, url).toContain('<title>Customer chat</title>');
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['cache-control']).toBe('no-cache');
    }
    // The agent app is still where it was.
    expect((await get('/')).body).toContain('SeatDesk agent');
    expect((await get('/settings')).body).toContain('SeatDesk agent');
  });

  it('gives the chat page a CSP that allows scripts from us only and connections only under /chat/', async () => {
    const page = await get('/chat');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("'unsafe-inline'");
    const connect = csp.split(';').find((d) => d.trim().startsWith('connect-src')) ?? '';
    // Not 'self': that would let a script on the page open the agent bridge at /api.
    expect(connect).not.toContain("'self'");
    expect(connect).toContain(`ws://127.0.0.1:${server.port}/chat/ws`);
    expect(connect).not.toMatch(/\/api/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['permissions-policy']).toContain('microphone=()');
  });

  it('serves the page’s hashed assets for good, and 404s what is not there', async () => {
    const asset = await get('/chat/assets/chat-ABC123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await get('/chat/assets/nope.js')).status).toBe(404);
    expect((await get('/chat/..%2findex.html')).status).toBe(404);
    expect((await get('/chat/..%2f..%2fetc%2fpasswd')).status).toBe(404);
  });

  it('lists the chat queues from the gateway', async () => {
    const response = await get('/chat/queues.json');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(response.body)).toEqual({
      queues: [
        { id: 'orders', name: 'Orders & delivery' },
        { id: 'after-sales', name: '售后服务' },
      ],
    });
  });

  it('serves public help articles with no script at all, and 404s unknown or malformed ids', async () => {
    const article = await get('/help/refund-policy');
    expect(article.status).toBe(200);
    expect(article.body).toContain('<h1>Refunds</h1>');
    expect(article.headers['content-security-policy']).toContain("script-src 'none'");
    expect(article.headers['content-security-policy']).toContain("connect-src 'none'");
    expect((await get('/help/no-such-article')).status).toBe(404);
    articleCalls.length = 0;
    for (const bad of ['/help/', '/help/Refund', '/help/..%2f..%2fetc', '/help/a%00b', `/help/${'a'.repeat(200)}`]) {
      const response = await get(bad);
      expect(response.status, bad).toBe(404);
      expect(response.headers['content-security-policy'], bad).toBeDefined();
    }
    // Malformed ids never reach the knowledge base.
    expect(articleCalls).toEqual([]);
  });

  it('by default serves the knowledge base’s customer-facing articles, and never internal ones', async () => {
    const real = await startWebServer({
      services,
      staticDir,
      customerChatDir: chatDir,
      port: 0,
      bindAddress: '127.0.0.1',
      customerGateway: gateway,
    });
    try {
      await services.settings.update({ profile: { role: 'supervisor' } });
      const save = async (input: Record<string, unknown>): Promise<{ id: string }> => {
        const result = await services.registrar.dispatch('kb.save', input, {
          transport: 'test',
          readOnly: false,
          client: 'test',
        });
        if (!result.ok) throw new Error(result.error.message);
        return result.value as { id: string };
      };
      const open = await save({
        title: 'Refunds within 5 days',
        body: 'Within **5 days**. <script>alert(1)</script>',
        language: 'en',
        audience: 'customer',
      });
      const internal = await save({ title: 'Refund tricks', body: 'for agents', language: 'en', audience: 'internal' });
      const fetch = (urlPath: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          http
            .get({ host: '127.0.0.1', port: real.port, path: urlPath }, (response) => {
              let body = '';
              response.on('data', (chunk: Buffer) => (body += chunk.toString()));
              response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
            })
            .on('error', reject);
        });
      const page = await fetch(`/help/${open.id}`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Refunds within 5 days');
      expect(page.body).not.toContain('<script>');
      expect((await fetch(`/help/${internal.id}`)).status).toBe(404);
      expect((await fetch('/help/no-such-article')).status).toBe(404);
    } finally {
      await real.close();
    }
  });

  it('refuses a Host header that is not ours on /chat too (DNS rebinding)', async () => {
    expect((await get('/chat', { Host: 'attacker.example' })).status).toBe(421);
    expect((await get('/chat/queues.json', { Host: 'attacker.example' })).status).toBe(421);
  });
});

describe('customer rate limit', () => {
  it('refuses a flood with one clear error a second, and serves again once the bucket refills', async () => {
    let clock = 1_000_000;
    const limitedGateway = new FakeGateway();
    const endpoint = new CustomerChatEndpoint({
      gateway: limitedGateway,
      log: services.log.child('chat-test'),
      rateLimit: { burst: 10, perSecond: 5 },
      now: () => clock,
    });
    const http1 = http.createServer();
    http1.on('upgrade', (request, socket, head) => endpoint.handleUpgrade(request, socket, head, { remote: 'test' }));
    await new Promise<void>((resolve) => http1.listen(0, '127.0.0.1', () => resolve()));
    const port = (http1.address() as AddressInfo).port;
    try {
      const opened = limitedGateway.nextSession();
      const customer = new Customer(port);
      await customer.opened;
      const session = await opened;
      for (let i = 1; i <= 13; i++) customer.send({ type: 'send', text: `m${i}`, clientId: `c${i}` });
      const notices: CustomerNotice[] = [];
      for (let i = 0; i < 11; i++) notices.push(await customer.nextNotice());
      // Ten in the burst went through; the eleventh got one error; the rest were dropped quietly.
      expect(notices.filter((n) => n.type === 'message')).toHaveLength(10);
      expect(notices.filter((n) => n.type === 'error')).toEqual([
        { type: 'error', code: 'rate_limited', message: expect.stringMatching(/too fast/) },
      ]);
      clock += 1000; // five frames earned back
      customer.send({ type: 'send', text: 'after the wait', clientId: 'later' });
      const next = await customer.nextNotice();
      expect(next).toMatchObject({ type: 'message', message: { text: 'after the wait' } });
      expect(session.requests).toHaveLength(11);
      customer.ws.close();
      await session.detached;
    } finally {
      await endpoint.close();
      http1.closeAllConnections();
      await new Promise<void>((resolve) => http1.close(() => resolve()));
    }
  });
});

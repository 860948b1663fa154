import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bridgePath } from '../../shared/api/wire';
import { articleIdPattern } from '../../shared/kb/types';
import type { CustomerGateway } from '../center/customer-gateway';
import { customerChatDir } from '../paths';
import type { Services } from '../services';
import { securityHeaders } from '../security/csp';
import {
  CustomerChatEndpoint,
  customerChatPath,
  customerPageHeaders,
  helpPageHeaders,
  publicArticlePage,
} from './customer-chat-endpoint';
import { allowedHostHeaders, isAllowedHost, isSameOrigin } from './host-check';
import { StaticFiles } from './static-files';
import { WsBridge } from './ws-bridge';
import { handleRecordingAudio } from '../recordings/audio-http';
import { handleWallboardRequest, wallboardTokenParam, wallboardUpgrade } from '../wallboard/wallboard-http';

export interface WebServerOptions {
  readonly services: Services;
  /** The built renderer (out/renderer). */
  readonly staticDir: string;
  readonly port: number;
  /** 127.0.0.1 unless the operator chose otherwise (SEATDESK_BIND). */
  readonly bindAddress: string;
  /** The built customer chat page (out/renderer-customer); /chat answers 404 without it. */
  readonly customerChatDir?: string;
  /** Defaults to the center's (services.center.customerGateway); tests pass a fake. */
  readonly customerGateway?: CustomerGateway;
  /** The public page for /help/<id>, or null for 404. Defaults to the knowledge base's. */
  readonly publicArticle?: (articleId: string) => Promise<string | null>;
  /** Keepalive ping interval for both WebSockets (tests shorten it). */
  readonly heartbeatMs?: number;
}

export interface WebServer {
  readonly url: string;
  readonly port: number;
  readonly bridge: WsBridge;
  readonly customerChat: CustomerChatEndpoint;
  close(): Promise<void>;
}

function isLoopback(address: string): boolean {
  return (
    address === '127.0.0.1' ||
    address === '::1' ||
    address === 'localhost' ||
    address.startsWith('127.') ||
    address === '::ffff:127.0.0.1'
  );
}

/**
 * The web host's HTTP side: the built renderer, a health check and the
 * WebSocket bridge, on loopback by default.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { services } = options;
  const log = services.log.child('web');
  const files = new StaticFiles(options.staticDir);
  if (!(await files.exists())) {
    throw new Error(`No built renderer in ${files.root}. Run "npm run build" first.`);
  }
  const bridge = new WsBridge({
    registrar: services.registrar,
    events: services.events,
    log: services.log.child('bridge'),
    instance: services.info.startedAt,
    ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
  });
  const gateway = options.customerGateway ?? services.center.customerGateway;
  const customerChat = new CustomerChatEndpoint({
    gateway,
    log: services.log.child('chat'),
    ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
  });
  const chatFiles = new StaticFiles(options.customerChatDir ?? customerChatDir());
  const publicArticle = options.publicArticle ?? ((id: string) => publicArticlePage(services.kb, id));
  const stopRevokes = services.wallboard.onRevoke((tokenId) => bridge.closeCredential(tokenId));
  const anyHost = !isLoopback(options.bindAddress);
  let allowedHosts = new Set<string>();

  const server = http.createServer((request, response) => {
    void (async () => {
      if (!isAllowedHost(request.headers.host, allowedHosts, anyHost)) {
        response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request\n');
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const url = new URL(request.url ?? '/', 'http://host.invalid');
      if (url.pathname === '/healthz') {
        response
          .writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
          .end(JSON.stringify({ ok: true, version: services.info.version, startedAt: services.info.startedAt }));
        return;
      }
      if (url.pathname === '/chat' || url.pathname === '/chat/' || url.pathname.startsWith('/chat/')) {
        await serveCustomerChat(url, request, response);
        return;
      }
      if (url.pathname.startsWith('/help/')) {
        await serveHelp(url, request, response);
        return;
      }
      if (await handleRecordingAudio(services.recordings, url, request, response)) return;
      // A TV's wallboard: only with a valid token (401 and nothing else otherwise).
      if (await handleWallboardRequest(services, request, response, url, { staticDir: options.staticDir })) return;
      // Client-side routes (no file extension) get the app shell.
      const isRoute = !/\.[a-z0-9]+$/i.test(url.pathname);
      const file = await files.get(isRoute ? '/' : url.pathname);
      if (file === null) {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders }).end('Not found\n');
        return;
      }
      response.writeHead(200, {
        'Content-Type': file.contentType,
        'Content-Length': file.body.length,
        'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...securityHeaders,
      });
      response.end(request.method === 'HEAD' ? undefined : file.body);
    })().catch((error: unknown) => {
      log.error('request failed', { url: request.url, error: String(error) });
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  /** The customer's page, its assets and its queue list: nothing under /chat reaches the agent app. */
  async function serveCustomerChat(
    url: URL,
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): Promise<void> {
    const headers = customerPageHeaders(securityHeaders, request.headers.host);
    if (url.pathname === '/chat/queues.json') {
      let body: string;
      try {
        body = JSON.stringify({ queues: await gateway.chatQueues() });
      } catch (error) {
        log.warn('chat queues unavailable', { error: String(error) });
        response
          .writeHead(503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers })
          .end(JSON.stringify({ queues: [], error: 'unavailable' }));
        return;
      }
      response
        .writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
        .end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    const isPage = url.pathname === '/chat' || url.pathname === '/chat/';
    const file = await chatFiles.get(isPage ? '/' : url.pathname.slice('/chat'.length));
    if (file === null) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end('Not found\n');
      return;
    }
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...headers,
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  /** A customer-facing knowledge-base article (the links agents paste into chats). */
  async function serveHelp(url: URL, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const headers = helpPageHeaders(securityHeaders);
    const id = url.pathname.slice('/help/'.length);
    const html = articleIdPattern.test(id) ? await publicArticle(id) : null;
    if (html === null) {
      response
        .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache', ...headers })
        .end('Article not found\n');
      return;
    }
    const body = Buffer.from(html, 'utf8');
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
      ...headers,
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  server.on('upgrade', (request, socket, head) => {
    // Node removes its own error listener before handing the socket over: a peer that
    // resets the connection mid-refusal must not become an uncaught exception.
    socket.on('error', (error) => log.debug('upgrade socket error', { error: error.message }));
    const url = new URL(request.url ?? '/', 'http://host.invalid');
    const refuse = (status: number, reason: string): void => {
      log.warn('websocket upgrade refused', { reason, origin: request.headers.origin, host: request.headers.host });
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== bridgePath && url.pathname !== customerChatPath) return refuse(404, 'Not Found');
    if (!isAllowedHost(request.headers.host, allowedHosts, anyHost)) return refuse(421, 'Misdirected Request');
    if (!isSameOrigin(request.headers.origin, request.headers.host)) return refuse(403, 'Forbidden');
    const remote = request.socket.remoteAddress ?? 'unknown';
    // Customers get their own endpoint: it speaks only the customer protocol, never the agent API.
    if (url.pathname === customerChatPath) {
      customerChat.handleUpgrade(request, socket, head, { remote });
      return;
    }
    if (url.searchParams.has(wallboardTokenParam)) {
      // A wallboard's connection: read-only whoever it is, and only with a valid token.
      void wallboardUpgrade(services, url).then(
        (verdict) =>
          verdict === 'refused'
            ? refuse(401, 'Unauthorized')
            : bridge.handleUpgrade(request, socket, head, {
                readOnly: true,
                remote,
                credential: services.wallboard.tokenId(url.searchParams.get(wallboardTokenParam) ?? '') ?? undefined,
              }),
        () => refuse(503, 'Service Unavailable'),
      );
      return;
    }
    bridge.handleUpgrade(request, socket, head, {
      // Other machines (a LAN bind) may only read; a wall screen elsewhere uses a wallboard token.
      readOnly: !isLoopback(remote),
      remote,
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bindAddress, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = allowedHostHeaders(options.bindAddress, port);
  const shownHost = anyHost
    ? '127.0.0.1'
    : options.bindAddress.includes(':')
      ? `[${options.bindAddress}]`
      : options.bindAddress;
  const url = `http://${shownHost}:${port}/`;
  log.info('web host listening', { url, bindAddress: options.bindAddress });

  return {
    url,
    port,
    bridge,
    customerChat,
    close: async () => {
      stopRevokes();
      await Promise.all([bridge.close(), customerChat.close()]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

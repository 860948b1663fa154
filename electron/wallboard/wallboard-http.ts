import type http from 'node:http';
import { rendererDir } from '../paths';
import { securityHeaders } from '../security/csp';
import { StaticFiles } from '../host/static-files';
import type { Services } from '../services';

/**
 * The wallboard on the web host, for a TV browser: `GET /wallboard?token=…` serves the app shell
 * (the renderer sees the path and shows only the wallboard), and the bridge WebSocket opened with
 * `?wallboard=<token>` is read-only. A wrong, missing or revoked token gets 401 and nothing else.
 *
 * The web server calls both (electron/host/web-server.ts):
 *   if (await handleWallboardRequest(services, request, response, url, { staticDir })) return;
 *   …and in 'upgrade', for the bridge path when url.searchParams.has('wallboard'):
 *   if ((await wallboardUpgrade(services, url)) === 'refused') return refuse(401, 'Unauthorized');
 *   else bridge.handleUpgrade(…, { readOnly: true, remote });
 */

export const wallboardPath = '/wallboard';
/** The query parameter the renderer's bridge URL carries the token in (see renderer/src/api/ws-transport.ts). */
export const wallboardTokenParam = 'wallboard';

const shells = new Map<string, StaticFiles>();
function staticFiles(root: string): StaticFiles {
  let files = shells.get(root);
  if (!files) {
    files = new StaticFiles(root);
    shells.set(root, files);
  }
  return files;
}

function unauthorized(response: http.ServerResponse, head: boolean): void {
  const body = 'Unauthorized\n';
  response.writeHead(401, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...securityHeaders,
  });
  response.end(head ? undefined : body);
}

/**
 * Answers `/wallboard` (and `/wallboard/`); returns false for any other path, so the caller goes on.
 * `staticDir`: where the built renderer is (the web server's own; default the packaged one).
 */
export async function handleWallboardRequest(
  services: Pick<Services, 'wallboard' | 'log'>,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  url: URL,
  options: { staticDir?: string } = {},
): Promise<boolean> {
  if (url.pathname !== wallboardPath && url.pathname !== `${wallboardPath}/`) return false;
  const head = request.method === 'HEAD';
  if (request.method !== 'GET' && !head) {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return true;
  }
  const token = url.searchParams.get('token');
  if (!(await services.wallboard.verifyToken(token))) {
    services.log.child('wallboard').warn('wallboard refused: bad token', { remote: request.socket.remoteAddress });
    unauthorized(response, head);
    return true;
  }
  const file = await staticFiles(options.staticDir ?? rendererDir()).get('/index.html');
  if (file === null) {
    response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('No built renderer\n');
    return true;
  }
  response.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': file.body.length,
    // The page carries no secret, but the URL does: keep it out of shared caches.
    'Cache-Control': 'no-store',
    ...securityHeaders,
  });
  response.end(head ? undefined : file.body);
  return true;
}

/**
 * Decides a bridge upgrade whose URL carries `?wallboard=<token>`: 'read-only' for a valid token
 * (the connection may call only non-mutating methods), 'refused' otherwise (answer 401).
 */
export async function wallboardUpgrade(
  services: Pick<Services, 'wallboard'>,
  url: URL,
): Promise<'read-only' | 'refused'> {
  const token = url.searchParams.get(wallboardTokenParam);
  return (await services.wallboard.verifyToken(token)) ? 'read-only' : 'refused';
}

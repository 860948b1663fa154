import path from 'node:path';
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { securityHeaders } from '../security/csp';
import { recordingAudioPath } from '../recordings/play-tokens';

/** The recordings' player URLs (`recordings.play`): a token bound to one recording. */
export interface RecordingFiles {
  audioFile(id: string, token: string): Promise<{ path: string } | null>;
}

/** The renderer's origin in production: app://seatdesk/. Never file://. */
export const appScheme = 'app';
export const appOrigin = `${appScheme}://seatdesk`;

/** Must run before the app is ready. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    },
  ]);
}

export function isAppUrl(url: string): boolean {
  return url === appOrigin || url.startsWith(`${appOrigin}/`);
}

/**
 * Serves out/renderer under app://seatdesk/ with the CSP. Client routes
 * (paths without an extension) get index.html; nothing outside the folder
 * is reachable.
 */
export function handleAppProtocol(rendererDir: string, recordings: RecordingFiles): void {
  const root = path.resolve(rendererDir);
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'seatdesk') return new Response('Not found', { status: 404 });
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    if (pathname.startsWith(recordingAudioPath)) {
      const file = await recordings.audioFile(
        pathname.slice(recordingAudioPath.length),
        url.searchParams.get('token') ?? '',
      );
      if (file === null) return new Response('Forbidden', { status: 403 });
      // file:// through net.fetch answers Range requests, so the player seeks without reading it all.
      return net.fetch(pathToFileURL(file.path).toString(), { headers: request.headers });
    }
    const isRoute = !/\.[a-z0-9]+$/i.test(pathname);
    const file = path.resolve(root, isRoute ? 'index.html' : pathname.replace(/^\/+/, ''));
    if (!file.startsWith(root + path.sep)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(securityHeaders)) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  });
}

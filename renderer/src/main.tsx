import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import './theme/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultSettings, type Settings } from '../../shared/settings';
import { MediaEngine } from './media/media-engine';
import { createApiClient, createDefaultApiClient, type ApiClient } from './api/client';
import { createWsTransport } from './api/ws-transport';
import { WallboardApp } from './features/wallboard/WallboardApp';
import { App } from './app/App';
import type { Bootstrap } from './app/AppContext';
import { createI18n, localeFromQuery, resolveLocale } from './i18n/i18n';

/**
 * Everything the first paint needs, in one round trip. If the services are not
 * reachable the shell still paints (with defaults) and shows the reconnecting
 * state; the data follows when the connection comes back.
 */
async function loadBootstrap(api: ApiClient): Promise<Bootstrap> {
  const [info, settings, status] = await Promise.allSettled([
    api.call('app.getInfo', {}),
    api.call('settings.get', {}),
    api.call('status.get', {}),
  ]);
  return {
    info: info.status === 'fulfilled' ? info.value : null,
    settings: settings.status === 'fulfilled' ? settings.value : { ...defaultSettings },
    status: status.status === 'fulfilled' ? status.value : null,
  };
}

function withDeadline<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([promise, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms))]);
}

function reportGlobalErrors(api: ApiClient): void {
  const report = (message: string, stack?: string): void => {
    void api
      .call('diagnostics.reportError', {
        message: message.slice(0, 2000) || 'Unknown error',
        stack: stack?.slice(0, 8000),
        where: location.hash,
      })
      .catch(() => undefined);
  };
  window.addEventListener('error', (event) => report(event.message, (event.error as Error | undefined)?.stack));
  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason as unknown;
    report(
      reason instanceof Error ? reason.message : String(reason),
      reason instanceof Error ? reason.stack : undefined,
    );
  });
}

/**
 * The media engine (WebRTC for the softphone) runs once per workstation. In
 * Electron it lives in a hidden window that is never reloaded, so reloading the
 * agent UI does not drop a call; in web mode it lives in this page.
 */
async function startMediaEngine(api: ApiClient, settings: Settings, testHooks: boolean): Promise<void> {
  try {
    const engine = await MediaEngine.start(api, settings.audio);
    api.on('settings.changed', (next) => void engine.setDevices(next.audio));
    // Only a host started with NODE_ENV=test hands the engine to tests and benchmarks.
    if (testHooks) (window as unknown as { seatdeskTest?: unknown }).seatdeskTest = { media: engine };
  } catch (error) {
    void api
      .call('diagnostics.reportError', {
        message: `Media engine did not start: ${(error as Error).message}`,
        where: 'media',
      })
      .catch(() => undefined);
  }
}

// Wallboard-only mode: a TV's browser at /wallboard?token=… gets only the board, over a bridge
// opened read-only with that token; no media engine, no shell. Every other page is unchanged.
const wallboardToken =
  location.pathname.replace(/\/$/, '') === '/wallboard' ? new URLSearchParams(location.search).get('token') : null;
// Electron's "Open wallboard on display…" window (electron/app/wallboard-window.ts): the board alone, over IPC.
const isWallboardScreen = wallboardToken !== null || location.hash === '#/wallboard-screen';
const api = wallboardToken !== null ? createApiClient(createWsTransport({ wallboardToken })) : createDefaultApiClient();
reportGlobalErrors(api);
const initial = await withDeadline(loadBootstrap(api), 3000, {
  info: null,
  settings: { ...defaultSettings },
  status: null,
});
const isMediaHost = location.hash === '#/media-host';
if (isWallboardScreen) {
  // Wallboard-only mode: nothing to start.
} else if (isMediaHost) {
  void startMediaEngine(api, initial.settings, initial.info?.testHooks === true);
} else if (window.seatdesk === undefined) {
  // Web mode: one engine per browser, whatever the number of tabs. The tab holding the lock
  // runs the calls; when it closes, the next tab takes over.
  void navigator.locks.request(
    'seatdesk-media-engine',
    () =>
      new Promise<never>(() => {
        void startMediaEngine(api, initial.settings, initial.info?.testHooks === true);
      }),
  );
}
const queryLocale = localeFromQuery();
const i18n = await createI18n(queryLocale ?? resolveLocale(initial.settings.locale));

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
// The hidden media window renders nothing.
if (isWallboardScreen) createRoot(root).render(<WallboardApp api={api} initial={initial} i18n={i18n} />);
else if (!isMediaHost)
  createRoot(root).render(
    <StrictMode>
      <App api={api} initial={initial} i18n={i18n} queryLocale={queryLocale} />
    </StrictMode>,
  );

import path from 'node:path';
import { BrowserWindow } from 'electron';
import type { AppStateStore } from '../settings/app-state';
import { appOrigin } from './app-protocol';
import { loadWindowState, trackWindowState } from './window-state';

export async function createMainWindow(preloadPath: string, appState: AppStateStore): Promise<BrowserWindow> {
  const state = await loadWindowState(appState, 'main');
  const window = new BrowserWindow({
    ...state,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'SeatDesk',
    backgroundColor: '#1a1b1e',
    webPreferences: {
      preload: path.resolve(preloadPath),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Call timers, SIP keepalives and ringing must run while the window is hidden.
      backgroundThrottling: false,
    },
  });
  if (state.maximized) window.maximize();
  trackWindowState(window, appState, 'main');
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${appOrigin}/index.html`);
  return window;
}

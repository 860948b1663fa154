import { BrowserWindow } from 'electron';
import type { AppStateStore } from '../settings/app-state';
import { appOrigin } from './app-protocol';
import { hardenedWebPreferences } from './web-preferences';
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
    webPreferences: hardenedWebPreferences(preloadPath),
  });
  if (state.maximized) window.maximize();
  trackWindowState(window, appState, 'main');
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${appOrigin}/index.html`);
  return window;
}

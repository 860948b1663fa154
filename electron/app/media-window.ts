import { BrowserWindow } from 'electron';
import { appOrigin } from './app-protocol';
import { hardenedWebPreferences } from './web-preferences';

/**
 * The softphone's media engine runs in this hidden window: RTCPeerConnections,
 * microphone, speaker, recorder. It is never reloaded, so reloading or closing
 * the agent's window does not drop a call. Hardened like the main window.
 */
export async function createMediaWindow(preloadPath: string): Promise<BrowserWindow> {
  const window = new BrowserWindow({
    show: false,
    // Never shown, so audio must play without a user gesture.
    webPreferences: hardenedWebPreferences(preloadPath, { autoplayPolicy: 'no-user-gesture-required' }),
  });
  // The renderer crashed (a GPU or audio driver): bring media back so the next call works.
  window.webContents.on('render-process-gone', () => {
    if (!window.isDestroyed()) void window.loadURL(`${appOrigin}/index.html#/media-host`);
  });
  await window.loadURL(`${appOrigin}/index.html#/media-host`);
  return window;
}

import { BrowserWindow, screen } from 'electron';
import { z } from 'zod';
import type { AppStateStore } from '../settings/app-state';
import { appOrigin } from './app-protocol';
import { hardenedWebPreferences } from './web-preferences';

/**
 * "Open wallboard on display…": a frameless, full-screen window showing only the wallboard
 * (the renderer's #/wallboard-screen), on the display the supervisor picked, reopened there on
 * the next start while that display is connected. Same hardening as the main window.
 *
 * Wiring (electron/main.ts, not done here): a menu item lists wallboardDisplays() and calls
 * openWallboardWindow(); after the main window, call restoreWallboardWindow().
 */

const stateKey = 'window.wallboard';
const savedSchema = z.object({ displayId: z.number().int() });

let current: BrowserWindow | null = null;

/** The displays to offer, with a label a person recognises. */
export function wallboardDisplays(): Array<{ id: number; label: string }> {
  const primary = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((d, i) => ({
    id: d.id,
    label: `${d.label || `Display ${i + 1}`} (${d.size.width}×${d.size.height})${d.id === primary ? ' *' : ''}`,
  }));
}

export async function openWallboardWindow(
  preloadPath: string,
  appState: AppStateStore,
  displayId: number,
): Promise<BrowserWindow | null> {
  const display = screen.getAllDisplays().find((d) => d.id === displayId);
  if (!display) return null;
  if (current && !current.isDestroyed()) current.close();
  const window = new BrowserWindow({
    ...display.bounds,
    frame: false,
    fullscreen: true,
    show: false,
    title: 'SeatDesk wallboard',
    backgroundColor: '#101113',
    webPreferences: hardenedWebPreferences(preloadPath),
  });
  current = window;
  await appState.write(stateKey, { displayId });
  // Closed by the supervisor (not by quitting): do not reopen it next time.
  window.on('close', () => {
    if (current === window) current = null;
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${appOrigin}/index.html#/wallboard-screen`);
  return window;
}

/** Reopens the wallboard where it was, if that display is still there. */
export async function restoreWallboardWindow(
  preloadPath: string,
  appState: AppStateStore,
): Promise<BrowserWindow | null> {
  const saved = await appState.read(stateKey, savedSchema);
  if (saved === undefined) return null;
  return openWallboardWindow(preloadPath, appState, saved.displayId);
}

/** The supervisor closed it for good (a menu's "Close wallboard"). */
export async function forgetWallboardWindow(appState: AppStateStore): Promise<void> {
  if (current && !current.isDestroyed()) current.close();
  current = null;
  await appState.write(stateKey, null);
}

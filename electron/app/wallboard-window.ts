import { app, BrowserWindow, screen } from 'electron';
import { z } from 'zod';
import type { AppStateStore } from '../settings/app-state';
import { appOrigin } from './app-protocol';
import { hardenedWebPreferences } from './web-preferences';

/**
 * "Open wallboard on display…": a frameless, full-screen window showing only the wallboard
 * (the renderer's #/wallboard-screen), on the display the supervisor picked, reopened there on
 * the next start while that display is connected. Same hardening as the main window.
 *
 * Wired by electron/app/app-menu.ts (the menu lists wallboardDisplays() and calls
 * openWallboardWindow()) and electron/main.ts (restoreWallboardWindow() after the main window).
 */

const stateKey = 'window.wallboard';
const savedSchema = z.object({ displayId: z.number().int() });

let current: { window: BrowserWindow; displayId: number } | null = null;
/** Windows this module closes itself (moved, main window closed, quitting): their choice is kept. */
const closingOnPurpose = new WeakSet<BrowserWindow>();
const listeners = new Set<() => void>();
let quitting = false;
app.on('before-quit', () => {
  quitting = true;
});

function changed(): void {
  for (const listener of listeners) listener();
}

/** Called whenever the wallboard window opens or closes (the menu shows "Close wallboard" then). */
export function onWallboardWindowChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The display the open wallboard window is on, or null when none is open. */
export function wallboardDisplayId(): number | null {
  return current !== null && !current.window.isDestroyed() ? current.displayId : null;
}

export interface WallboardDisplay {
  id: number;
  /** 1-based, in screen.getAllDisplays() order. */
  index: number;
  /** The OS's name for it (may be empty). */
  name: string;
  width: number;
  height: number;
  primary: boolean;
}

/** The displays to offer. */
export function wallboardDisplays(): WallboardDisplay[] {
  const primary = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((d, i) => ({
    id: d.id,
    index: i + 1,
    name: d.label,
    width: d.size.width,
    height: d.size.height,
    primary: d.id === primary,
  }));
}

function closeOnPurpose(): void {
  if (current === null) return;
  const { window } = current;
  current = null;
  if (!window.isDestroyed()) {
    closingOnPurpose.add(window);
    window.close();
  }
  changed();
}

export async function openWallboardWindow(
  preloadPath: string,
  appState: AppStateStore,
  displayId: number,
): Promise<BrowserWindow | null> {
  const display = screen.getAllDisplays().find((d) => d.id === displayId);
  if (!display) return null;
  closeOnPurpose();
  // Not `fullscreen: true` here: on Windows and Linux a window created full screen lands on (or is
  // cropped to) the primary display. It goes full screen once it sits on the chosen one.
  const window = new BrowserWindow({
    ...display.bounds,
    frame: false,
    show: false,
    title: 'SeatDesk wallboard',
    backgroundColor: '#101113',
    webPreferences: hardenedWebPreferences(preloadPath),
  });
  window.setMenu(null);
  current = { window, displayId };
  changed();
  await appState.write(stateKey, { displayId });
  window.on('close', () => {
    const mine = current?.window === window;
    if (mine) current = null;
    // Closed by the supervisor (Alt+F4, not by quitting or by us): do not reopen it next time.
    if (!quitting && !closingOnPurpose.has(window)) void appState.write(stateKey, null).catch(() => undefined);
    if (mine) changed();
  });
  window.once('ready-to-show', () => {
    window.setBounds(display.bounds);
    window.show();
    window.setFullScreen(true);
  });
  await window.loadURL(`${appOrigin}/index.html#/wallboard-screen`);
  return window;
}

/** Reopens the wallboard where it was, if that display is still there. */
export async function restoreWallboardWindow(
  preloadPath: string,
  appState: AppStateStore,
): Promise<BrowserWindow | null> {
  // null: the supervisor closed it ("Close wallboard").
  const saved = await appState.read(stateKey, savedSchema.nullable());
  if (saved === undefined || saved === null) return null;
  return openWallboardWindow(preloadPath, appState, saved.displayId);
}

/** Closes the wallboard window but keeps the choice (its display went away, the app is closing). */
export function closeWallboardWindow(): void {
  closeOnPurpose();
}

/** The supervisor closed it for good (the menu's "Close wallboard"). */
export async function forgetWallboardWindow(appState: AppStateStore): Promise<void> {
  closeOnPurpose();
  await appState.write(stateKey, null);
}

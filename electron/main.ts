import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, powerMonitor, safeStorage, screen, shell } from 'electron';
import { hardenSession, lockNavigation } from './app/session-security';
import { appOrigin, handleAppProtocol, isAppUrl, registerAppSchemePrivileges } from './app/app-protocol';
import { createMainWindow } from './app/main-window';
import { createMediaWindow } from './app/media-window';
import { installAppMenu, mainProcessLocale } from './app/app-menu';
import {
  closeWallboardWindow,
  forgetWallboardWindow,
  onWallboardWindowChange,
  openWallboardWindow,
  restoreWallboardWindow,
  wallboardDisplayId,
} from './app/wallboard-window';
import { saveWindowState } from './app/window-state';
import { electronNativeBinding } from './app/native-binding';
import { registerIpcBridge } from './ipc/ipc-bridge';
import { guardUncaughtErrors, tolerateClosedTerminal } from './log/crash-guard';
import { ConsoleSink, silentLogger } from './log/logger';
import { rendererDir } from './paths';
import { createServices, type Services } from './services';
import { resolveDataDir, trainingModeFromEnv } from './config';
import sqlitePackage from 'better-sqlite3/package.json';

/**
 * Electron main process: thin glue around the same services the web host runs.
 * Only electron/app/, electron/ipc/, this file and the preload import Electron.
 */

registerAppSchemePrivileges();
tolerateClosedTerminal();

if (process.env.SEATDESK_DATA_DIR) {
  // setPath throws for a folder that does not exist yet.
  const dataDir = resolveDataDir();
  fs.mkdirSync(dataDir, { recursive: true });
  app.setPath('userData', dataDir);
}

const preloadPath = fileURLToPath(new URL('./preload.cjs', import.meta.url));
let services: Services | undefined;
let mainWindow: BrowserWindow | undefined;
let mediaWindow: BrowserWindow | undefined;

function focusMainWindow(): void {
  if (mainWindow === undefined || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  services = await createServices({
    mode: 'electron',
    dataDir: app.getPath('userData'),
    training: trainingModeFromEnv(),
    nativeBinding: electronNativeBinding({
      packaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
      electronVersion: process.versions.electron ?? '',
      sqliteVersion: sqlitePackage.version,
    }),
    logSink: new ConsoleSink(app.isPackaged ? 'warn' : 'info'),
    // The OS keychain (Keychain, DPAPI, libsecret) seals the SIP password.
    secretsCipher: safeStorage.isEncryptionAvailable()
      ? { encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (sealed) => safeStorage.decryptString(sealed) }
      : undefined,
  });
  const current = services;
  // After sleep the SIP connection is usually dead: re-register now rather than after the backoff.
  powerMonitor.on('resume', () => current.softphone.networkChanged());
  powerMonitor.on('unlock-screen', () => current.softphone.networkChanged());
  const log = services.log.child('main');
  const uncaught = guardUncaughtErrors(log);
  process.on('unhandledRejection', (reason) => uncaught(reason, 'rejection'));
  process.on('uncaughtException', (error) => uncaught(error, 'exception'));

  handleAppProtocol(rendererDir(), services.recordings);
  hardenSession(isAppUrl, log);
  registerIpcBridge(
    services,
    isAppUrl,
    (id) => mediaWindow !== undefined && !mediaWindow.isDestroyed() && mediaWindow.webContents.id === id,
  );
  mediaWindow = await createMediaWindow(preloadPath);
  mainWindow = await createMainWindow(preloadPath, services.appState);
  // Closing the agent window quits the app (and the hidden media window and the wallboard with it;
  // the wallboard's display is kept, so it reopens there next time).
  mainWindow.on('closed', () => {
    if (process.platform === 'darwin') return;
    closeWallboardWindow();
    if (mediaWindow && !mediaWindow.isDestroyed()) mediaWindow.destroy();
  });
  log.info('main window open', { origin: appOrigin });

  const wallboardLog = services.log.child('wallboard');
  const rebuildMenu = installAppMenu({
    locale: () => mainProcessLocale(current.settings.get().locale),
    openOn: wallboardDisplayId,
    open: (displayId) =>
      void openWallboardWindow(preloadPath, current.appState, displayId).catch((error: unknown) =>
        wallboardLog.warn('wallboard window did not open', { message: (error as Error).message }),
      ),
    close: () =>
      void forgetWallboardWindow(current.appState).catch((error: unknown) =>
        wallboardLog.warn('wallboard choice not forgotten', { message: (error as Error).message }),
      ),
  });
  onWallboardWindowChange(rebuildMenu);
  current.events.subscribe((name) => {
    if (name === 'settings.changed') rebuildMenu();
  });
  // Its display unplugged: close it but keep the choice; it reopens when that display is back.
  screen.on('display-removed', (_event, display) => {
    if (wallboardDisplayId() === display.id) closeWallboardWindow();
  });
  screen.on('display-added', () => {
    if (wallboardDisplayId() === null) void restoreWallboardWindow(preloadPath, current.appState).catch(() => null);
  });
  await restoreWallboardWindow(preloadPath, current.appState).catch((error: unknown) =>
    wallboardLog.warn('wallboard window not restored', { message: (error as Error).message }),
  );
}

if (!app.requestSingleInstanceLock()) {
  // Another SeatDesk already runs on this profile: it gets focused instead.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => {
    lockNavigation(
      contents,
      isAppUrl,
      (url) => void shell.openExternal(url),
      services?.log.child('nav') ?? silentLogger,
    );
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && services) {
      void createMainWindow(preloadPath, services.appState).then((w) => (mainWindow = w));
    }
  });
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || services === undefined) return;
    event.preventDefault();
    quitting = true;
    const current = services;
    // Window placement first: the windows close after before-quit, when the database is gone.
    void Promise.all(BrowserWindow.getAllWindows().map((w) => saveWindowState(w, current.appState)))
      .catch(() => undefined)
      .finally(() => void current.close().finally(() => app.quit()));
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('SeatDesk could not start', (error as Error).message);
      app.exit(1);
    });
}

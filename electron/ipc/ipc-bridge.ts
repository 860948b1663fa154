import { BrowserWindow, ipcMain, type WebFrameMain } from 'electron';
import { fail } from '../../shared/api/result';
import type { Services } from '../services';
import { ipcChannels } from './channels';

/**
 * Connects the contract to Electron IPC: calls from our own windows go to the
 * registrar, events go to every window of ours. Any other frame (an iframe, a
 * page that navigated away) is refused.
 */
export function registerIpcBridge(
  services: Services,
  isTrustedUrl: (url: string) => boolean,
  /** Only this window (the hidden media window) may become the media engine. */
  isMediaWindow: (contentsId: number) => boolean,
): () => void {
  const log = services.log.child('ipc');
  const isTrustedFrame = (frame: WebFrameMain | null): boolean =>
    frame !== null && frame.parent === null && isTrustedUrl(frame.url);

  ipcMain.handle(ipcChannels.call, async (event, method: unknown, payload: unknown) => {
    if (!isTrustedFrame(event.senderFrame)) {
      log.warn('call from unexpected sender refused', { url: event.senderFrame?.url });
      return fail({ code: 'forbidden', message: 'unexpected sender' });
    }
    if (method === 'media.attach' && !isMediaWindow(event.sender.id)) {
      log.warn('media.attach from a window that is not the media window refused', { sender: event.sender.id });
      return fail({ code: 'forbidden', message: 'Only the media window runs the media engine' });
    }
    return services.registrar.dispatch(method, payload, {
      transport: 'ipc',
      readOnly: false,
      client: `window#${event.sender.id}`,
    });
  });

  const unsubscribe = services.events.subscribe((name, payload, audience) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      if (contents.isDestroyed() || !isTrustedUrl(contents.getURL())) continue;
      if (audience !== undefined && audience !== `window#${contents.id}`) continue;
      contents.send(ipcChannels.event, name, payload);
    }
  });

  return () => {
    ipcMain.removeHandler(ipcChannels.call);
    unsubscribe();
  };
}

import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from '../shared/api/bridge';
import type { ApiResult } from '../shared/api/result';
import { ipcChannels } from './ipc/channels';

/**
 * Exposes `window.seatdesk`: one function per contract method and `on(event)`.
 * Runs sandboxed with context isolation; ipcRenderer itself never reaches the page.
 */
const bridge = createBridge(
  (method, request) => ipcRenderer.invoke(ipcChannels.call, method, request) as Promise<ApiResult<unknown>>,
  (event, listener) => {
    const handler = (_: Electron.IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(ipcChannels.event, handler);
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, handler);
    };
  },
);

contextBridge.exposeInMainWorld('seatdesk', bridge);

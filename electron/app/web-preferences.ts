import path from 'node:path';
import type { WebPreferences } from 'electron';

/**
 * The hardening every SeatDesk window shares: isolated, sandboxed, no Node in
 * the page, and never throttled (call timers, SIP keepalives, ringing and audio
 * must run while a window is hidden).
 */
export function hardenedWebPreferences(preloadPath: string, extra: WebPreferences = {}): WebPreferences {
  return {
    preload: path.resolve(preloadPath),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    spellcheck: false,
    backgroundThrottling: false,
    ...extra,
  };
}

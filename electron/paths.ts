import { fileURLToPath } from 'node:url';

declare const __SEATDESK_BUNDLED__: boolean | undefined;

/**
 * The built renderer. Bundles live in out/main/ beside out/renderer/; from
 * source (tests, tsx) the same out/renderer/ at the repository root is used.
 */
export function rendererDir(): string {
  const relative = typeof __SEATDESK_BUNDLED__ !== 'undefined' ? '../renderer/' : '../out/renderer/';
  return fileURLToPath(new URL(relative, import.meta.url));
}

/** The built customer chat page (/chat on the web host), beside the renderer in out/. */
export function customerChatDir(): string {
  const relative = typeof __SEATDESK_BUNDLED__ !== 'undefined' ? '../renderer-customer/' : '../out/renderer-customer/';
  return fileURLToPath(new URL(relative, import.meta.url));
}

import { session, type WebContents } from 'electron';
import type { Logger } from '../log/logger';

/**
 * Permissions: microphone (media, audio only), speaker selection and desktop
 * notifications (incoming calls), only for our own origin. Everything else
 * (camera, geolocation, MIDI…) is denied without asking the user.
 */
export function hardenSession(isTrustedUrl: (url: string) => boolean, log: Logger): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const url = details.requestingUrl || contents.getURL();
    const mediaTypes = (details as { mediaTypes?: string[] }).mediaTypes ?? [];
    const audioOnly = permission === 'media' && mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio');
    const allowed =
      isTrustedUrl(url) && (audioOnly || permission === 'speaker-selection' || permission === 'notifications');
    if (!allowed) log.warn('permission denied', { permission, url });
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    if (!isTrustedUrl(requestingOrigin)) return false;
    if (permission === 'speaker-selection' || permission === 'notifications') return true;
    return permission === 'media' && details.mediaType === 'audio';
  });
}

/** No popups, no navigation away from the app; links go to the system browser instead. */
export function lockNavigation(
  contents: WebContents,
  isTrustedUrl: (url: string) => boolean,
  openExternal: (url: string) => void,
  log: Logger,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) openExternal(url);
    else log.warn('window.open denied', { url });
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isTrustedUrl(url)) return;
    event.preventDefault();
    log.warn('navigation blocked', { url });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

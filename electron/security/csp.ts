/**
 * One Content-Security-Policy for the renderer, sent by the app:// protocol in
 * Electron and by the web host. Scripts only from our own origin; inline style
 * attributes are needed by the component library; media may be blob: and
 * mediastream: for recordings and calls.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Microphone and speaker selection only, and only for our own origin.
  'Permissions-Policy': 'microphone=(self), speaker-selection=(self), camera=(), geolocation=()',
};

/**
 * Guards against DNS rebinding and cross-site WebSocket hijacking: a page on
 * another site may make the browser connect to 127.0.0.1, but it cannot make
 * the Host header name us nor the Origin header be ours.
 */
export function allowedHostHeaders(bindAddress: string, port: number, extraHosts: readonly string[] = []): Set<string> {
  const names = new Set<string>(['127.0.0.1', 'localhost', '[::1]', ...extraHosts]);
  if (bindAddress !== '0.0.0.0' && bindAddress !== '::')
    names.add(bindAddress.includes(':') ? `[${bindAddress}]` : bindAddress);
  const allowed = new Set<string>();
  for (const name of names) {
    allowed.add(`${name}:${port}`.toLowerCase());
    if (port === 80) allowed.add(name.toLowerCase());
  }
  return allowed;
}

/** True when the Host header names this server. A LAN bind (0.0.0.0) accepts any host. */
export function isAllowedHost(host: string | undefined, allowed: ReadonlySet<string>, anyHost: boolean): boolean {
  if (host === undefined) return false;
  return anyHost || allowed.has(host.toLowerCase());
}

/** Browsers always send Origin on WebSocket upgrades; it must be this very server. */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true; // Not a browser: a test client or a script on this machine.
  if (host === undefined) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

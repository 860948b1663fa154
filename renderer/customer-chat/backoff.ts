/** Reconnect delays: 1 s, 2 s, 4 s … up to 30 s, with jitter so a host restart is not a stampede. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.5 + random() * 0.5));
}

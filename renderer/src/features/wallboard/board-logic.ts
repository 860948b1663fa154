import type { AgentState } from '../../../../shared/domain/status';
import type { AgentMetrics, QueueMetrics } from '../../../../shared/metrics/types';
import {
  longestWaitLevel,
  serviceLevelLevel,
  worstLevel,
  type Level,
  type Thresholds,
} from '../../../../shared/wallboard/types';

/** The wallboard's pure rules (sorting, levels, paging, staleness), kept out of the components. */

/** DOMAIN.md: available → ringing → on contact → wrap-up → not ready → offline. */
export const agentStateOrder: readonly AgentState[] = ['ready', 'offered', 'on_contact', 'acw', 'not_ready', 'offline'];
const rank = new Map(agentStateOrder.map((s, i) => [s, i]));

/** Grid order: by state, then the longest in that state first, then by name. */
export function sortAgents(agents: readonly AgentMetrics[]): AgentMetrics[] {
  return [...agents].sort(
    (a, b) => (rank.get(a.state) ?? 9) - (rank.get(b.state) ?? 9) || a.since - b.since || a.name.localeCompare(b.name),
  );
}

export function countByState(agents: readonly AgentMetrics[]): Record<AgentState, number> {
  const counts: Record<AgentState, number> = { ready: 0, offered: 0, on_contact: 0, acw: 0, not_ready: 0, offline: 0 };
  for (const a of agents) counts[a.state] += 1;
  return counts;
}

/**
 * A queue tile's level: the worse of its service level today and its longest wait now; 'none'
 * (grey) while it has answered nothing and nobody waits too long.
 */
export function queueLevel(q: QueueMetrics, longestWaitMs: number, t: Thresholds): Level {
  const wait = longestWaitLevel(longestWaitMs, t);
  if (q.today.serviceLevel === null && wait === 'good') return 'none';
  return worstLevel(serviceLevelLevel(q.today.serviceLevel, t), wait);
}

/** The longest wait as of `now`, ticking locally from the oldest contact's queue time. */
export function longestWaitAt(q: Pick<QueueMetrics, 'oldestWaitingSince'>, now: number): number {
  return q.oldestWaitingSince === null ? 0 : Math.max(0, now - q.oldestWaitingSince);
}

/** Data older than this is stale: banner up, tiles greyed. */
export const staleAfterMs = 30_000;
/** The screen asks for a full snapshot this often, whatever was pushed. */
export const resyncEveryMs = 15_000;
/** Pages of tiles or agents turn this often when they do not fit on one screen. */
export const pageTurnMs = 10_000;

export function isStale(receivedAt: number | null, now: number): boolean {
  return receivedAt === null || now - receivedAt > staleAfterMs;
}

export function pageOf<T>(
  items: readonly T[],
  perPage: number,
  turn: number,
): { items: T[]; page: number; pages: number } {
  const size = Math.max(1, perPage);
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = ((turn % pages) + pages) % pages;
  return { items: items.slice(page * size, page * size + size), page, pages };
}

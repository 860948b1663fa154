import { describe, expect, it } from 'vitest';
import type { AgentMetrics, QueueMetrics } from '../../../../shared/metrics/types';
import { defaultThresholds } from '../../../../shared/wallboard/types';
import { isStale, longestWaitAt, pageOf, queueLevel, sortAgents } from './board-logic';

const agent = (name: string, state: AgentMetrics['state'], since: number): AgentMetrics => ({
  agentId: name,
  name,
  state,
  reason: null,
  since,
  currentInteractionId: null,
  currentQueueId: null,
  handledToday: 0,
  ahtMs: null,
  occupancy: null,
});

describe('wallboard rules', () => {
  it('sorts agents available → ringing → on contact → wrap-up → not ready → offline, longest first', () => {
    const sorted = sortAgents([
      agent('f', 'offline', 1),
      agent('e', 'not_ready', 1),
      agent('d', 'acw', 1),
      agent('c2', 'on_contact', 5),
      agent('c1', 'on_contact', 2),
      agent('b', 'offered', 1),
      agent('a', 'ready', 1),
    ]);
    expect(sorted.map((a) => a.name)).toEqual(['a', 'b', 'c1', 'c2', 'd', 'e', 'f']);
  });

  it('levels a tile by the worse of service level and longest wait', () => {
    const q = { today: { serviceLevel: 0.95 }, oldestWaitingSince: null } as unknown as QueueMetrics;
    expect(queueLevel(q, 0, defaultThresholds)).toBe('good');
    expect(queueLevel(q, 30_000, defaultThresholds)).toBe('warning');
    expect(queueLevel(q, 120_000, defaultThresholds)).toBe('bad');
    const low = { ...q, today: { serviceLevel: 0.85 } } as unknown as QueueMetrics;
    expect(queueLevel(low, 0, defaultThresholds)).toBe('warning');
    const none = { ...q, today: { serviceLevel: null } } as unknown as QueueMetrics;
    expect(queueLevel(none, 0, defaultThresholds)).toBe('none');
    expect(queueLevel(none, 200_000, defaultThresholds)).toBe('bad');
  });

  it('ticks the longest wait locally and knows stale data', () => {
    expect(longestWaitAt({ oldestWaitingSince: 1000 }, 43_000)).toBe(42_000);
    expect(longestWaitAt({ oldestWaitingSince: null }, 43_000)).toBe(0);
    expect(isStale(null, 0)).toBe(true);
    expect(isStale(0, 30_000)).toBe(false);
    expect(isStale(0, 30_001)).toBe(true);
  });

  it('pages', () => {
    expect(pageOf([1, 2, 3, 4, 5], 2, 0)).toEqual({ items: [1, 2], page: 0, pages: 3 });
    expect(pageOf([1, 2, 3, 4, 5], 2, 4)).toEqual({ items: [3, 4], page: 1, pages: 3 });
    expect(pageOf([], 2, 7)).toEqual({ items: [], page: 0, pages: 1 });
  });
});

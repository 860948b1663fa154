import type { CenterEvent, Queue } from '../shared/center/types';
import { startOfDay } from '../shared/metrics/day';
import { MetricsEngine } from '../shared/metrics/engine';
import { testQueue } from '../shared/metrics/test-fixtures';
import { round, type Benchmark, type BenchResult } from './types';

const timeZone = 'Asia/Shanghai';

/**
 * A day of a 500-seat floor as the center logs it: every contact offered, rung, answered,
 * talked, wrapped (with each agent-state change), one in ten abandoned, breaks now and then.
 * Deterministic (a fixed-seed generator), in log order.
 */
export function floorDay(
  agents = 500,
  queues = 50,
  targetEvents = 2_000_000,
): { events: CenterEvent[]; queues: Queue[]; dayStart: number } {
  const queueList = Array.from({ length: queues }, (_, i) => testQueue(`q${i}`, {}, `skill${i % 10}`, timeZone));
  const dayStart = startOfDay(Date.UTC(2026, 2, 10, 4), timeZone);
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const raw: Array<Omit<CenterEvent, 'seq'>> = [];
  const push = (
    at: number,
    type: CenterEvent['type'],
    interactionId: string | null,
    agentId: string | null,
    queueId: string | null,
    data: CenterEvent['data'] = {},
  ): void => {
    raw.push({ at, type, interactionId, agentId, queueId, data });
  };
  const contacts = Math.round(targetEvents / 8.3);
  for (let k = 0; k < contacts; k++) {
    const at = dayStart + Math.floor((k / contacts) * 85_000_000);
    const id = `i${k}`;
    const queueId = `q${k % queues}`;
    push(at, 'interaction.created', id, null, queueId, { channel: 'voice' });
    const waitMs = Math.floor(random() * 60_000);
    if (random() < 0.1) {
      push(at + waitMs, 'interaction.abandoned', id, null, queueId, { waitMs });
      continue;
    }
    const agentId = `a${k % agents}`;
    const talkMs = 30_000 + Math.floor(random() * 300_000);
    const acwMs = Math.floor(random() * 30_000);
    push(at + waitMs - 3000, 'interaction.offered', id, agentId, queueId);
    push(at + waitMs - 3000, 'agent.state', null, agentId, null, { state: 'offered', reason: null, from: 'ready' });
    push(at + waitMs, 'interaction.accepted', id, agentId, queueId, { waitMs });
    push(at + waitMs, 'agent.state', null, agentId, null, { state: 'on_contact', reason: null, from: 'offered' });
    push(at + waitMs + talkMs, 'interaction.ended', id, agentId, queueId, { by: 'customer', talkMs });
    push(at + waitMs + talkMs, 'agent.state', null, agentId, null, { state: 'acw', reason: null, from: 'on_contact' });
    push(at + waitMs + talkMs + acwMs, 'interaction.wrapped', id, agentId, queueId, {
      disposition: null,
      acwMs,
      automatic: false,
      satisfaction: null,
    });
    push(at + waitMs + talkMs + acwMs, 'agent.state', null, agentId, null, {
      state: 'ready',
      reason: null,
      from: 'acw',
    });
    if (random() < 0.02) {
      push(at + waitMs + talkMs + acwMs + 1, 'agent.state', null, agentId, null, {
        state: 'not_ready',
        reason: 'break',
        from: 'ready',
      });
      push(at + waitMs + talkMs + acwMs + 600_000, 'agent.state', null, agentId, null, {
        state: 'ready',
        reason: null,
        from: 'not_ready',
      });
    }
  }
  raw.sort((a, b) => a.at - b.at);
  return { events: raw.map((e, i) => ({ ...e, seq: i + 1 })), queues: queueList, dayStart };
}

/** metrics.events_per_s: the engine folding a whole floor day, best of three runs. */
function metricsThroughput(): BenchResult {
  const day = floorDay();
  let best = 0;
  for (let run = 0; run < 3; run++) {
    const engine = new MetricsEngine({ timeZone, queues: day.queues, startAt: day.dayStart });
    const started = performance.now();
    for (const event of day.events) engine.apply(event);
    const snapshot = engine.snapshot(day.dayStart + 86_000_000);
    const seconds = (performance.now() - started) / 1000;
    if (snapshot.total.today.offered === 0) throw new Error('the engine counted nothing');
    best = Math.max(best, day.events.length / seconds);
  }
  return { id: 'metrics.events_per_s', value: Math.round(best), unit: 'events/s', better: 'higher' };
}

/** The wallboard area's benchmarks (ids named in its issue). */
export const wallboardBenchmark: Benchmark = {
  name: 'wallboard',
  async run() {
    const results: BenchResult[] = [metricsThroughput()];
    void round;
    return results;
  },
};

import { describe, expect, it } from 'vitest';
import { computeMetrics, MetricsEngine, rollingWindowMs } from './engine';
import { EventScript, testQueue } from './test-fixtures';

const tz = 'Asia/Shanghai';
/** A wall-clock time in Shanghai (UTC+8) on 2026-03-`day`. */
const local = (h: number, m = 0, s = 0, day = 10): number => Date.UTC(2026, 2, day, h - 8, m, s);
const sec = 1000;

/** Six contacts whose figures are worked out by hand below (T = 20 s, short abandon < 5 s). */
function sixContacts(): EventScript {
  return new EventScript()
    .handled('a', 'q', 'ag1', local(9, 0), 10 * sec, 100 * sec, 20 * sec)
    .handled('b', 'q', 'ag2', local(9, 1), 30 * sec, 200 * sec, 10 * sec)
    .handled('c', 'q', 'ag1', local(9, 10), 20 * sec, 60 * sec, 0)
    .abandoned('d', 'q', local(9, 2), 3 * sec)
    .abandoned('e', 'q', local(9, 3), 15 * sec)
    .abandoned('f', 'q', local(9, 4), 60 * sec);
}

describe('MetricsEngine: queues', () => {
  it('an empty window: zeros for counts, nothing for ratios', () => {
    const m = computeMetrics([], { timeZone: tz, queues: [testQueue('q')], now: local(9) });
    const q = m.queues[0];
    expect(q).toMatchObject({ waiting: 0, longestWaitMs: 0, oldestWaitingSince: null });
    expect(q?.today).toEqual({
      offered: 0,
      answered: 0,
      abandoned: 0,
      shortAbandoned: 0,
      handled: 0,
      serviceLevel: null,
      abandonRate: null,
      asaMs: null,
      ahtMs: null,
    });
    expect(q?.rolling.serviceLevel).toBeNull();
    expect(m.total.today.serviceLevel).toBeNull();
    expect(m.intervals).toHaveLength(37); // 00:00 … 09:00
    expect(m.intervals.every((i) => i.offered === 0 && i.serviceLevel === null)).toBe(true);
  });

  it.each([
    ['answered', 2 / 3, 0.5],
    ['answered_and_abandoned', 4 / 6, 0.5],
    ['excluding_short_abandons', 2 / 5, 2 / 5],
  ] as const)('service level variant %s, abandon rate, ASA, AHT', (variant, sl, abandon) => {
    const m = computeMetrics(sixContacts().sorted(), {
      timeZone: tz,
      queues: [testQueue('q', { variant })],
      now: local(12),
    });
    const today = m.queues[0]?.today;
    expect(today).toMatchObject({ offered: 6, answered: 3, abandoned: 3, shortAbandoned: 1, handled: 3 });
    expect(today?.serviceLevel).toBeCloseTo(sl);
    expect(today?.abandonRate).toBeCloseTo(abandon);
    expect(today?.asaMs).toBe(20 * sec); // (10 + 30 + 20) / 3
    expect(today?.ahtMs).toBe(130 * sec); // (120 + 210 + 60) / 3
    expect(m.total.today.serviceLevel).toBeCloseTo(sl);
  });

  it('thresholds come from the queue: T = 30 s makes b (30 s) answered within it', () => {
    const m = computeMetrics(sixContacts().sorted(), {
      timeZone: tz,
      queues: [testQueue('q', { thresholdSeconds: 30, shortAbandonSeconds: 16 })],
      now: local(12),
    });
    expect(m.queues[0]?.today.serviceLevel).toBe(1);
    expect(m.queues[0]?.today.shortAbandoned).toBe(2); // 3 s and 15 s < 16 s
  });

  it('contacts crossing midnight count where each fact happened', () => {
    const events = new EventScript()
      // Entirely yesterday: not today.
      .handled('old', 'q', 'ag1', local(22, 0, 0, 9), 5 * sec, 60 * sec, 10 * sec)
      // Queued 23:59, answered 00:01 after 120 s, talked 60 s, wrapped 30 s later.
      .handled('x', 'q', 'ag1', local(23, 59, 0, 9), 120 * sec, 60 * sec, 30 * sec)
      .sorted();
    const m = computeMetrics(events, {
      timeZone: tz,
      queues: [testQueue('q')],
      startAt: local(21, 0, 0, 9),
      now: local(0, 10),
    });
    const q = m.queues[0];
    expect(m.dayStart).toBe(local(0));
    expect(q?.today).toMatchObject({
      offered: 0,
      answered: 1,
      handled: 1,
      serviceLevel: 0,
      asaMs: 120 * sec,
      ahtMs: 90 * sec,
    });
    // The rolling half hour (23:40 … 00:10) reaches back over midnight.
    expect(q?.rolling).toMatchObject({ offered: 1, answered: 1, handled: 1 });
    expect(m.intervals).toHaveLength(1);
    expect(m.intervals[0]).toMatchObject({ start: local(0), offered: 0, answered: 1 });
  });

  it('a snapshot after midnight with no new events starts today empty', () => {
    const engine = new MetricsEngine({ timeZone: tz, queues: [testQueue('q')], startAt: local(9) });
    engine.applyAll(sixContacts().sorted());
    expect(engine.snapshot(local(23, 59)).queues[0]?.today.offered).toBe(6);
    const next = engine.snapshot(local(0, 0, 1, 11));
    expect(next.dayStart).toBe(local(0, 0, 0, 11));
    expect(next.queues[0]?.today.offered).toBe(0);
    expect(next.queues[0]?.today.serviceLevel).toBeNull();
  });

  it('the rolling window is (now − 30 min, now]', () => {
    const events = new EventScript().handled('a', 'q', 'ag1', local(9), 10 * sec, 60 * sec, 0).sorted();
    const engine = new MetricsEngine({ timeZone: tz, queues: [testQueue('q')], startAt: local(9) });
    engine.applyAll(events);
    const answeredAt = local(9) + 10 * sec;
    expect(engine.snapshot(answeredAt + rollingWindowMs - 1).queues[0]?.rolling.answered).toBe(1);
    const later = engine.snapshot(answeredAt + rollingWindowMs).queues[0];
    expect(later?.rolling.answered).toBe(0);
    expect(later?.rolling.asaMs).toBeNull();
    expect(later?.today.answered).toBe(1);
  });

  it('15-minute intervals from local midnight', () => {
    const events = new EventScript()
      .handled('a', 'q', 'ag1', local(9, 5), 10 * sec, 60 * sec, 0)
      .handled('b', 'q', 'ag1', local(9, 20), 40 * sec, 60 * sec, 0)
      .abandoned('c', 'q', local(9, 29), 61 * sec) // abandoned 09:30:01: the next interval
      .sorted();
    const m = computeMetrics(events, { timeZone: tz, queues: [testQueue('q')], now: local(9, 40) });
    expect(m.intervals).toHaveLength(39);
    expect(m.intervals[36]).toMatchObject({ start: local(9), offered: 1, answered: 1, serviceLevel: 1 });
    expect(m.intervals[37]).toMatchObject({
      start: local(9, 15),
      offered: 2,
      answered: 1,
      abandoned: 0,
      serviceLevel: 0,
    });
    // Variant "answered": abandons do not enter the service level, so that interval has none.
    expect(m.intervals[38]).toMatchObject({ start: local(9, 30), offered: 0, abandoned: 1, serviceLevel: null });
  });

  it('waiting contacts and the longest wait', () => {
    const s = new EventScript()
      .add(local(9), 'interaction.created', { interactionId: 'a', queueId: 'q' })
      .add(local(9, 1), 'interaction.created', { interactionId: 'b', queueId: 'q' })
      .add(local(9, 1, 30), 'interaction.offered', { interactionId: 'a', agentId: 'ag1', queueId: 'q' });
    const engine = new MetricsEngine({ timeZone: tz, queues: [testQueue('q')], startAt: local(9) });
    engine.applyAll(s.events);
    expect(engine.snapshot(local(9, 2)).queues[0]).toMatchObject({
      waiting: 2,
      longestWaitMs: 120 * sec,
      oldestWaitingSince: local(9),
    });
    engine.apply({
      ...s.events[0]!,
      seq: 10,
      at: local(9, 2),
      type: 'interaction.accepted',
      agentId: 'ag1',
      data: { waitMs: 120 * sec },
    });
    expect(engine.snapshot(local(9, 3)).queues[0]).toMatchObject({ waiting: 1, longestWaitMs: 120 * sec });
  });

  it('a transfer to another queue is offered there; to a colleague it is not offered again', () => {
    const s = new EventScript()
      .add(local(9), 'interaction.created', { interactionId: 'a', queueId: 'q1' })
      .add(local(9, 0, 5), 'interaction.accepted', {
        interactionId: 'a',
        agentId: 'ag1',
        queueId: 'q1',
        data: { waitMs: 5 * sec },
      })
      .add(local(9, 2), 'interaction.transferred', {
        interactionId: 'a',
        agentId: 'ag1',
        queueId: 'q2',
        data: { from: 'q1', toAgent: null },
      })
      .add(local(9, 2, 50), 'interaction.accepted', {
        interactionId: 'a',
        agentId: 'ag2',
        queueId: 'q2',
        data: { waitMs: 50 * sec },
      })
      .add(local(9, 4), 'interaction.transferred', {
        interactionId: 'a',
        agentId: 'ag2',
        queueId: 'q2',
        data: { from: 'q2', toAgent: 'ag3' },
      })
      .add(local(9, 4, 5), 'interaction.accepted', {
        interactionId: 'a',
        agentId: 'ag3',
        queueId: 'q2',
        data: { waitMs: 5 * sec },
      })
      .add(local(9, 5), 'interaction.ended', {
        interactionId: 'a',
        agentId: 'ag3',
        queueId: 'q2',
        data: { by: 'agent', talkMs: 55 * sec, holdMs: 15 * sec },
      })
      .add(local(9, 5, 30), 'interaction.wrapped', {
        interactionId: 'a',
        agentId: 'ag3',
        queueId: 'q2',
        data: { acwMs: 30 * sec },
      });
    const m = computeMetrics(s.events, { timeZone: tz, queues: [testQueue('q1'), testQueue('q2')], now: local(9, 10) });
    expect(m.queues[0]?.today).toMatchObject({ offered: 1, answered: 1, serviceLevel: 1, handled: 0 });
    expect(m.queues[1]?.today).toMatchObject({
      offered: 1,
      answered: 1,
      serviceLevel: 0,
      asaMs: 50 * sec,
      handled: 1,
      ahtMs: 100 * sec,
    });
    expect(m.total.today).toMatchObject({ offered: 2, answered: 2, serviceLevel: 0.5, handled: 1 });
    expect(m.queues[1]?.waiting).toBe(0);
  });
});

describe('MetricsEngine: agents', () => {
  it('state, reason, current contact, handled, AHT and occupancy (Not ready left out)', () => {
    const s = new EventScript()
      .state(local(9), 'ag1', 'ready')
      .add(local(9, 10), 'interaction.created', { interactionId: 'a', queueId: 'q' })
      .add(local(9, 10), 'interaction.offered', { interactionId: 'a', agentId: 'ag1', queueId: 'q' })
      .state(local(9, 10), 'ag1', 'offered')
      .add(local(9, 10, 10), 'interaction.accepted', {
        interactionId: 'a',
        agentId: 'ag1',
        queueId: 'q',
        data: { waitMs: 10 * sec },
      })
      .state(local(9, 10, 10), 'ag1', 'on_contact');
    const engine = new MetricsEngine({ timeZone: tz, queues: [testQueue('q')], startAt: local(9) });
    engine.syncAgents([{ id: 'ag1', name: 'Li Na', skills: ['q'] }]);
    engine.applyAll(s.events);
    const during = engine.snapshot(local(9, 12)).agents[0];
    expect(during).toMatchObject({
      name: 'Li Na',
      state: 'on_contact',
      currentInteractionId: 'a',
      currentQueueId: 'q',
      handledToday: 0,
      ahtMs: null,
    });
    expect(engine.snapshot(local(9, 12)).queues[0]?.agents).toMatchObject({ onContact: 1, ready: 0 });

    s.add(local(9, 15), 'interaction.ended', {
      interactionId: 'a',
      agentId: 'ag1',
      queueId: 'q',
      data: { by: 'customer', talkMs: 290 * sec },
    })
      .state(local(9, 15), 'ag1', 'acw')
      .add(local(9, 15, 30), 'interaction.wrapped', {
        interactionId: 'a',
        agentId: 'ag1',
        queueId: 'q',
        data: { acwMs: 30 * sec },
      })
      .state(local(9, 15, 30), 'ag1', 'ready')
      .state(local(9, 20), 'ag1', 'not_ready', 'break');
    engine.applyAll(s.events);
    const after = engine.snapshot(local(9, 30)).agents[0];
    // Handle: 290 s on contact + 30 s ACW = 320 s. Idle: 600 s ready + 10 s ringing + 270 s ready = 880 s.
    expect(after).toMatchObject({
      state: 'not_ready',
      reason: 'break',
      since: local(9, 20),
      currentInteractionId: null,
      handledToday: 1,
      ahtMs: 320 * sec,
    });
    expect(after?.occupancy).toBeCloseTo(320 / 1200);
    expect(engine.snapshot(local(9, 30)).queues[0]?.agents).toMatchObject({ notReady: 1 });
  });

  it('time in a state that began yesterday counts from midnight', () => {
    const s = new EventScript().state(local(23, 50, 0, 9), 'ag1', 'ready').state(local(0, 5), 'ag1', 'on_contact');
    const m = computeMetrics(s.events, { timeZone: tz, queues: [], startAt: local(23, 0, 0, 9), now: local(0, 10) });
    // 5 min ready after midnight (not the 10 min before it), 5 min on contact.
    expect(m.agents[0]?.occupancy).toBeCloseTo(0.5);
    expect(m.agents[0]?.since).toBe(local(0, 5));
  });

  it('agents the log has not mentioned take their state from the center list', () => {
    const m = computeMetrics([], {
      timeZone: tz,
      queues: [testQueue('q')],
      agents: [{ id: 'ag9', name: 'Wang', skills: ['q'], state: 'not_ready', reason: 'lunch', since: local(8) }],
      now: local(9),
    });
    expect(m.agents[0]).toMatchObject({
      agentId: 'ag9',
      state: 'not_ready',
      reason: 'lunch',
      since: local(8),
      occupancy: null,
    });
    expect(m.queues[0]?.agents.notReady).toBe(1);
  });
});

describe('MetricsEngine: incremental', () => {
  it('folding event by event with snapshots between equals one batch', () => {
    const events = sixContacts().sorted();
    const engine = new MetricsEngine({ timeZone: tz, queues: [testQueue('q')], startAt: local(9) });
    for (const event of events) {
      engine.apply(event);
      engine.snapshot(event.at);
    }
    engine.apply(events[3]!); // a repeat is ignored
    const batch = computeMetrics(events, { timeZone: tz, queues: [testQueue('q')], now: local(12) });
    expect(engine.snapshot(local(12))).toEqual(batch);
    expect(engine.lastSeq).toBe(events.length);
  });
});

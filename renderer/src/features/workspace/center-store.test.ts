import { describe, expect, it } from 'vitest';
import { workItemsFor } from '../../../../shared/center/work-items';
import { CenterStore, mergeMessages } from './center-store';
import { makeAgent, makeFollowUp, makeInteraction, makeSnapshot, makeTicket, syntheticSnapshot } from './fixtures';
import type { Message } from '../../../../shared/center/types';

function fullRecompute(store: CenterStore, snapshot: ReturnType<typeof makeSnapshot>, now: number) {
  return workItemsFor('me', { ...snapshot, queues: store.queues }, now).map((i) => i.key);
}

function message(seq: number, patch: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    interactionId: 'i1',
    seq,
    author: 'customer',
    authorName: 'C',
    text: `hello ${seq}`,
    attachment: null,
    at: seq,
    delivery: 'sent',
    ...patch,
  };
}

describe('CenterStore', () => {
  it('loads a snapshot and derives the unified queue in workItemsFor order', () => {
    const now = 10_000_000;
    const snapshot = syntheticSnapshot(300, now);
    const store = new CenterStore(() => now);
    store.loadSnapshot(snapshot);
    expect(store.load.status).toBe('ready');
    expect(store.items.map((i) => i.key)).toEqual(fullRecompute(store, snapshot, now));
  });

  it('keeps the incremental order equal to a full recompute through many updates', () => {
    const now = 10_000_000;
    const snapshot = syntheticSnapshot(200, now);
    const store = new CenterStore(() => now);
    store.loadSnapshot(snapshot);
    const interactions = new Map(snapshot.interactions.map((i) => [i.id, i]));
    const tickets = new Map(snapshot.tickets.map((t) => [t.id, t]));
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    for (let step = 0; step < 400; step++) {
      if (step % 3 === 0) {
        const list = [...tickets.values()];
        const ticket = list[random(list.length)]!;
        const next = { ...ticket, dueAt: now + random(100_000) - 50_000, status: step % 7 ? ticket.status : 'solved' };
        tickets.set(next.id, next as typeof ticket);
        store.apply({ type: 'ticket', ticket: next as typeof ticket });
      } else {
        const list = [...interactions.values()];
        const interaction = list[random(list.length)]!;
        const states = ['offered', 'active', 'wrap', 'ended'] as const;
        const state = states[random(states.length)]!;
        const next = {
          ...interaction,
          state,
          offeredTo: state === 'offered' ? 'me' : null,
          awaitingReplySince: random(2) ? now - random(60_000) : null,
          wrapEndsAt: state === 'wrap' ? now + random(60_000) : null,
          endedAt: state === 'wrap' ? now - 1000 : null,
          unread: random(5),
        };
        interactions.set(next.id, next);
        store.apply({ type: 'interaction', interaction: next });
      }
    }
    const expected = workItemsFor(
      'me',
      { interactions: interactions.values(), tickets: tickets.values(), followUps: [], queues: store.queues },
      now,
    ).map((i) => i.key);
    expect(store.items.map((i) => i.key)).toEqual(expected);
  });

  it('keeps the same list and item objects when an event changes nothing the queue shows', () => {
    const store = new CenterStore(() => 1000);
    const interaction = makeInteraction('i1');
    store.loadSnapshot(makeSnapshot({ interactions: [interaction, makeInteraction('i2')] }));
    const before = store.items;
    const itemBefore = store.item('i:i2');
    store.apply({ type: 'interaction', interaction: { ...interaction, customerTyping: true } });
    expect(store.items).toBe(before);
    store.apply({ type: 'interaction', interaction: { ...interaction, unread: 3 } });
    expect(store.items).not.toBe(before);
    expect(store.item('i:i2')).toBe(itemBefore);
    expect(store.item('i:i1')?.unread).toBe(3);
  });

  it('drops items that leave the agent and adds offers made to them', () => {
    const store = new CenterStore(() => 1000);
    store.loadSnapshot(makeSnapshot({ interactions: [makeInteraction('i1')] }));
    store.apply({ type: 'interaction', interaction: makeInteraction('i1', { agentId: 'other' }) });
    expect(store.items).toEqual([]);
    store.apply({
      type: 'interaction',
      interaction: makeInteraction('i2', { state: 'offered', agentId: null, offeredTo: 'me' }),
    });
    expect(store.items.map((i) => i.key)).toEqual(['i:i2']);
    store.apply({ type: 'ticket', ticket: makeTicket('t1', { assigneeId: 'someone' }) });
    expect(store.items.map((i) => i.key)).toEqual(['i:i2']);
  });

  it('adds a follow-up to the queue once it falls due', () => {
    let now = 1000;
    const store = new CenterStore(() => now);
    store.loadSnapshot(makeSnapshot({ followUps: [makeFollowUp('f1', { dueAt: 5000 })] }));
    expect(store.items).toEqual([]);
    expect(store.nextFollowUpDue).toBe(5000);
    now = 5000;
    store.tick();
    expect(store.items.map((i) => i.key)).toEqual(['f:f1']);
    expect(store.nextFollowUpDue).toBe(Number.POSITIVE_INFINITY);
    store.apply({ type: 'followUp', followUp: makeFollowUp('f1', { dueAt: 5000, state: 'done' }) });
    expect(store.items).toEqual([]);
  });

  it('updates me and colleagues from agent events, and ignores strangers', () => {
    const store = new CenterStore();
    store.loadSnapshot(makeSnapshot({ colleagues: [{ id: 'a2', name: 'Ann', state: 'ready' }] }));
    let notified = 0;
    store.subscribe(() => (notified += 1));
    store.apply({ type: 'agent', agent: makeAgent('me', { state: 'not_ready', reason: 'lunch' }) });
    expect(store.me?.reason).toBe('lunch');
    store.apply({ type: 'agent', agent: makeAgent('a2', { name: 'Ann', state: 'offline' }) });
    expect(store.colleagues[0]?.state).toBe('offline');
    store.apply({ type: 'agent', agent: makeAgent('zz') });
    expect(notified).toBe(2);
  });

  it('merges transcript pages and live messages by seq, once each', () => {
    const store = new CenterStore();
    store.loadSnapshot(makeSnapshot());
    // Live messages for a chat nobody opened are not kept: its first page brings them.
    store.apply({ type: 'message', message: message(9) });
    expect(store.transcript('i1').loaded).toBe(false);
    store.setTranscript('i1', { messages: [message(5), message(6)], more: true }, false);
    store.apply({ type: 'message', message: message(7) });
    store.apply({ type: 'message', message: message(7, { delivery: 'read' }) });
    store.setTranscript('i1', { messages: [message(3), message(4)], more: false }, true);
    const t = store.transcript('i1');
    expect(t.messages.map((m) => m.seq)).toEqual([3, 4, 5, 6, 7]);
    expect(t.messages.at(-1)?.delivery).toBe('read');
    expect(t.more).toBe(false);
  });

  it('training flag follows its event', () => {
    const store = new CenterStore();
    store.loadSnapshot(makeSnapshot({ training: { active: true } }));
    expect(store.training).toBe(true);
    store.apply({ type: 'training', active: false });
    expect(store.training).toBe(false);
  });
});

describe('mergeMessages', () => {
  it('appends in order and replaces a message seen again', () => {
    expect(mergeMessages([message(1)], [message(2)]).map((m) => m.seq)).toEqual([1, 2]);
    expect(mergeMessages([message(1), message(2)], [message(1, { text: 'x' })]).map((m) => m.text)).toEqual([
      'x',
      'hello 2',
    ]);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiError } from '../../shared/api/errors';
import type { CustomerNotice } from '../../shared/center/customer-protocol';
import { EventBus } from '../api/event-bus';
import { SqlClient } from '../db/sql-client';
import { createLogger, MemorySink } from '../log/logger';
import { defaultQueues, relabelDefaultQueue } from './center-seed';
import { EmbeddedCenter } from './embedded-center';

/** Timers the test fires by hand: offer timeouts and after-call work run when the test says. */
class ManualTimers {
  readonly pending = new Map<number, { fn: () => void; ms: number }>();
  #next = 1;
  set = (fn: () => void, ms: number): ReturnType<typeof setTimeout> => {
    const id = this.#next++;
    this.pending.set(id, { fn, ms });
    return id as unknown as ReturnType<typeof setTimeout>;
  };
  clear = (timer: ReturnType<typeof setTimeout>): void => void this.pending.delete(timer as unknown as number);
  /** Runs every timer armed for at most `ms`. */
  fire(ms = Number.MAX_SAFE_INTEGER): void {
    for (const [id, timer] of [...this.pending]) {
      if (timer.ms <= ms) {
        this.pending.delete(id);
        timer.fn();
      }
    }
  }
}

let dir: string;
let db: SqlClient;
let bus: EventBus;
let timers: ManualTimers;
let clock: number;
let center: EmbeddedCenter;
let emitted: Array<{ name: string; payload: unknown }>;

async function openCenter(): Promise<EmbeddedCenter> {
  const log = createLogger(new MemorySink(), 'test', () => new Date(clock));
  db ??= await SqlClient.open({ file: path.join(dir, 'center.db'), log });
  const next = new EmbeddedCenter({
    db,
    events: bus,
    log,
    now: () => clock,
    setTimer: timers.set,
    clearTimer: timers.clear,
  });
  await next.load();
  return next;
}

/** Waits for the center's background work (timers fire async handlers) to settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await db.run('meta.schemaVersion');
}

beforeEach(async () => {
  // Not test-support's tempDir: that module builds every service, and this test needs only the center.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatdesk-center-'));
  bus = new EventBus();
  emitted = [];
  bus.subscribe((name, payload) => emitted.push({ name, payload }));
  timers = new ManualTimers();
  clock = Date.UTC(2026, 11, 2, 9, 0, 0);
  center = await openCenter();
  for (const queue of defaultQueues('en')) await center.saveQueue(queue);
});

afterEach(async () => {
  center.close();
  await db.close();
  db = undefined as unknown as SqlClient;
  fs.rmSync(dir, { recursive: true, force: true });
});

const skills = ['hotline', 'after-sales', 'orders', 'tickets'];

async function startChat(notices: CustomerNotice[] = [], name = 'Wang Fang', identity = 'wang@example.com') {
  const { interaction } = await center.customerStart(
    { queueId: 'after-sales', name, identity },
    (n) => void notices.push(n),
  );
  return interaction;
}

describe('embedded center: routing and offers', () => {
  it('offers a new chat to the longest-idle ready agent', async () => {
    await center.upsertAgent({ id: 'a', name: 'A', skills, maxChats: 3 }, 'ready');
    clock += 1000;
    await center.upsertAgent({ id: 'b', name: 'B', skills, maxChats: 3 }, 'ready');
    const chat = await startChat();
    expect(center.interaction(chat.id)).toMatchObject({ state: 'offered', offeredTo: 'a' });
    expect(center.agent('a')?.state).toBe('offered');
    expect(emitted.some((e) => e.name === 'center.offer')).toBe(true);
  });

  it('re-offers to the next agent on timeout and counts the miss; N misses make the agent Not ready', async () => {
    await center.upsertAgent({ id: 'a', name: 'A', skills, maxChats: 3 }, 'ready');
    clock += 1000;
    await center.upsertAgent({ id: 'b', name: 'B', skills, maxChats: 3 }, 'ready');
    const chat = await startChat();
    timers.fire(15_000);
    await settle();
    expect(center.interaction(chat.id)).toMatchObject({ state: 'offered', offeredTo: 'b', declinedBy: ['a'] });
    expect(center.agent('a')?.missedInRow).toBe(1);
    // b declines: back to a (the only other agent), who misses twice more and goes Not ready.
    await center.decline('b', chat.id);
    expect(center.interaction(chat.id)?.offeredTo).toBe('a');
    timers.fire(15_000);
    await settle();
    await center.decline('b', chat.id);
    timers.fire(15_000);
    await settle();
    expect(center.agent('a')).toMatchObject({ state: 'not_ready', reason: 'missed', missedInRow: 3 });
    const log = await center.eventLog(0);
    expect(log.filter((e) => e.type === 'interaction.offer_timeout')).toHaveLength(3);
    expect(log.filter((e) => e.type === 'interaction.declined')).toHaveLength(2);
  });

  it('lets exactly one of two simultaneous accepts win', async () => {
    await center.upsertAgent({ id: 'a', name: 'A', skills, maxChats: 3 }, 'ready');
    await center.upsertAgent({ id: 'b', name: 'B', skills, maxChats: 3 }, 'not_ready');
    const chat = await startChat();
    const results = await Promise.allSettled([
      center.accept('a', chat.id),
      center.accept('b', chat.id),
      center.accept('a', chat.id),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as ApiError).code)).toEqual(['conflict', 'conflict']);
  });

  it('routes by queue priority, then waiting time, once an agent becomes ready', async () => {
    await center.upsertAgent({ id: 'a', name: 'A', skills, maxChats: 1 }, 'not_ready');
    const orders = await center.customerStart({ queueId: 'orders', name: 'Early', identity: '' }, () => undefined);
    clock += 5000;
    const afterSales = await startChat();
    await center.setState('a', 'ready');
    // after-sales (priority 50) beats orders (40) although orders waited longer.
    expect(center.interaction(afterSales.id)?.state).toBe('offered');
    expect(center.interaction(orders.interaction.id)?.state).toBe('waiting');
  });

  it('respects chat capacity: a full agent gets no further chat', async () => {
    await center.upsertAgent({ id: 'a', name: 'A', skills, maxChats: 2 }, 'ready');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const chat = await startChat([], `C${i}`, `c${i}@example.com`);
      ids.push(chat.id);
      if (center.interaction(chat.id)?.state === 'offered') await center.accept('a', chat.id);
    }
    expect(ids.map((id) => center.interaction(id)?.state)).toEqual(['active', 'active', 'waiting']);
    expect(center.agent('a')?.state).toBe('on_contact');
  });
});

describe('embedded center: a chat from start to wrap-up', () => {
  it('carries messages both ways, asks the customer to rate, requires a disposition, and logs each step', async () => {
    await center.upsertAgent({ id: 'a', name: 'Li Na', skills, maxChats: 3 }, 'ready');
    const notices: CustomerNotice[] = [];
    const chat = await startChat(notices);
    await center.customerSend(chat.id, '我要退款', undefined, 'c1');
    await center.accept('a', chat.id);
    expect(notices).toContainEqual({ type: 'state', state: 'connected', agentName: 'Li Na' });
    // What the customer wrote while waiting needs a reply: its clock runs from the queue time.
    expect(center.interaction(chat.id)).toMatchObject({
      unread: 1,
      lastCustomerText: '我要退款',
      awaitingReplySince: chat.queuedAt,
    });

    const reply = await center.agentSend('a', chat.id, '<b>您好</b>', undefined, 'r1');
    const again = await center.agentSend('a', chat.id, '<b>您好</b>', undefined, 'r1');
    expect(again.id).toBe(reply.id); // a retried send is not posted twice
    expect(center.interaction(chat.id)?.awaitingReplySince).toBeNull();
    expect(notices.filter((n) => n.type === 'message' && n.message.from === 'agent')).toHaveLength(1);
    await center.markRead('a', chat.id);
    expect(notices).toContainEqual({
      type: 'message',
      message: expect.objectContaining({ from: 'customer', text: '我要退款', delivery: 'read' }),
    });
    await center.note('a', chat.id, 'internal: VIP');
    expect(notices.some((n) => n.type === 'message' && n.message.text.includes('internal'))).toBe(false);

    await expect(
      center.agentSend('a', chat.id, '', { name: 'x.exe', mime: 'application/x-msdownload', dataBase64: 'AAAA' }, 'r2'),
    ).rejects.toMatchObject({ code: 'bad_request' });

    await center.end(chat.id, 'agent', 'a');
    expect(notices.at(-1)).toEqual({ type: 'rateRequest' });
    await center.customerRate(chat.id, 4);
    await expect(
      center.wrapUp('a', chat.id, { disposition: null, notes: '', ticketId: null, satisfaction: null }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    const done = await center.wrapUp('a', chat.id, {
      disposition: 'Refund issued',
      notes: 'refunded',
      ticketId: null,
      satisfaction: null,
    });
    expect(done).toMatchObject({ state: 'ended', disposition: 'Refund issued', satisfaction: 4 });
    expect(center.agent('a')?.state).toBe('ready');

    const { messages } = await center.messages(chat.id, null, 50);
    expect(messages.map((m) => m.author)).toEqual(['customer', 'system', 'agent', 'note', 'system']);
    const types = (await center.eventLog(0)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'interaction.created',
        'interaction.offered',
        'interaction.accepted',
        'interaction.ended',
        'interaction.wrapped',
      ]),
    );
  });

  it('refuses a chat outside the queue’s opening hours with a message the customer can act on', async () => {
    const [, chatQueue] = defaultQueues('en');
    await center.saveQueue({
      ...chatQueue!,
      id: 'closed',
      businessHours: { timeZone: 'UTC', days: Array.from({ length: 7 }, () => null) },
    });
    await expect(
      center.customerStart({ queueId: 'closed', name: 'Late', identity: '' }, () => undefined),
    ).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/closed now/),
    });
  });

  it('counts a chat left before anyone answered as abandoned', async () => {
    const chat = await startChat();
    await center.end(chat.id, 'customer');
    expect(center.interaction(chat.id)).toBeUndefined();
    expect((await center.eventLog(0)).map((e) => e.type)).toContain('interaction.abandoned');
  });

  it('survives a restart: the conversation, the agent state and the after-call clock are intact', async () => {
    await center.upsertAgent({ id: 'a', name: 'A', skills, maxChats: 3 }, 'ready');
    const chat = await startChat();
    await center.customerSend(chat.id, 'hello', undefined, 'c1');
    await center.accept('a', chat.id);
    await center.agentSend('a', chat.id, 'hi', undefined, 'r1');
    center.close();
    timers.pending.clear();

    clock += 10_000;
    center = await openCenter();
    expect(center.interaction(chat.id)).toMatchObject({ state: 'active', agentId: 'a' });
    expect(center.agent('a')?.state).toBe('on_contact');
    const { messages } = await center.messages(chat.id, null, 50);
    expect(messages.map((m) => m.text)).toEqual(['hello', 'joined:A', 'hi']);
    // New messages continue the sequence rather than colliding with the stored ones.
    await center.agentSend('a', chat.id, 'still here', undefined, 'r2');
    expect((await center.messages(chat.id, null, 50)).messages.map((m) => m.seq)).toEqual([0, 1, 2, 3]);
  });
});

describe('embedded center: tickets and the follow-up loop', () => {
  it('creates a ticket from a chat, solves it with a follow-up, and closes the loop when the customer is reached', async () => {
    await center.upsertAgent({ id: 'a', name: 'A', skills, maxChats: 3 }, 'ready');
    const customer = await center.saveCustomer({
      name: 'Wang Fang',
      phones: ['+86 138 0013 8000'],
      email: '',
      chatIdentity: 'wang@example.com',
      vip: 'gold',
      tags: [],
      notes: '',
    });
    const chat = await startChat();
    expect(center.interaction(chat.id)?.customerId).toBe(customer.id); // screen pop by identity

    const ticket = await center.createTicket(
      { agentId: 'a', name: 'A' },
      {
        subject: 'Refund',
        description: '',
        requesterId: null,
        priority: 'high',
        queueId: null,
        tags: [],
        fromInteractionId: chat.id,
      },
    );
    expect(ticket).toMatchObject({ requesterId: customer.id, status: 'open', interactionIds: [chat.id], number: 1001 });
    expect(ticket.dueAt).toBe(clock + 8 * 3_600_000);
    await expect(center.updateTicket(ticket.id, { status: 'closed' })).rejects.toMatchObject({ code: 'conflict' });

    const { followUp } = await center.solve(
      ticket.id,
      { agentId: 'a', name: 'A' },
      { followUp: { dueAt: clock + 60_000 } },
    );
    expect(followUp).toMatchObject({ phone: '+86 138 0013 8000', state: 'scheduled' });
    const done = await center.completeFollowUp('a', 'A', followUp!.id, {
      reached: true,
      satisfaction: 5,
      notes: 'happy',
    });
    expect(done.state).toBe('done');
    expect((await center.ticket(ticket.id)).ticket.status).toBe('closed');
  });

  it('finds a caller by the trailing digits of any number format', async () => {
    const customer = await center.saveCustomer({
      name: 'Chen',
      phones: ['139-1234-5678'],
      email: '',
      chatIdentity: null,
      vip: 'none',
      tags: [],
      notes: '',
    });
    await center.upsertAgent({ id: 'a', name: 'A', skills, maxChats: 3 }, 'ready');
    const call = await center.createInteraction({
      channel: 'voice',
      queueId: 'hotline',
      customerName: '+8613912345678',
      contact: '+8613912345678',
      subject: '',
      offerTo: 'a',
    });
    expect(call).toMatchObject({
      customerId: customer.id,
      customerName: 'Chen',
      state: 'offered',
      offerExpiresAt: null,
    });
    expect((await center.findCustomers('5678')).map((c) => c.id)).toEqual([customer.id]);
  });
});

describe('seed data', () => {
  it('relabels untouched default queues in the chosen language and leaves edited ones alone', () => {
    const [hotline, afterSales] = defaultQueues('en');
    expect(relabelDefaultQueue(hotline!, 'zh-CN')).toMatchObject({
      name: '热线',
      dispositions: expect.arrayContaining(['已退款']),
    });
    expect(relabelDefaultQueue(hotline!, 'en')).toBeNull();
    const edited = { ...afterSales!, name: 'VIP after-sales' };
    expect(relabelDefaultQueue(edited, 'zh-TW')).toMatchObject({
      name: 'VIP after-sales',
      dispositions: expect.arrayContaining(['客訴']),
    });
  });
});

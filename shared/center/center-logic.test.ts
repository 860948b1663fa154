import { describe, expect, it } from 'vitest';
import { fillCannedReply } from './canned';
import { allDayHours, isOpen } from './hours';
import { canMoveTicket, ticketDueAt } from './tickets';
import type { FollowUp, Interaction, Queue, Ticket } from './types';
import { slaLevel, workItemsFor } from './work-items';

describe('canned reply variables', () => {
  it('fills known variables and leaves unknown or empty ones visible', () => {
    expect(
      fillCannedReply('{customer.name}您好,我是{agent.name}。{ticket.number} {order.id}', {
        'customer.name': '王芳',
        'agent.name': '李娜',
        'ticket.number': '',
      }),
    ).toBe('王芳您好,我是李娜。{ticket.number} {order.id}');
  });
});

describe('ticket state machine', () => {
  it('allows the closed loop and refuses shortcuts', () => {
    expect(canMoveTicket('new', 'open')).toBe(true);
    expect(canMoveTicket('open', 'pending')).toBe(true);
    expect(canMoveTicket('pending', 'solved')).toBe(true);
    expect(canMoveTicket('solved', 'open')).toBe(true);
    expect(canMoveTicket('solved', 'closed')).toBe(true);
    expect(canMoveTicket('open', 'closed')).toBe(false);
    expect(canMoveTicket('closed', 'open')).toBe(false);
    expect(ticketDueAt('urgent', 0)).toBe(4 * 3_600_000);
  });
});

const queue = { id: 'q', name: 'Queue', serviceLevel: { thresholdSeconds: 20 } } as Queue;
const queues = new Map([['q', queue]]);
const base = {
  queueId: 'q',
  customerName: 'C',
  subject: '',
  unread: 0,
  declinedBy: [],
  answeredAt: null,
  endedAt: null,
  wrapEndsAt: null,
  awaitingReplySince: null,
} as unknown as Interaction;

describe('the unified queue', () => {
  const now = 100_000;
  const items = workItemsFor(
    'me',
    {
      queues,
      interactions: [
        {
          ...base,
          id: 'chat-waiting-reply',
          channel: 'chat',
          state: 'active',
          agentId: 'me',
          awaitingReplySince: now - 50_000,
        },
        { ...base, id: 'offer', channel: 'chat', state: 'offered', offeredTo: 'me', queuedAt: now - 5_000 },
        { ...base, id: 'someone-else', channel: 'chat', state: 'active', agentId: 'other' },
        {
          ...base,
          id: 'wrap',
          channel: 'voice',
          state: 'wrap',
          agentId: 'me',
          endedAt: now - 10_000,
          wrapEndsAt: now + 20_000,
        },
        { ...base, id: 'quiet-chat', channel: 'chat', state: 'active', agentId: 'me', answeredAt: now - 1000 },
      ],
      tickets: [
        {
          id: 't1',
          number: 1001,
          subject: 'Refund',
          requesterName: 'W',
          status: 'open',
          assigneeId: 'me',
          createdAt: 0,
          dueAt: now + 3_600_000,
        } as Ticket,
        {
          id: 't2',
          number: 1002,
          subject: 'Done',
          requesterName: 'W',
          status: 'solved',
          assigneeId: 'me',
          createdAt: 0,
          dueAt: 0,
        } as Ticket,
      ],
      followUps: [
        {
          id: 'due',
          assigneeId: 'me',
          state: 'scheduled',
          dueAt: now - 1,
          customerName: 'W',
          phone: '138',
        } as FollowUp,
        {
          id: 'later',
          assigneeId: 'me',
          state: 'scheduled',
          dueAt: now + 1,
          customerName: 'W',
          phone: '138',
        } as FollowUp,
      ],
    },
    now,
  );

  it("holds only this agent's work: offers, active and wrap-up contacts, open tickets, due follow-ups", () => {
    expect(items.map((i) => i.key).sort()).toEqual(
      ['f:due', 'i:chat-waiting-reply', 'i:offer', 'i:quiet-chat', 'i:wrap', 't:t1'].sort(),
    );
  });

  it('puts offers first, then sorts by the SLA time left', () => {
    // The reply is due in 10 s, the after-call work ends in 20 s; a quiet chat has no clock and goes last.
    expect(items.map((i) => i.key)).toEqual([
      'i:offer',
      'i:chat-waiting-reply',
      'i:wrap',
      'f:due',
      't:t1',
      'i:quiet-chat',
    ]);
  });

  it('colours the SLA green, amber, then red', () => {
    const item = { dueAt: 1000, windowMs: 1000, timed: true };
    expect(slaLevel(item, 0)).toBe('ok');
    expect(slaLevel(item, 600)).toBe('warning');
    expect(slaLevel(item, 1000)).toBe('breached');
    expect(slaLevel({ ...item, timed: false }, 5000)).toBe('ok');
  });
});

describe('business hours', () => {
  const weekdays = {
    timeZone: 'Asia/Shanghai',
    days: [
      null,
      ...Array.from({ length: 5 }, () => ({ open: '09:00', close: '18:00' })),
      { open: '22:00', close: '06:00' },
    ],
  };
  // 2026-12-02 is a Wednesday; 09:30 in Shanghai is 01:30 UTC.
  it('opens and closes in the queue’s own time zone', () => {
    expect(isOpen(weekdays, Date.UTC(2026, 11, 2, 1, 30))).toBe(true);
    expect(isOpen(weekdays, Date.UTC(2026, 11, 2, 0, 59))).toBe(false);
    expect(isOpen(weekdays, Date.UTC(2026, 11, 2, 10, 0))).toBe(false); // 18:00 local: closed
  });
  it('runs an overnight opening past midnight and keeps a closed day closed', () => {
    // Saturday 23:00 and Sunday 05:00 local are inside Saturday's 22:00–06:00.
    expect(isOpen(weekdays, Date.UTC(2026, 11, 5, 15, 0))).toBe(true);
    expect(isOpen(weekdays, Date.UTC(2026, 11, 5, 21, 0))).toBe(true);
    expect(isOpen(weekdays, Date.UTC(2026, 11, 6, 3, 0))).toBe(false); // Sunday 11:00: closed
  });
  it('treats equal open and close times as around the clock', () => {
    expect(isOpen(allDayHours('Europe/Berlin'), Date.UTC(2026, 11, 6, 3, 0))).toBe(true);
  });
});

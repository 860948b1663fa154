import type { CenterSnapshot } from '../../../../shared/center/contract';
import type { Agent, FollowUp, Interaction, Queue, Ticket } from '../../../../shared/center/types';

/**
 * Synthetic center data: for the unit tests and for the test-only benchmark hook,
 * which loads thousands of items into the store without a service behind it.
 */

export function makeQueue(id: string, patch: Partial<Queue> = {}): Queue {
  return {
    id,
    name: `Queue ${id}`,
    channel: 'chat',
    priority: 10,
    skill: 'general',
    serviceLevel: { thresholdSeconds: 20, target: 0.8, variant: 'answered', shortAbandonSeconds: 5 },
    businessHours: { timeZone: 'UTC', days: [null, null, null, null, null, null, null] },
    dispositions: ['Resolved', 'Follow-up needed'],
    dispositionRequired: true,
    acwSeconds: 60,
    offerTimeoutSeconds: 15,
    ...patch,
  };
}

export function makeAgent(id: string, patch: Partial<Agent> = {}): Agent {
  return {
    id,
    name: `Agent ${id}`,
    skills: ['general'],
    maxChats: 3,
    state: 'ready',
    reason: null,
    since: 0,
    idleSince: 0,
    missedInRow: 0,
    ...patch,
  };
}

export function makeInteraction(id: string, patch: Partial<Interaction> = {}): Interaction {
  return {
    id,
    channel: 'chat',
    queueId: 'q1',
    customerId: null,
    customerName: `Customer ${id}`,
    contact: `${id}@example.com`,
    subject: '',
    state: 'active',
    agentId: 'me',
    offeredTo: null,
    offerExpiresAt: null,
    declinedBy: [],
    createdAt: 0,
    queuedAt: 0,
    answeredAt: 0,
    endedAt: null,
    wrapEndsAt: null,
    disposition: null,
    wrapNotes: '',
    satisfaction: null,
    ticketId: null,
    unread: 0,
    lastCustomerText: null,
    awaitingReplySince: null,
    customerTyping: false,
    lineId: null,
    transferNote: null,
    ...patch,
  };
}

export function makeTicket(id: string, patch: Partial<Ticket> = {}): Ticket {
  return {
    id,
    number: 1000 + Number(id.replace(/\D/g, '') || 0),
    subject: `Ticket ${id}`,
    description: '',
    requesterId: null,
    requesterName: `Requester ${id}`,
    status: 'open',
    priority: 'normal',
    queueId: 'q1',
    assigneeId: 'me',
    dueAt: 3_600_000,
    tags: [],
    createdAt: 0,
    updatedAt: 0,
    escalation: null,
    interactionIds: [],
    recordingIds: [],
    ...patch,
  };
}

export function makeFollowUp(id: string, patch: Partial<FollowUp> = {}): FollowUp {
  return {
    id,
    ticketId: 't1',
    customerId: null,
    customerName: `Customer ${id}`,
    phone: '+15550100',
    dueAt: 0,
    assigneeId: 'me',
    state: 'scheduled',
    outcome: null,
    doneAt: null,
    ...patch,
  };
}

export function makeSnapshot(patch: Partial<CenterSnapshot> = {}): CenterSnapshot {
  return {
    me: makeAgent('me', { name: 'Me' }),
    queues: [makeQueue('q1'), makeQueue('q2', { channel: 'voice', name: 'Voice' })],
    interactions: [],
    tickets: [],
    followUps: [],
    colleagues: [],
    notReadyReasons: ['break', 'lunch', 'meeting', 'training', 'coaching'],
    training: { active: false },
    missedOffersLimit: 3,
    ...patch,
  };
}

/** `count` items for the benchmark: mostly chats and tickets, some calls, spread over an hour. */
export function syntheticSnapshot(count: number, now: number): CenterSnapshot {
  const interactions: Interaction[] = [];
  const tickets: Ticket[] = [];
  for (let i = 0; i < count; i++) {
    const at = now - ((i * 7919) % 3_600_000);
    if (i % 3 === 2) {
      tickets.push(makeTicket(`t${i}`, { createdAt: at, updatedAt: at, dueAt: at + 4 * 3_600_000 }));
    } else {
      interactions.push(
        makeInteraction(`i${i}`, {
          channel: i % 10 === 0 ? 'voice' : 'chat',
          queueId: i % 10 === 0 ? 'q2' : 'q1',
          state: i % 50 === 1 ? 'offered' : 'active',
          offeredTo: i % 50 === 1 ? 'me' : null,
          queuedAt: at,
          createdAt: at,
          answeredAt: at,
          awaitingReplySince: i % 2 ? at : null,
          unread: i % 4,
        }),
      );
    }
  }
  return makeSnapshot({ interactions, tickets });
}

import type { FollowUp, Interaction, Queue, Ticket } from './types';

/**
 * The unified queue: everything on one agent's plate as one list, most urgent first.
 * Pure, so the renderer recomputes it on every event and the tests pin its order.
 */

export type WorkItemKind = 'interaction' | 'ticket' | 'followUp';
export type WorkItemChannel = 'voice' | 'chat' | 'ticket' | 'followUp';
export type WorkItemState = 'offered' | 'active' | 'wrap' | 'open' | 'due';

export interface WorkItem {
  /** Stable across updates: `i:<id>`, `t:<id>`, `f:<id>`. */
  readonly key: string;
  readonly kind: WorkItemKind;
  readonly refId: string;
  readonly channel: WorkItemChannel;
  readonly state: WorkItemState;
  readonly customerName: string;
  readonly queueName: string | null;
  readonly title: string;
  /** The waiting time counts from here. */
  readonly since: number;
  /** The SLA deadline; the list is sorted by the time left until it. */
  readonly dueAt: number;
  /** How long the SLA window is, for colouring (share of it left). */
  readonly windowMs: number;
  /** False where no clock runs against the agent (a call in progress, a chat waiting on the customer). */
  readonly timed: boolean;
  readonly unread: number;
}

export interface WorkSources {
  readonly interactions: Iterable<Interaction>;
  readonly tickets: Iterable<Ticket>;
  readonly followUps: Iterable<FollowUp>;
  readonly queues: ReadonlyMap<string, Queue>;
}

const minute = 60_000;
/** A chat reply is due within the queue's threshold, but never sooner than this. */
const minimumReplyWindowMs = 30_000;

function interactionItem(interaction: Interaction, queue: Queue | undefined): WorkItem | null {
  const thresholdMs = (queue?.serviceLevel.thresholdSeconds ?? 20) * 1000;
  const base = {
    key: `i:${interaction.id}`,
    kind: 'interaction' as const,
    refId: interaction.id,
    channel: interaction.channel,
    customerName: interaction.customerName,
    queueName: queue?.name ?? null,
    title: interaction.subject,
    unread: interaction.unread,
  };
  switch (interaction.state) {
    case 'offered':
      return {
        ...base,
        state: 'offered',
        since: interaction.queuedAt,
        dueAt: interaction.queuedAt + thresholdMs,
        windowMs: thresholdMs,
        timed: true,
      };
    case 'active': {
      // A chat is urgent while the customer waits for a reply; a call is urgent all along.
      const windowMs = Math.max(minimumReplyWindowMs, thresholdMs * 3);
      const since = interaction.awaitingReplySince ?? interaction.answeredAt ?? interaction.createdAt;
      // A live call sorts right after the offers; a chat by its reply deadline, or last when the customer is to answer.
      if (interaction.channel === 'voice') return { ...base, state: 'active', since, dueAt: 0, windowMs, timed: false };
      const timed = interaction.awaitingReplySince !== null;
      const dueAt = timed ? since + windowMs : Number.MAX_SAFE_INTEGER;
      return { ...base, state: 'active', since, dueAt, windowMs, timed };
    }
    case 'wrap': {
      const endsAt = interaction.wrapEndsAt ?? interaction.endedAt ?? interaction.createdAt;
      const since = interaction.endedAt ?? interaction.createdAt;
      return { ...base, state: 'wrap', since, dueAt: endsAt, windowMs: Math.max(1000, endsAt - since), timed: true };
    }
    case 'waiting':
    case 'ended':
    case 'abandoned':
      return null;
  }
}

/** Everything for `agentId`, sorted by SLA time remaining (then by age, then key, so the order is stable). */
export function workItemsFor(agentId: string, sources: WorkSources, now: number): WorkItem[] {
  const items: WorkItem[] = [];
  for (const interaction of sources.interactions) {
    const mine = interaction.state === 'offered' ? interaction.offeredTo === agentId : interaction.agentId === agentId;
    if (!mine) continue;
    const item = interactionItem(interaction, sources.queues.get(interaction.queueId));
    if (item) items.push(item);
  }
  for (const ticket of sources.tickets) {
    if (ticket.assigneeId !== agentId) continue;
    if (ticket.status === 'solved' || ticket.status === 'closed') continue;
    items.push({
      key: `t:${ticket.id}`,
      kind: 'ticket',
      refId: ticket.id,
      channel: 'ticket',
      state: 'open',
      customerName: ticket.requesterName,
      queueName: ticket.queueId ? (sources.queues.get(ticket.queueId)?.name ?? null) : null,
      title: `#${ticket.number} ${ticket.subject}`,
      since: ticket.createdAt,
      dueAt: ticket.dueAt,
      windowMs: Math.max(minute, ticket.dueAt - ticket.createdAt),
      timed: true,
      unread: 0,
    });
  }
  for (const followUp of sources.followUps) {
    // A follow-up joins the queue when it falls due, not before.
    if (followUp.assigneeId !== agentId || followUp.state !== 'scheduled' || followUp.dueAt > now) continue;
    items.push({
      key: `f:${followUp.id}`,
      kind: 'followUp',
      refId: followUp.id,
      channel: 'followUp',
      state: 'due',
      customerName: followUp.customerName,
      queueName: null,
      title: followUp.phone,
      since: followUp.dueAt,
      // Due now; an hour to place the call before it reads red.
      dueAt: followUp.dueAt + 60 * minute,
      windowMs: 60 * minute,
      timed: true,
      unread: 0,
    });
  }
  return items.sort(compareWorkItems);
}

export function compareWorkItems(a: WorkItem, b: WorkItem): number {
  // Offers first: they time out and go to someone else.
  if ((a.state === 'offered') !== (b.state === 'offered')) return a.state === 'offered' ? -1 : 1;
  return a.dueAt - b.dueAt || a.since - b.since || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export type SlaLevel = 'ok' | 'warning' | 'breached';

/** Green while more than half the window is left, amber until the deadline, red after it. */
export function slaLevel(item: Pick<WorkItem, 'dueAt' | 'windowMs' | 'timed'>, now: number): SlaLevel {
  if (!item.timed) return 'ok';
  const left = item.dueAt - now;
  if (left <= 0) return 'breached';
  return left > item.windowMs / 2 ? 'ok' : 'warning';
}

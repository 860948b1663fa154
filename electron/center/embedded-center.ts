import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/api/errors';
import type { CenterSnapshot, CustomerHistory } from '../../shared/center/contract';
import type { CustomerMessage, CustomerNotice } from '../../shared/center/customer-protocol';
import { base64Size, chatLimits, isAllowedAttachmentType } from '../../shared/center/limits';
import { isOpen } from '../../shared/center/hours';
import { canMoveTicket, ticketDueAt } from '../../shared/center/tickets';
import {
  notReadyReasons,
  type Agent,
  type Attachment,
  type CannedReply,
  type CenterEvent,
  type CenterEventType,
  type Customer,
  type FollowUp,
  type Interaction,
  type Message,
  type Queue,
  type Ticket,
  type TicketComment,
  type TicketPriority,
  type TicketStatus,
} from '../../shared/center/types';
import type { AgentState } from '../../shared/domain/status';
import type { EventBus } from '../api/event-bus';
import type { SqlClient } from '../db/sql-client';
import type { Logger } from '../log/logger';
import type { TicketQuery } from '../db/repositories/center';
import { hasCapacity, pickAgent, pickInteraction, WaitingLine, type RoutableAgent } from './routing';

/**
 * The embedded contact center: in-process, stored in SQLite. Live state (agents, contacts
 * in flight, open tickets, scheduled follow-ups) is held in memory for routing speed and
 * written through to SQLite before a call returns, so a restart resumes where it stopped.
 * Every change reaches clients as a contract event; every state change a metric needs is
 * appended to the event log.
 */

export interface EmbeddedCenterDeps {
  readonly db: SqlClient;
  readonly events: EventBus;
  readonly log: Logger;
  readonly now: () => number;
  /** Missed offers in a row that make an agent Not ready. */
  readonly missedOffersLimit?: number;
  readonly setTimer?: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
  readonly clearTimer?: (timer: ReturnType<typeof setTimeout>) => void;
}

type Notify = (notice: CustomerNotice) => void;
type ChosenState = 'ready' | 'not_ready' | 'offline';

interface AgentRuntime {
  agent: Agent;
  chosen: ChosenState;
  lastOfferAt: number;
}

const live = (i: Interaction): boolean => i.state !== 'ended' && i.state !== 'abandoned';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function customerView(message: Message): CustomerMessage | null {
  if (message.author === 'note') return null;
  return {
    id: message.id,
    seq: message.seq,
    from: message.author,
    authorName: message.authorName,
    text: message.text,
    attachment: message.attachment,
    at: message.at,
    delivery: message.delivery,
  };
}

export class EmbeddedCenter {
  readonly #db: SqlClient;
  readonly #events: EventBus;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #missedLimit: number;
  readonly #setTimer: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
  readonly #clearTimer: (timer: ReturnType<typeof setTimeout>) => void;

  readonly #queues = new Map<string, Queue>();
  #queuesByPriority: Queue[] = [];
  readonly #agents = new Map<string, AgentRuntime>();
  readonly #live = new Map<string, Interaction>();
  /** Per agent: the contacts offered to them and those they hold, kept in step with #live (routing reads it). */
  readonly #held = new Map<string, Set<string>>();
  readonly #waiting = new Map<string, WaitingLine>();
  readonly #tickets = new Map<string, Ticket>();
  readonly #followUps = new Map<string, FollowUp>();
  #canned: CannedReply[] = [];
  #nextTicketNumber = 1001;
  readonly #nextSeq = new Map<string, number>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #customers = new Map<string, Set<Notify>>();
  #closed = false;

  constructor(deps: EmbeddedCenterDeps) {
    this.#db = deps.db;
    this.#events = deps.events;
    this.#log = deps.log;
    this.#now = deps.now;
    this.#missedLimit = deps.missedOffersLimit ?? 3;
    this.#setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.#clearTimer = deps.clearTimer ?? ((timer) => clearTimeout(timer));
  }

  /** Loads the stored center and resumes its clocks (offers and after-call work continue). */
  async load(): Promise<void> {
    const state = await this.#db.run('center.load');
    for (const queue of state.queues) this.#queues.set(queue.id, queue);
    this.#sortQueues();
    for (const agent of state.agents) {
      const chosen: ChosenState = agent.state === 'not_ready' || agent.state === 'offline' ? agent.state : 'ready';
      this.#agents.set(agent.id, { agent, chosen, lastOfferAt: 0 });
    }
    for (const interaction of state.interactions) {
      this.#put(interaction);
      if (interaction.state === 'waiting') this.#line(interaction.queueId).add(interaction);
    }
    for (const ticket of state.tickets) this.#tickets.set(ticket.id, ticket);
    for (const followUp of state.followUps) this.#followUps.set(followUp.id, followUp);
    this.#canned = state.cannedReplies;
    this.#nextTicketNumber = state.nextTicketNumber;
    const now = this.#now();
    for (const followUp of this.#followUps.values()) this.#armFollowUp(followUp);
    for (const interaction of [...this.#live.values()]) {
      // A phone call does not outlive the process that carried it: close what the PBX rang here.
      if (interaction.channel === 'voice' && interaction.lineId !== null) {
        if (interaction.state === 'offered' || interaction.state === 'waiting')
          await this.end(interaction.id, 'system');
        else if (interaction.state === 'active') await this.end(interaction.id, 'system');
        continue;
      }
      if (interaction.state === 'offered' && interaction.offerExpiresAt !== null) {
        this.#armOfferTimer(interaction, Math.max(0, interaction.offerExpiresAt - now));
      }
      if (interaction.state === 'wrap' && interaction.wrapEndsAt !== null) {
        this.#armWrapTimer(interaction, Math.max(0, interaction.wrapEndsAt - now));
      }
    }
    for (const runtime of this.#agents.values()) await this.#offerTo(runtime);
  }

  close(): void {
    this.#closed = true;
    for (const timer of this.#timers.values()) this.#clearTimer(timer);
    this.#timers.clear();
    this.#customers.clear();
  }

  // ── configuration ──────────────────────────────────────────────────────────

  async saveQueue(queue: Queue): Promise<void> {
    this.#queues.set(queue.id, queue);
    this.#sortQueues();
    await this.#db.run('center.putQueue', queue);
  }

  queues(): Queue[] {
    return [...this.#queuesByPriority];
  }

  queue(id: string): Queue | undefined {
    return this.#queues.get(id);
  }

  /** A queue by id or by name (the SIP header may carry either). */
  findQueue(idOrName: string): Queue | undefined {
    const wanted = idOrName.trim().toLowerCase();
    return this.#queues.get(idOrName) ?? this.#queuesByPriority.find((q) => q.name.toLowerCase() === wanted);
  }

  async saveCannedReplies(replies: readonly CannedReply[]): Promise<void> {
    const byId = new Map(this.#canned.map((r) => [r.id, r]));
    for (const reply of replies) byId.set(reply.id, reply);
    this.#canned = [...byId.values()];
    await this.#db.run('center.putCannedReplies', replies);
  }

  cannedReplies(queueId: string | undefined, search: string | undefined, locale: string): CannedReply[] {
    const text = search?.trim().toLowerCase();
    const inLocale = this.#canned.filter((r) => r.locale === locale);
    const pool = inLocale.length > 0 ? inLocale : this.#canned.filter((r) => r.locale === 'en');
    return pool
      .filter((r) => r.queueId === null || queueId === undefined || r.queueId === queueId)
      .filter((r) => !text || r.title.toLowerCase().includes(text) || r.text.toLowerCase().includes(text))
      .sort((a, b) => Number(b.queueId !== null) - Number(a.queueId !== null) || a.title.localeCompare(b.title));
  }

  /** Creates or updates an agent's profile (name, skills, capacity); state is left alone. */
  async upsertAgent(
    profile: Pick<Agent, 'id' | 'name' | 'skills' | 'maxChats'>,
    initial?: ChosenState,
  ): Promise<Agent> {
    const existing = this.#agents.get(profile.id);
    if (existing) {
      existing.agent = { ...existing.agent, ...profile };
      await this.#db.run('center.putAgents', [existing.agent]);
      return existing.agent;
    }
    const now = this.#now();
    const chosen = initial ?? 'offline';
    const agent: Agent = {
      ...profile,
      state: chosen,
      reason: null,
      since: now,
      idleSince: chosen === 'ready' ? now : null,
      missedInRow: 0,
    };
    this.#agents.set(agent.id, { agent, chosen, lastOfferAt: 0 });
    await this.#db.run(
      'center.saveAgents',
      [agent],
      [this.#event('agent.state', { agentId: agent.id, data: { state: chosen } })],
    );
    return agent;
  }

  agent(id: string): Agent | undefined {
    return this.#agents.get(id)?.agent;
  }

  agents(): Agent[] {
    return [...this.#agents.values()].map((r) => r.agent);
  }

  // ── agent states ───────────────────────────────────────────────────────────

  async setState(agentId: string, state: ChosenState, reason: string | null = null): Promise<Agent> {
    const runtime = this.#runtime(agentId);
    if (state === 'not_ready' && (reason === null || !(notReadyReasons as readonly string[]).includes(reason))) {
      throw new ApiError('bad_request', `Choose a Not ready reason: ${notReadyReasons.join(', ')}.`);
    }
    runtime.chosen = state;
    if (state === 'ready') runtime.agent = { ...runtime.agent, missedInRow: 0 };
    await this.#refreshAgent(runtime, reason);
    if (state === 'ready') await this.#offerTo(runtime);
    return runtime.agent;
  }

  // ── contacts ───────────────────────────────────────────────────────────────

  /**
   * A new contact enters a queue: matched to a customer (screen pop), logged, routed.
   * `offerTo` skips routing (a call the PBX already rang at this agent's phone).
   */
  async createInteraction(input: {
    channel: 'voice' | 'chat';
    queueId: string;
    customerName: string;
    contact: string;
    subject: string;
    lineId?: string | null;
    customerId?: string | null;
    offerTo?: string;
  }): Promise<Interaction> {
    const queue = this.#queues.get(input.queueId);
    if (!queue) throw new ApiError('not_found', `There is no queue "${input.queueId}".`);
    const interaction = await this.#admit(queue, input);
    if (input.offerTo !== undefined) {
      await this.#offer(interaction, this.#runtime(input.offerTo), null, false);
    } else {
      this.#line(queue.id).add(interaction);
      this.#events.emit('center.interactionChanged', interaction);
      await this.#route(interaction);
    }
    return this.#live.get(interaction.id) ?? interaction;
  }

  interaction(id: string): Interaction | undefined {
    return this.#live.get(id);
  }

  async accept(agentId: string, interactionId: string): Promise<Interaction> {
    const interaction = this.#live.get(interactionId);
    if (!interaction) throw new ApiError('not_found', 'That contact has ended.');
    // Checked and changed in one synchronous step: of two simultaneous accepts, exactly one wins.
    if (interaction.state !== 'offered' || interaction.offeredTo !== agentId) {
      throw new ApiError('conflict', 'This contact is no longer offered to you.');
    }
    const now = this.#now();
    this.#cancelTimer(`offer:${interactionId}`);
    const accepted = this.#set(interaction, {
      state: 'active',
      agentId,
      offeredTo: null,
      offerExpiresAt: null,
      answeredAt: now,
      // What the customer wrote while waiting is waiting for a reply, since they queued.
      awaitingReplySince: interaction.channel === 'chat' && interaction.unread > 0 ? interaction.queuedAt : null,
    });
    const runtime = this.#runtime(agentId);
    runtime.agent = { ...runtime.agent, missedInRow: 0 };
    await this.#persist(accepted, [
      this.#event('interaction.accepted', {
        interactionId,
        agentId,
        queueId: accepted.queueId,
        data: { waitMs: now - accepted.queuedAt },
      }),
    ]);
    if (accepted.channel === 'chat') {
      await this.#systemMessage(accepted, `joined:${runtime.agent.name}`);
      this.#tellCustomer(accepted.id, { type: 'state', state: 'connected', agentName: runtime.agent.name });
    }
    await this.#refreshAgent(runtime);
    await this.#offerTo(runtime);
    return this.#live.get(interactionId) ?? accepted;
  }

  async decline(agentId: string, interactionId: string): Promise<void> {
    const interaction = this.#live.get(interactionId);
    if (!interaction || interaction.state !== 'offered' || interaction.offeredTo !== agentId) {
      throw new ApiError('conflict', 'This contact is no longer offered to you.');
    }
    await this.#missOffer(interaction, 'interaction.declined');
  }

  /** The agent ends the chat, or the call was hung up: after-call work starts. */
  /** `holdMs`: how long a call was on hold (the softphone knows); talk time is logged without it. */
  async end(
    interactionId: string,
    by: 'agent' | 'customer' | 'system',
    agentId?: string,
    holdMs = 0,
  ): Promise<Interaction> {
    const interaction = this.#live.get(interactionId);
    if (!interaction) throw new ApiError('not_found', 'That contact has already ended.');
    if (agentId !== undefined && interaction.agentId !== agentId) {
      throw new ApiError('forbidden', 'Only the agent handling this contact can end it.');
    }
    const now = this.#now();
    if (interaction.state === 'waiting' || interaction.state === 'offered') {
      // The customer gave up before anyone answered.
      this.#cancelTimer(`offer:${interactionId}`);
      this.#line(interaction.queueId).remove(interactionId);
      const offeredTo = interaction.offeredTo;
      const abandoned = this.#set(interaction, {
        state: 'abandoned',
        endedAt: now,
        offeredTo: null,
        offerExpiresAt: null,
      });
      this.#drop(interactionId);
      await this.#persist(abandoned, [
        this.#event('interaction.abandoned', {
          interactionId,
          queueId: abandoned.queueId,
          data: { waitMs: now - abandoned.queuedAt },
        }),
      ]);
      if (offeredTo) await this.#refreshAgent(this.#runtime(offeredTo));
      this.#tellCustomer(interactionId, { type: 'state', state: 'ended', agentName: null });
      return abandoned;
    }
    if (interaction.state !== 'active') throw new ApiError('conflict', 'This contact is already in wrap-up.');
    const queue = this.#queues.get(interaction.queueId);
    const acwMs = (queue?.acwSeconds ?? 30) * 1000;
    const ended = this.#set(interaction, {
      state: 'wrap',
      endedAt: now,
      wrapEndsAt: now + acwMs,
      customerTyping: false,
      awaitingReplySince: null,
    });
    await this.#persist(ended, [
      this.#event('interaction.ended', {
        interactionId,
        agentId: ended.agentId,
        queueId: ended.queueId,
        data: { by, talkMs: Math.max(0, now - (ended.answeredAt ?? now) - holdMs), holdMs },
      }),
    ]);
    if (ended.channel === 'chat') {
      await this.#systemMessage(ended, by === 'customer' ? 'customerLeft' : 'ended');
      this.#tellCustomer(interactionId, { type: 'state', state: 'ended', agentName: this.#agentName(ended.agentId) });
      if (ended.satisfaction === null) this.#tellCustomer(interactionId, { type: 'rateRequest' });
    }
    this.#armWrapTimer(ended, acwMs);
    if (ended.agentId) await this.#refreshAgent(this.#runtime(ended.agentId));
    return ended;
  }

  async extendWrap(agentId: string, interactionId: string, seconds: number): Promise<Interaction> {
    const interaction = this.#owned(agentId, interactionId);
    if (interaction.state !== 'wrap') throw new ApiError('conflict', 'Only after-call work can be extended.');
    const from = Math.max(this.#now(), interaction.wrapEndsAt ?? 0);
    const extended = this.#set(interaction, { wrapEndsAt: from + seconds * 1000 });
    await this.#persist(extended, []);
    this.#armWrapTimer(extended, (extended.wrapEndsAt ?? from) - this.#now());
    return extended;
  }

  async wrapUp(
    agentId: string,
    interactionId: string,
    wrap: { disposition: string | null; notes: string; ticketId: string | null; satisfaction: number | null },
    automatic = false,
  ): Promise<Interaction> {
    const interaction = this.#owned(agentId, interactionId);
    if (interaction.state !== 'wrap') throw new ApiError('conflict', 'End the contact before wrapping it up.');
    const queue = this.#queues.get(interaction.queueId);
    const disposition = wrap.disposition?.trim() || null;
    if (queue?.dispositionRequired && disposition === null) {
      throw new ApiError('bad_request', `Choose a disposition: ${queue.name} requires one.`);
    }
    if (disposition !== null && queue && queue.dispositions.length > 0 && !queue.dispositions.includes(disposition)) {
      throw new ApiError('bad_request', `"${disposition}" is not a disposition of ${queue.name}.`);
    }
    if (wrap.ticketId !== null) await this.#linkTicket(wrap.ticketId, interaction.id);
    const now = this.#now();
    this.#cancelTimer(`wrap:${interactionId}`);
    const done = this.#set(interaction, {
      state: 'ended',
      disposition,
      wrapNotes: wrap.notes,
      ticketId: wrap.ticketId ?? interaction.ticketId,
      satisfaction: wrap.satisfaction ?? interaction.satisfaction,
    });
    this.#drop(interactionId);
    await this.#persist(done, [
      this.#event('interaction.wrapped', {
        interactionId,
        agentId,
        queueId: done.queueId,
        data: {
          disposition,
          acwMs: now - (done.endedAt ?? now),
          automatic,
          satisfaction: done.satisfaction,
        },
      }),
    ]);
    this.#customers.delete(interactionId);
    const runtime = this.#runtime(agentId);
    await this.#refreshAgent(runtime);
    await this.#offerTo(runtime);
    return done;
  }

  async transfer(
    agentId: string,
    interactionId: string,
    target: { queueId: string } | { agentId: string },
    note: string,
  ): Promise<void> {
    const interaction = this.#owned(agentId, interactionId);
    if (interaction.state !== 'active')
      throw new ApiError('conflict', 'Only a contact in progress can be transferred.');
    if ('agentId' in target) {
      const to = this.#agents.get(target.agentId);
      if (!to || to.agent.id === agentId) throw new ApiError('not_found', 'Pick a colleague to transfer to.');
      const routable = this.#routable(to);
      if (!routable.available || !hasCapacity(routable, interaction.channel)) {
        throw new ApiError('conflict', `${to.agent.name} cannot take it now; transfer to a queue instead.`);
      }
    } else if (!this.#queues.has(target.queueId)) {
      throw new ApiError('not_found', 'Pick a queue to transfer to.');
    }
    const now = this.#now();
    const toQueue = 'queueId' in target ? target.queueId : interaction.queueId;
    const moved = this.#set(interaction, {
      state: 'waiting',
      agentId: null,
      queueId: toQueue,
      queuedAt: now,
      transferNote: note || null,
      declinedBy: [],
    });
    await this.#persist(moved, [
      this.#event('interaction.transferred', {
        interactionId,
        agentId,
        queueId: toQueue,
        data: { from: interaction.queueId, toAgent: 'agentId' in target ? target.agentId : null },
      }),
    ]);
    if (note) await this.#addMessage(moved, 'note', this.#agentName(agentId), note, null, null);
    if (moved.channel === 'chat') {
      await this.#systemMessage(moved, 'transferring');
      this.#tellCustomer(interactionId, { type: 'state', state: 'waiting', agentName: null });
    }
    await this.#refreshAgent(this.#runtime(agentId));
    if ('agentId' in target) {
      await this.#offer(moved, this.#runtime(target.agentId), this.#queues.get(toQueue) ?? null, true);
    } else {
      this.#line(toQueue).add(moved);
      await this.#route(moved, new Set([agentId]));
    }
    await this.#offerTo(this.#runtime(agentId));
  }

  // ── chat ───────────────────────────────────────────────────────────────────

  async messages(interactionId: string, beforeSeq: number | null, limit: number) {
    return this.#db.run('center.messages', interactionId, beforeSeq, limit);
  }

  async agentSend(
    agentId: string,
    interactionId: string,
    text: string,
    attachment: { name: string; mime: string; dataBase64: string } | undefined,
    clientId: string,
  ): Promise<Message> {
    const interaction = this.#owned(agentId, interactionId);
    if (interaction.channel !== 'chat') throw new ApiError('bad_request', 'Messages go to chats only.');
    if (interaction.state !== 'active')
      throw new ApiError('conflict', 'This chat has ended; the customer can no longer read replies.');
    const stored = attachment ? await this.#storeAttachment(attachment) : null;
    if (!text.trim() && !stored) throw new ApiError('bad_request', 'Type a message or attach a file.');
    const delivered = (this.#customers.get(interactionId)?.size ?? 0) > 0;
    const message = await this.#addMessage(
      interaction,
      'agent',
      this.#agentName(agentId),
      text,
      stored,
      clientId,
      delivered ? 'delivered' : 'sent',
    );
    const current = this.#live.get(interactionId);
    if (current && current.awaitingReplySince !== null) {
      await this.#persist(this.#set(current, { awaitingReplySince: null }), []);
    }
    return message;
  }

  async note(agentId: string, interactionId: string, text: string): Promise<Message> {
    const interaction = this.#owned(agentId, interactionId);
    return this.#addMessage(interaction, 'note', this.#agentName(agentId), text, null, null);
  }

  agentTyping(agentId: string, interactionId: string, typing: boolean): void {
    this.#owned(agentId, interactionId);
    this.#tellCustomer(interactionId, { type: 'agentTyping', typing });
  }

  async markRead(agentId: string, interactionId: string): Promise<void> {
    const interaction = this.#owned(agentId, interactionId);
    if (interaction.unread === 0) return;
    await this.#persist(this.#set(interaction, { unread: 0 }), []);
    // The customer sees their messages turn "read".
    await this.#markRead(interactionId, 'customer');
  }

  async attachment(id: string): Promise<{ name: string; mime: string; dataBase64: string }> {
    const stored = await this.#db.run('center.getAttachment', id);
    if (!stored) throw new ApiError('not_found', 'That attachment is no longer available.');
    return { name: stored.name, mime: stored.mime, dataBase64: Buffer.from(stored.data).toString('base64') };
  }

  // ── the customer's side ────────────────────────────────────────────────────

  /** Starts a chat for a customer; answers the resume token (kept only as a hash here). */
  async customerStart(
    input: { queueId: string; name: string; identity: string },
    notify: Notify,
  ): Promise<{ token: string; interaction: Interaction }> {
    const queue = this.#queues.get(input.queueId);
    if (!queue || queue.channel !== 'chat') throw new ApiError('not_found', 'That chat queue does not exist.');
    if (!isOpen(queue.businessHours, this.#now())) {
      throw new ApiError('unavailable', `${queue.name} is closed now. Please come back during opening hours.`);
    }
    const interaction = await this.#admit(queue, {
      channel: 'chat',
      customerName: input.name,
      contact: input.identity,
      subject: '',
    });
    const token = randomBytes(24).toString('base64url');
    await this.#db.run('center.putChatToken', hashToken(token), interaction.id);
    this.#attach(interaction.id, notify);
    this.#line(queue.id).add(interaction);
    this.#events.emit('center.interactionChanged', interaction);
    await this.#route(interaction);
    return { token, interaction: this.#live.get(interaction.id) ?? interaction };
  }

  /** Back after a reload: the conversation so far and its state. */
  async customerResume(
    token: string,
    notify: Notify,
  ): Promise<{ interaction: Interaction; messages: CustomerMessage[] }> {
    const interactionId = await this.#db.run('center.chatTokenInteraction', hashToken(token));
    if (!interactionId) throw new ApiError('not_found', 'That chat has expired; start a new one.');
    const interaction = this.#live.get(interactionId) ?? (await this.#db.run('center.getInteraction', interactionId));
    if (!interaction) throw new ApiError('not_found', 'That chat has expired; start a new one.');
    if (live(interaction)) this.#attach(interactionId, notify);
    const { messages } = await this.#db.run('center.messages', interactionId, null, 500);
    return {
      interaction,
      messages: messages.map(customerView).filter((m): m is CustomerMessage => m !== null),
    };
  }

  detachCustomer(interactionId: string, notify: Notify): void {
    this.#customers.get(interactionId)?.delete(notify);
  }

  async customerSend(
    interactionId: string,
    text: string,
    attachment: { name: string; mime: string; dataBase64: string } | undefined,
    clientId: string,
  ): Promise<Message> {
    const interaction = this.#live.get(interactionId);
    if (!interaction || interaction.state === 'wrap') throw new ApiError('conflict', 'This chat has ended.');
    const stored = attachment ? await this.#storeAttachment(attachment) : null;
    if (!text.trim() && !stored) throw new ApiError('bad_request', 'Type a message or attach a file.');
    const message = await this.#addMessage(
      interaction,
      'customer',
      interaction.customerName,
      text,
      stored,
      clientId,
      'delivered',
    );
    const current = this.#live.get(interactionId) ?? interaction;
    const now = this.#now();
    await this.#persist(
      this.#set(current, {
        unread: current.unread + 1,
        lastCustomerText: text.trim() ? text.slice(0, 2000) : current.lastCustomerText,
        awaitingReplySince: current.state === 'active' ? (current.awaitingReplySince ?? now) : null,
        customerTyping: false,
        subject: current.subject || text.slice(0, 200),
      }),
      [],
    );
    return message;
  }

  customerTyping(interactionId: string, typing: boolean): void {
    const interaction = this.#live.get(interactionId);
    if (!interaction || interaction.customerTyping === typing) return;
    // Typing is a moment, not a record: shown, never stored.
    const updated = { ...interaction, customerTyping: typing };
    this.#put(updated);
    this.#events.emit('center.interactionChanged', updated);
  }

  /** The customer has seen the agent's messages. */
  async customerRead(interactionId: string): Promise<void> {
    await this.#markRead(interactionId, 'agent');
  }

  /** Marks one side's recent messages read, and tells both sides. */
  async #markRead(interactionId: string, author: 'agent' | 'customer'): Promise<void> {
    const { messages } = await this.#db.run('center.messages', interactionId, null, 200);
    const unread = messages.filter((m) => m.author === author && m.delivery !== 'read');
    if (unread.length === 0) return;
    const read = unread.map((m) => ({ ...m, delivery: 'read' as const }));
    await this.#db.run('center.updateMessages', read);
    for (const message of read) {
      this.#events.emit('center.message', message);
      const view = customerView(message);
      if (view) this.#tellCustomer(interactionId, { type: 'message', message: view });
    }
  }

  async customerRate(interactionId: string, score: number): Promise<void> {
    await this.recordSatisfaction(interactionId, score);
    this.#tellCustomer(interactionId, { type: 'rated', score });
  }

  /** 满意度 1–5 for an ended contact: the chat page's question, or a call's survey header. Once only. */
  async recordSatisfaction(interactionId: string, score: number): Promise<Interaction> {
    const interaction = this.#live.get(interactionId) ?? (await this.#db.run('center.getInteraction', interactionId));
    if (!interaction) throw new ApiError('not_found', 'That chat has expired.');
    if (interaction.state !== 'wrap' && interaction.state !== 'ended') {
      throw new ApiError('conflict', 'You can rate the chat once it has ended.');
    }
    if (interaction.satisfaction !== null) {
      throw new ApiError('conflict', 'You have already rated this chat. Thank you!');
    }
    const rated = { ...interaction, satisfaction: score };
    if (this.#live.has(interactionId)) this.#put(rated);
    await this.#db.run('center.putInteraction', rated);
    this.#events.emit('center.interactionChanged', rated);
    return rated;
  }

  // ── tickets ────────────────────────────────────────────────────────────────

  async createTicket(
    by: { agentId: string | null; name: string },
    input: {
      subject: string;
      description: string;
      requesterId: string | null;
      priority: TicketPriority;
      queueId: string | null;
      tags: string[];
      fromInteractionId?: string | undefined;
    },
  ): Promise<Ticket> {
    const now = this.#now();
    let requesterId = input.requesterId;
    let requesterName = '';
    const from = input.fromInteractionId
      ? (this.#live.get(input.fromInteractionId) ??
        (await this.#db.run('center.getInteraction', input.fromInteractionId)))
      : null;
    if (input.fromInteractionId && !from) throw new ApiError('not_found', 'The conversation to link was not found.');
    if (from) {
      requesterId ??= from.customerId;
      requesterName = from.customerName;
    }
    if (requesterId) {
      const customer = await this.#db.run('center.getCustomer', requesterId);
      if (!customer) throw new ApiError('not_found', 'The requester is not a known customer.');
      requesterName = customer.name;
    }
    if (input.queueId && !this.#queues.has(input.queueId)) throw new ApiError('not_found', 'Pick an existing queue.');
    const ticket: Ticket = {
      id: randomUUID(),
      number: this.#nextTicketNumber++,
      subject: input.subject,
      description: input.description,
      requesterId,
      requesterName,
      status: by.agentId ? 'open' : 'new',
      priority: input.priority,
      queueId: input.queueId ?? from?.queueId ?? null,
      assigneeId: by.agentId,
      dueAt: ticketDueAt(input.priority, now),
      tags: input.tags,
      createdAt: now,
      updatedAt: now,
      escalation: null,
      interactionIds: from ? [from.id] : [],
      recordingIds: [],
    };
    await this.#saveTicket(ticket);
    if (from) {
      const current = this.#live.get(from.id);
      if (current) await this.#persist(this.#set(current, { ticketId: ticket.id }), []);
      else await this.#db.run('center.putInteraction', { ...from, ticketId: ticket.id });
    }
    return ticket;
  }

  async ticket(id: string): Promise<{ ticket: Ticket; comments: TicketComment[] }> {
    const found = await this.#db.run('center.getTicket', id);
    if (!found) throw new ApiError('not_found', 'That ticket does not exist.');
    return found;
  }

  async listTickets(
    query: TicketQuery,
  ): Promise<{ tickets: Ticket[]; next: { updatedAt: number; id: string } | null }> {
    return this.#db.run('center.listTickets', query);
  }

  async updateTicket(
    id: string,
    patch: Partial<Pick<Ticket, 'subject' | 'description' | 'status' | 'priority' | 'queueId' | 'assigneeId' | 'tags'>>,
  ): Promise<Ticket> {
    const { ticket } = await this.ticket(id);
    if (patch.status !== undefined) this.#checkMove(ticket.status, patch.status);
    if (ticket.status === 'closed') throw new ApiError('conflict', 'A closed ticket cannot change; open a new ticket.');
    if (patch.assigneeId && !this.#agents.has(patch.assigneeId))
      throw new ApiError('not_found', 'Pick an existing agent.');
    if (patch.queueId && !this.#queues.has(patch.queueId)) throw new ApiError('not_found', 'Pick an existing queue.');
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as typeof patch;
    const next: Ticket = {
      ...ticket,
      ...defined,
      dueAt:
        patch.priority && patch.priority !== ticket.priority
          ? ticketDueAt(patch.priority, ticket.createdAt)
          : ticket.dueAt,
      updatedAt: this.#now(),
    };
    await this.#saveTicket(next);
    return next;
  }

  async comment(
    ticketId: string,
    authorName: string,
    input: {
      text: string;
      public: boolean;
      attachment?: { name: string; mime: string; dataBase64: string } | undefined;
    },
  ): Promise<TicketComment> {
    const { ticket } = await this.ticket(ticketId);
    if (ticket.status === 'closed')
      throw new ApiError('conflict', 'A closed ticket takes no comments; open a new ticket.');
    const attachment = input.attachment ? await this.#storeAttachment(input.attachment) : null;
    const comment: TicketComment = {
      id: randomUUID(),
      ticketId,
      authorName,
      public: input.public,
      text: input.text,
      attachment,
      at: this.#now(),
    };
    await this.#db.run('center.putComment', comment);
    // A public reply to a new ticket means someone is on it.
    await this.#saveTicket({
      ...ticket,
      status: ticket.status === 'new' ? 'open' : ticket.status,
      updatedAt: comment.at,
    });
    return comment;
  }

  async escalate(ticketId: string, by: string, note: string): Promise<Ticket> {
    const { ticket } = await this.ticket(ticketId);
    if (ticket.status === 'closed' || ticket.status === 'solved') {
      throw new ApiError('conflict', 'Solved and closed tickets are not escalated; reopen it first.');
    }
    const now = this.#now();
    const priority: TicketPriority = ticket.priority === 'urgent' ? 'urgent' : 'high';
    const next: Ticket = {
      ...ticket,
      escalation: { at: now, note, by },
      priority,
      dueAt: Math.min(ticket.dueAt, ticketDueAt(priority, ticket.createdAt)),
      updatedAt: now,
    };
    await this.#db.run('center.putComment', {
      id: randomUUID(),
      ticketId,
      authorName: by,
      public: false,
      text: note,
      attachment: null,
      at: now,
    });
    await this.#saveTicket(next);
    return next;
  }

  async solve(
    ticketId: string,
    by: { agentId: string; name: string },
    input: { comment?: string | undefined; followUp?: { dueAt: number; phone?: string | undefined } | undefined },
  ): Promise<{ ticket: Ticket; followUp: FollowUp | null }> {
    const { ticket } = await this.ticket(ticketId);
    this.#checkMove(ticket.status, 'solved');
    const now = this.#now();
    if (input.comment?.trim()) {
      await this.#db.run('center.putComment', {
        id: randomUUID(),
        ticketId,
        authorName: by.name,
        public: true,
        text: input.comment,
        attachment: null,
        at: now,
      });
    }
    let followUp: FollowUp | null = null;
    if (input.followUp) {
      const customer = ticket.requesterId ? await this.#db.run('center.getCustomer', ticket.requesterId) : null;
      const phone = input.followUp.phone ?? customer?.phones[0];
      if (!phone) throw new ApiError('bad_request', 'Enter the number to call back: the requester has none on file.');
      followUp = {
        id: randomUUID(),
        ticketId,
        customerId: ticket.requesterId,
        customerName: ticket.requesterName,
        phone,
        dueAt: input.followUp.dueAt,
        assigneeId: by.agentId,
        state: 'scheduled',
        outcome: null,
        doneAt: null,
      };
      this.#followUps.set(followUp.id, followUp);
      await this.#db.run('center.putFollowUp', followUp);
      this.#events.emit('center.followUpChanged', followUp);
      this.#armFollowUp(followUp);
    }
    const solved: Ticket = { ...ticket, status: 'solved', updatedAt: now };
    await this.#saveTicket(solved);
    return { ticket: solved, followUp };
  }

  async completeFollowUp(
    agentId: string,
    by: string,
    followUpId: string,
    outcome: { reached: boolean; satisfaction: number | null; notes: string },
  ): Promise<FollowUp> {
    const followUp = this.#followUps.get(followUpId);
    if (!followUp) throw new ApiError('not_found', 'That follow-up is already done.');
    if (followUp.assigneeId !== agentId) throw new ApiError('forbidden', 'This follow-up is assigned to someone else.');
    const now = this.#now();
    const done: FollowUp = { ...followUp, state: 'done', outcome, doneAt: now };
    this.#followUps.delete(followUpId);
    this.#cancelTimer(`followUp:${followUpId}`);
    await this.#db.run('center.putFollowUp', done);
    this.#events.emit('center.followUpChanged', done);
    const found = await this.#db.run('center.getTicket', followUp.ticketId);
    if (found && found.ticket.status !== 'closed') {
      await this.#db.run('center.putComment', {
        id: randomUUID(),
        ticketId: followUp.ticketId,
        authorName: by,
        public: false,
        text: `followUp:${outcome.reached ? 'reached' : 'unreached'}:${outcome.satisfaction ?? '-'}\n${outcome.notes}`,
        attachment: null,
        at: now,
      });
      // A reached customer closes the loop; an unreached one leaves the ticket solved for another try.
      if (outcome.reached) await this.#saveTicket({ ...found.ticket, status: 'closed', updatedAt: now });
    }
    return done;
  }

  // ── customers ──────────────────────────────────────────────────────────────

  async customerHistory(customerId: string): Promise<CustomerHistory> {
    const customer = await this.#db.run('center.getCustomer', customerId);
    if (!customer) throw new ApiError('not_found', 'That customer does not exist.');
    const history = await this.#db.run('center.customerHistory', customer);
    return { customer, ...history };
  }

  async findCustomers(query: string): Promise<Customer[]> {
    return this.#db.run('center.findCustomers', query);
  }

  async saveCustomer(
    input: Omit<Customer, 'id' | 'createdAt'> & { id?: string },
    linkInteractionId?: string,
  ): Promise<Customer> {
    const existing = input.id ? await this.#db.run('center.getCustomer', input.id) : null;
    if (input.id && !existing) throw new ApiError('not_found', 'That customer does not exist.');
    const customer: Customer = {
      ...input,
      id: existing?.id ?? randomUUID(),
      createdAt: existing?.createdAt ?? this.#now(),
    };
    await this.#db.run('center.putCustomer', customer);
    this.#events.emit('center.customerChanged', customer);
    if (linkInteractionId) await this.link(linkInteractionId, customer.id);
    return customer;
  }

  async customer(id: string): Promise<Customer | null> {
    return this.#db.run('center.getCustomer', id);
  }

  async link(interactionId: string, customerId: string): Promise<Interaction> {
    const customer = await this.#db.run('center.getCustomer', customerId);
    if (!customer) throw new ApiError('not_found', 'That customer does not exist.');
    const interaction = this.#live.get(interactionId) ?? (await this.#db.run('center.getInteraction', interactionId));
    if (!interaction) throw new ApiError('not_found', 'That conversation does not exist.');
    const linked = { ...interaction, customerId, customerName: customer.name };
    if (this.#live.has(interactionId)) this.#put(linked);
    await this.#db.run('center.putInteraction', linked);
    this.#events.emit('center.interactionChanged', linked);
    return linked;
  }

  // ── views ──────────────────────────────────────────────────────────────────

  snapshot(agentId: string, training: boolean): CenterSnapshot {
    const me = this.#runtime(agentId).agent;
    return {
      me,
      queues: this.queues(),
      interactions: [...(this.#held.get(agentId) ?? [])].flatMap((id) => this.#live.get(id) ?? []),
      tickets: [...this.#tickets.values()].filter((t) => t.assigneeId === agentId),
      followUps: [...this.#followUps.values()].filter((f) => f.assigneeId === agentId),
      colleagues: this.agents()
        .filter((a) => a.id !== agentId)
        .map((a) => ({ id: a.id, name: a.name, state: a.state })),
      notReadyReasons: notReadyReasons.filter((r) => r !== 'missed'),
      training: { active: training },
      missedOffersLimit: this.#missedLimit,
    };
  }

  /** Contacts in flight, for the wallboard and tests. */
  liveInteractions(): Interaction[] {
    return [...this.#live.values()];
  }

  async eventLog(sinceAt: number, afterSeq = 0, limit = 10_000): Promise<CenterEvent[]> {
    return this.#db.run('center.events', sinceAt, afterSeq, limit);
  }

  // ── internals ──────────────────────────────────────────────────────────────

  /** Every change to a live contact goes through here, so the per-agent index never drifts. */
  #put(interaction: Interaction): void {
    const previous = this.#live.get(interaction.id);
    this.#live.set(interaction.id, interaction);
    this.#unhold(previous);
    for (const agentId of new Set([interaction.agentId, interaction.offeredTo])) {
      if (!agentId) continue;
      let set = this.#held.get(agentId);
      if (!set) {
        set = new Set();
        this.#held.set(agentId, set);
      }
      set.add(interaction.id);
    }
  }

  #drop(interactionId: string): void {
    this.#unhold(this.#live.get(interactionId));
    this.#live.delete(interactionId);
  }

  #unhold(interaction: Interaction | undefined): void {
    if (!interaction) return;
    if (interaction.agentId) this.#held.get(interaction.agentId)?.delete(interaction.id);
    if (interaction.offeredTo) this.#held.get(interaction.offeredTo)?.delete(interaction.id);
  }

  *#heldBy(agentId: string): Generator<Interaction> {
    for (const id of this.#held.get(agentId) ?? []) {
      const interaction = this.#live.get(id);
      if (interaction) yield interaction;
    }
  }

  #sortQueues(): void {
    this.#queuesByPriority = [...this.#queues.values()].sort(
      (a, b) => b.priority - a.priority || a.id.localeCompare(b.id),
    );
  }

  #line(queueId: string): WaitingLine {
    let line = this.#waiting.get(queueId);
    if (!line) {
      line = new WaitingLine();
      this.#waiting.set(queueId, line);
    }
    return line;
  }

  #runtime(agentId: string): AgentRuntime {
    const runtime = this.#agents.get(agentId);
    if (!runtime) throw new ApiError('not_found', `Agent "${agentId}" is not signed in to this center.`);
    return runtime;
  }

  #agentName(agentId: string | null): string {
    return (agentId && this.#agents.get(agentId)?.agent.name) || '';
  }

  #owned(agentId: string, interactionId: string): Interaction {
    const interaction = this.#live.get(interactionId);
    if (!interaction) throw new ApiError('not_found', 'That conversation has ended.');
    if (interaction.agentId !== agentId)
      throw new ApiError('forbidden', 'This conversation is handled by someone else.');
    return interaction;
  }

  #set(interaction: Interaction, patch: Partial<Interaction>): Interaction {
    const next = { ...interaction, ...patch };
    if (live(next)) this.#put(next);
    if (next.state === 'waiting') this.#line(next.queueId).replace(next);
    return next;
  }

  async #persist(interaction: Interaction, events: ReadonlyArray<Omit<CenterEvent, 'seq'>>): Promise<void> {
    await this.#db.run('center.saveInteraction', interaction, events);
    this.#events.emit('center.interactionChanged', interaction);
  }

  #event(
    type: CenterEventType,
    fields: {
      interactionId?: string | null;
      agentId?: string | null;
      queueId?: string | null;
      data?: CenterEvent['data'];
    },
  ): Omit<CenterEvent, 'seq'> {
    return {
      at: this.#now(),
      type,
      interactionId: fields.interactionId ?? null,
      agentId: fields.agentId ?? null,
      queueId: fields.queueId ?? null,
      data: fields.data ?? {},
    };
  }

  #routable(runtime: AgentRuntime): RoutableAgent {
    let voiceLoad = 0;
    let chatLoad = 0;
    let pending = false;
    let wrapping = false;
    for (const interaction of this.#heldBy(runtime.agent.id)) {
      if (interaction.offeredTo === runtime.agent.id) pending = true;
      if (interaction.agentId !== runtime.agent.id) continue;
      if (interaction.state === 'wrap') wrapping = true;
      if (interaction.state === 'active' || interaction.state === 'wrap') {
        if (interaction.channel === 'voice') voiceLoad += 1;
        else chatLoad += 1;
      }
    }
    return {
      id: runtime.agent.id,
      skills: runtime.agent.skills,
      available: runtime.chosen === 'ready' && !pending && !wrapping,
      voiceLoad,
      chatLoad,
      maxChats: runtime.agent.maxChats,
      idleSince: runtime.agent.idleSince,
      lastOfferAt: runtime.lastOfferAt,
    };
  }

  /** Recomputes the agent's shown state from what they chose and what they hold. */
  async #refreshAgent(runtime: AgentRuntime, reason: string | null = runtime.agent.reason): Promise<void> {
    let state: AgentState = runtime.chosen;
    if (runtime.chosen === 'ready') {
      let offered = false;
      let active = false;
      let wrap = false;
      for (const interaction of this.#heldBy(runtime.agent.id)) {
        if (interaction.offeredTo === runtime.agent.id) offered = true;
        if (interaction.agentId !== runtime.agent.id) continue;
        if (interaction.state === 'active') active = true;
        if (interaction.state === 'wrap') wrap = true;
      }
      state = offered ? 'offered' : active ? 'on_contact' : wrap ? 'acw' : 'ready';
    }
    const nextReason = state === 'not_ready' ? reason : null;
    const previous = runtime.agent;
    if (previous.state === state && previous.reason === nextReason) {
      if (previous.missedInRow !== runtime.agent.missedInRow) await this.#db.run('center.putAgents', [runtime.agent]);
      return;
    }
    const now = this.#now();
    runtime.agent = {
      ...previous,
      state,
      reason: nextReason,
      since: now,
      idleSince: state === 'ready' ? now : null,
    };
    await this.#db.run(
      'center.saveAgents',
      [runtime.agent],
      [
        this.#event('agent.state', {
          agentId: runtime.agent.id,
          data: { state, reason: nextReason, from: previous.state },
        }),
      ],
    );
    this.#events.emit('center.agentChanged', runtime.agent);
  }

  /**
   * A contact enters a queue: matched to a customer (by id, else by number for a call or by
   * identity for a chat: the screen pop), stored, and logged. Routing is the caller's next step.
   */
  async #admit(
    queue: Queue,
    input: {
      channel: 'voice' | 'chat';
      customerName: string;
      contact: string;
      subject: string;
      lineId?: string | null | undefined;
      customerId?: string | null | undefined;
    },
  ): Promise<Interaction> {
    const now = this.#now();
    let customer: Customer | null = input.customerId
      ? await this.#db.run('center.getCustomer', input.customerId)
      : null;
    if (!customer && input.contact) {
      customer =
        input.channel === 'voice'
          ? await this.#db.run('center.customerByPhone', input.contact)
          : await this.#db.run('center.customerByIdentity', input.contact);
    }
    const interaction: Interaction = {
      id: randomUUID(),
      channel: input.channel,
      queueId: queue.id,
      customerId: customer?.id ?? null,
      customerName: customer?.name ?? input.customerName,
      contact: input.contact,
      subject: input.subject,
      state: 'waiting',
      agentId: null,
      offeredTo: null,
      offerExpiresAt: null,
      declinedBy: [],
      createdAt: now,
      queuedAt: now,
      answeredAt: null,
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
      lineId: input.lineId ?? null,
      transferNote: null,
    };
    this.#put(interaction);
    this.#nextSeq.set(interaction.id, 0);
    await this.#db.run('center.saveInteraction', interaction, [
      this.#event('interaction.created', {
        interactionId: interaction.id,
        queueId: queue.id,
        data: { channel: interaction.channel },
      }),
    ]);
    return interaction;
  }

  /** Offers a waiting contact to the best agent, if any can take it now. */
  async #route(interaction: Interaction, exclude: ReadonlySet<string> = new Set()): Promise<void> {
    if (this.#closed) return;
    const queue = this.#queues.get(interaction.queueId);
    if (!queue) return;
    const agents = [...this.#agents.values()];
    const routable = agents.map((runtime) => this.#routable(runtime));
    const chosen = pickAgent(interaction, queue, routable, exclude);
    if (!chosen) return;
    const runtime = this.#agents.get(chosen.id);
    if (runtime) await this.#offer(interaction, runtime, queue, true);
  }

  /** Gives a newly free agent the most urgent waiting contact they can take. */
  async #offerTo(runtime: AgentRuntime): Promise<void> {
    if (this.#closed) return;
    const routable = this.#routable(runtime);
    if (!routable.available) return;
    const lastDeclined = (i: Interaction): boolean => i.declinedBy.at(-1) === runtime.agent.id && this.#agents.size > 1;
    const next = pickInteraction(routable, this.#queuesByPriority, this.#waiting, lastDeclined);
    if (next) await this.#offer(next, runtime, this.#queues.get(next.queueId) ?? null, true);
  }

  async #offer(interaction: Interaction, runtime: AgentRuntime, queue: Queue | null, timed: boolean): Promise<void> {
    const now = this.#now();
    const timeoutMs = (queue?.offerTimeoutSeconds ?? 15) * 1000;
    this.#line(interaction.queueId).remove(interaction.id);
    const offered = this.#set(interaction, {
      state: 'offered',
      offeredTo: runtime.agent.id,
      offerExpiresAt: timed ? now + timeoutMs : null,
    });
    runtime.lastOfferAt = now;
    await this.#persist(offered, [
      this.#event('interaction.offered', {
        interactionId: offered.id,
        agentId: runtime.agent.id,
        queueId: offered.queueId,
      }),
    ]);
    if (timed) this.#armOfferTimer(offered, timeoutMs);
    await this.#refreshAgent(runtime);
    // Not-ready agents are never offered anything, so an offer always notifies; a call
    // already ringing on the phone (untimed) has its own ring.
    this.#events.emit('center.offer', { interaction: offered, notify: timed });
  }

  async #missOffer(
    interaction: Interaction,
    type: 'interaction.declined' | 'interaction.offer_timeout',
  ): Promise<void> {
    const agentId = interaction.offeredTo;
    if (!agentId) return;
    this.#cancelTimer(`offer:${interaction.id}`);
    const back = this.#set(interaction, {
      state: 'waiting',
      offeredTo: null,
      offerExpiresAt: null,
      declinedBy: [...interaction.declinedBy, agentId],
    });
    this.#line(back.queueId).add(back);
    await this.#persist(back, [this.#event(type, { interactionId: back.id, agentId, queueId: back.queueId })]);
    const runtime = this.#runtime(agentId);
    const missedInRow = runtime.agent.missedInRow + 1;
    runtime.agent = { ...runtime.agent, missedInRow };
    if (missedInRow >= this.#missedLimit) {
      runtime.chosen = 'not_ready';
      await this.#refreshAgent(runtime, 'missed');
    } else {
      await this.#refreshAgent(runtime);
    }
    await this.#route(back, new Set([agentId]));
    // Nobody else could take it: it comes back to this agent (until missed offers make them Not ready).
    await this.#offerTo(runtime);
  }

  #armOfferTimer(interaction: Interaction, ms: number): void {
    this.#arm(`offer:${interaction.id}`, ms, async () => {
      const current = this.#live.get(interaction.id);
      if (current?.state === 'offered') await this.#missOffer(current, 'interaction.offer_timeout');
    });
  }

  #armWrapTimer(interaction: Interaction, ms: number): void {
    this.#arm(`wrap:${interaction.id}`, ms, async () => {
      const current = this.#live.get(interaction.id);
      if (current?.state !== 'wrap' || !current.agentId) return;
      const queue = this.#queues.get(current.queueId);
      // A required disposition waits for the agent; otherwise the countdown closes the contact.
      if (queue?.dispositionRequired) return;
      await this.wrapUp(
        current.agentId,
        current.id,
        { disposition: null, notes: '', ticketId: null, satisfaction: null },
        true,
      );
    });
  }

  #armFollowUp(followUp: FollowUp): void {
    const ms = followUp.dueAt - this.#now();
    if (ms <= 0) return;
    // Tell clients when it falls due, so the queue shows it and the agent is notified.
    this.#arm(`followUp:${followUp.id}`, ms, async () => {
      const current = this.#followUps.get(followUp.id);
      if (current) this.#events.emit('center.followUpChanged', current);
    });
  }

  #arm(key: string, ms: number, run: () => Promise<void>): void {
    this.#cancelTimer(key);
    const timer = this.#setTimer(
      () => {
        this.#timers.delete(key);
        if (this.#closed) return;
        run().catch((error: unknown) => this.#log.error('center timer failed', { key, error: String(error) }));
      },
      Math.min(ms, 2_147_000_000),
    );
    timer.unref?.();
    this.#timers.set(key, timer);
  }

  #cancelTimer(key: string): void {
    const timer = this.#timers.get(key);
    if (timer !== undefined) {
      this.#clearTimer(timer);
      this.#timers.delete(key);
    }
  }

  #attach(interactionId: string, notify: Notify): void {
    let set = this.#customers.get(interactionId);
    if (!set) {
      set = new Set();
      this.#customers.set(interactionId, set);
    }
    set.add(notify);
  }

  #tellCustomer(interactionId: string, notice: CustomerNotice): void {
    for (const notify of this.#customers.get(interactionId) ?? []) {
      try {
        notify(notice);
      } catch (error) {
        this.#log.warn('customer notice failed', { error: String(error) });
      }
    }
  }

  async #nextMessageSeq(interactionId: string): Promise<number> {
    let seq = this.#nextSeq.get(interactionId);
    if (seq === undefined) seq = (await this.#db.run('center.lastMessageSeq', interactionId)) + 1;
    this.#nextSeq.set(interactionId, seq + 1);
    return seq;
  }

  async #addMessage(
    interaction: Interaction,
    author: Message['author'],
    authorName: string,
    text: string,
    attachment: Attachment | null,
    clientId: string | null,
    delivery: Message['delivery'] = 'delivered',
  ): Promise<Message> {
    const candidate: Message = {
      id: randomUUID(),
      interactionId: interaction.id,
      seq: await this.#nextMessageSeq(interaction.id),
      author,
      authorName,
      text: text.slice(0, chatLimits.textChars),
      attachment,
      at: this.#now(),
      delivery,
    };
    const stored = await this.#db.run('center.appendMessage', candidate, clientId);
    if (stored.id !== candidate.id) return stored; // a retried send: already posted
    this.#events.emit('center.message', stored);
    const view = customerView(stored);
    if (view) this.#tellCustomer(interaction.id, { type: 'message', message: view });
    return stored;
  }

  /** System lines are stored as keys ("joined:Li Na"); each side translates them. */
  async #systemMessage(interaction: Interaction, key: string): Promise<void> {
    await this.#addMessage(interaction, 'system', '', key, null, null);
  }

  async #storeAttachment(upload: { name: string; mime: string; dataBase64: string }): Promise<Attachment> {
    if (!isAllowedAttachmentType(upload.mime)) {
      throw new ApiError(
        'bad_request',
        `Files of type ${upload.mime} cannot be sent. Allowed: images (PNG, JPEG, GIF, WebP), PDF and plain text.`,
      );
    }
    const size = base64Size(upload.dataBase64);
    if (size > chatLimits.attachmentBytes) {
      throw new ApiError('too_large', `The file is larger than ${chatLimits.attachmentBytes / 1024 / 1024} MB.`);
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(upload.dataBase64))
      throw new ApiError('bad_request', 'The file data is damaged.');
    const data = Buffer.from(upload.dataBase64, 'base64');
    const attachment: Attachment = { id: randomUUID(), name: upload.name, mime: upload.mime, size: data.length };
    await this.#db.run('center.putAttachment', { ...attachment, data });
    return attachment;
  }

  async #linkTicket(ticketId: string, interactionId: string): Promise<void> {
    const found = await this.#db.run('center.getTicket', ticketId);
    if (!found) throw new ApiError('not_found', 'The ticket to link does not exist.');
    if (found.ticket.interactionIds.includes(interactionId)) return;
    await this.#saveTicket({
      ...found.ticket,
      interactionIds: [...found.ticket.interactionIds, interactionId],
      updatedAt: this.#now(),
    });
  }

  #checkMove(from: TicketStatus, to: TicketStatus): void {
    if (!canMoveTicket(from, to)) {
      throw new ApiError('conflict', `A ${from} ticket cannot become ${to}.`);
    }
  }

  async #saveTicket(ticket: Ticket): Promise<void> {
    if (ticket.status === 'solved' || ticket.status === 'closed') this.#tickets.delete(ticket.id);
    else this.#tickets.set(ticket.id, ticket);
    await this.#db.run('center.putTicket', ticket);
    this.#events.emit('center.ticketChanged', ticket);
  }
}

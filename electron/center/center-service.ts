import type { centerMethods } from '../../shared/center/contract';
import { ApiError } from '../../shared/api/errors';
import { customerRequestSchema, type CustomerNotice } from '../../shared/center/customer-protocol';
import type { Line, SoftphoneState } from '../../shared/softphone/types';
import { isLocale, matchLocale, type Locale } from '../../shared/i18n/locales';
import type { Settings } from '../../shared/settings';
import type { EventBus } from '../api/event-bus';
import type { Handlers } from '../api/registrar';
import type { SqlClient } from '../db/sql-client';
import type { Logger } from '../log/logger';
import type { StatusService } from '../status/status-service';
import { defaultCannedReplies, defaultQueues, relabelDefaultQueue } from './center-seed';
import type { CustomerGateway, CustomerSession } from './customer-gateway';
import { EmbeddedCenter } from './embedded-center';
import { TrainingSimulator, type TrainingTiming } from './training';

export type TrainingMode = 'auto' | 'on' | 'off';

export interface CenterServiceDeps {
  readonly db: SqlClient;
  readonly events: EventBus;
  readonly log: Logger;
  readonly now: () => Date;
  /** The data folder (files that do not belong in SQLite live under it). */
  readonly dataDir: string;
  /** Who is working at this workstation (name and role, from Settings); role checks read it per call. */
  readonly profile: () => Settings['profile'];
  readonly locale?: () => Settings['locale'];
  readonly status?: StatusService;
  /** Whether a phone account is configured: training mode starts by itself only without one. */
  readonly hasPhoneAccount?: () => Promise<boolean>;
  /** `auto` (default): training on a first start without a phone account; `off` for tests. */
  readonly training?: TrainingMode;
  readonly trainingTiming?: Partial<TrainingTiming>;
  /** Loads the sample knowledge base when training starts. */
  readonly seedKnowledgeBase?: () => Promise<unknown>;
  /** The SIP header carrying a call's 满意度 (from the phone account). */
  readonly satisfactionHeader?: () => Promise<string | null>;
  /** The softphone, for queue calls: accepting one answers its line, declining rejects it. */
  readonly phone?: { answer(lineId: string): Promise<unknown>; reject(lineId: string): Promise<unknown> };
}

/** The workstation's own agent in the embedded center. */
export const localAgentId = 'local';
const trainingKey = 'center.training';

/**
 * The center as the rest of SeatDesk sees it: contract handlers for the local agent, the
 * customers' gateway, the link to the softphone (queue calls become voice contacts), the
 * status bar, and training mode.
 */
export class CenterService {
  readonly #deps: CenterServiceDeps;
  readonly center: EmbeddedCenter;
  #training: TrainingSimulator | null = null;
  readonly #lineToInteraction = new Map<string, string>();
  /** The SIP headers each queue call arrived with (the satisfaction header is read when it ends). */
  readonly #lineHeaders = new Map<string, Readonly<Record<string, string>>>();
  /** Hold per queue call: since when it is held now, and how long it was held before. */
  readonly #lineHold = new Map<string, { since: number | null; totalMs: number }>();
  readonly #offs: Array<() => void> = [];
  #started = false;
  #startedSignal: () => void = () => undefined;
  /** Resolves once start() has loaded the center (tests and the CLI wait on it). */
  readonly whenStarted = new Promise<void>((resolve) => (this.#startedSignal = resolve));

  constructor(deps: CenterServiceDeps) {
    this.#deps = deps;
    this.center = new EmbeddedCenter({
      db: deps.db,
      events: deps.events,
      log: deps.log,
      now: () => deps.now().getTime(),
    });
  }

  /** The language the center writes seed data and simulated customers in. */
  locale(): Locale {
    const setting = this.#deps.locale?.() ?? 'auto';
    if (isLocale(setting)) return setting;
    return matchLocale([Intl.DateTimeFormat().resolvedOptions().locale]);
  }

  get trainingActive(): boolean {
    return this.#training !== null;
  }

  async start(): Promise<void> {
    const { db, log } = this.#deps;
    await this.center.load();
    if ((await db.run('center.count', 'center_queues')) === 0) {
      for (const queue of defaultQueues(this.locale())) await this.center.saveQueue(queue);
      await this.center.saveCannedReplies(defaultCannedReplies());
    }
    const profile = this.#deps.profile();
    await this.center.upsertAgent(
      { id: localAgentId, name: profile.displayName, skills: this.center.queues().map((q) => q.skill), maxChats: 3 },
      'not_ready',
    );
    await this.#relabelQueues();
    this.#reportStatus();
    this.#offs.push(
      this.#deps.events.subscribe((name, payload) => {
        if (name === 'center.agentChanged' && (payload as { id: string }).id === localAgentId) this.#reportStatus();
        if (name === 'settings.changed') {
          void this.#renameLocalAgent(payload as Settings);
          void this.#relabelQueues().catch((e: unknown) => log.warn('queues not relabelled', { error: String(e) }));
        }
        if (name === 'softphone.incoming')
          void this.#phoneRinging(payload as Line).catch((e: unknown) =>
            log.warn('queue call not tracked', { error: String(e) }),
          );
        if (name === 'softphone.changed')
          void this.#phoneChanged(payload as SoftphoneState).catch((e: unknown) =>
            log.warn('queue call update failed', { error: String(e) }),
          );
      }),
    );
    this.#started = true;
    const stored = (await db.run('kv.get', trainingKey)) as { active?: unknown } | undefined;
    const mode = this.#deps.training ?? 'auto';
    let active: boolean;
    if (mode !== 'auto') active = mode === 'on';
    else if (typeof stored?.active === 'boolean') active = stored.active;
    else active = !(await this.#deps.hasPhoneAccount?.().catch(() => true));
    if (active) await this.setTraining(true, stored === undefined);
    this.#startedSignal();
  }

  async close(): Promise<void> {
    this.#started = false;
    this.#offs.splice(0).forEach((off) => off());
    await this.#training?.stop();
    this.#training = null;
    this.center.close();
  }

  async setTraining(active: boolean, firstStart = false): Promise<boolean> {
    if (active && !this.#training) {
      await this.#deps
        .seedKnowledgeBase?.()
        .catch((error: unknown) => this.#deps.log.warn('sample knowledge base not loaded', { error: String(error) }));
      this.#training = new TrainingSimulator({
        center: this.center,
        gateway: this.customerGateway,
        agentId: localAgentId,
        locale: () => this.locale(),
        db: this.#deps.db,
        log: this.#deps.log.child('training'),
        now: () => this.#deps.now().getTime(),
        ...(this.#deps.trainingTiming ? { timing: this.#deps.trainingTiming } : {}),
      });
      await this.#training.start();
      // A newcomer sees work arrive at once: the first start puts them in Ready.
      if (firstStart) await this.center.setState(localAgentId, 'ready');
    } else if (!active && this.#training) {
      await this.#training.stop();
      this.#training = null;
    }
    await this.#deps.db.run('kv.put', trainingKey, { active }, this.#deps.now().toISOString());
    this.#deps.events.emit('center.trainingChanged', { active });
    return active;
  }

  /** The customers' side: the web host's /chat endpoint and the training simulator use it. */
  get customerGateway(): CustomerGateway {
    const center = this.center;
    return {
      chatQueues: async () =>
        center
          .queues()
          .filter((q) => q.channel === 'chat')
          .map((q) => ({ id: q.id, name: q.name })),
      open: (notify) => openCustomerSession(center, notify, this.#deps.log),
    };
  }

  handlers(): Pick<Handlers, keyof typeof centerMethods> {
    const center = this.center;
    const me = localAgentId;
    const name = (): string => this.#deps.profile().displayName;
    const ready = (): void => {
      if (!this.#started)
        throw new ApiError('unavailable', 'The contact center is starting up; try again in a moment.');
    };
    return {
      'center.getSnapshot': () => {
        ready();
        return center.snapshot(me, this.trainingActive);
      },
      'center.setState': (request) => {
        ready();
        return center.setState(me, request.state, request.state === 'not_ready' ? request.reason : null);
      },
      'center.accept': async ({ interactionId }) => {
        const line = this.#phoneLineOf(interactionId);
        if (!line) return center.accept(me, interactionId);
        // A queue call is accepted by answering its line; the phone's change then moves the contact on.
        await line.phone.answer(line.lineId);
        return center.interaction(interactionId) ?? center.accept(me, interactionId);
      },
      'center.decline': async ({ interactionId }) => {
        const line = this.#phoneLineOf(interactionId);
        if (line) await line.phone.reject(line.lineId);
        else await center.decline(me, interactionId);
        return {};
      },
      'center.end': ({ interactionId }) => center.end(interactionId, 'agent', me),
      'center.extendWrap': ({ interactionId, seconds }) => center.extendWrap(me, interactionId, seconds),
      'center.wrapUp': ({ interactionId, ...wrap }) => center.wrapUp(me, interactionId, wrap),
      'center.transfer': async (request) => {
        const target = 'queueId' in request ? { queueId: request.queueId } : { agentId: request.agentId };
        await center.transfer(me, request.interactionId, target, request.note);
        return {};
      },
      'center.setTraining': async ({ active }) => ({ active: await this.setTraining(active) }),

      'chat.messages': ({ interactionId, before, limit }) => center.messages(interactionId, before?.seq ?? null, limit),
      'chat.send': ({ interactionId, text, attachment, clientId }) =>
        center.agentSend(me, interactionId, text, attachment, clientId),
      'chat.note': ({ interactionId, text }) => center.note(me, interactionId, text),
      'chat.typing': ({ interactionId, typing }) => {
        center.agentTyping(me, interactionId, typing);
        return {};
      },
      'chat.markRead': async ({ interactionId }) => {
        await center.markRead(me, interactionId);
        return {};
      },
      'chat.cannedReplies': ({ queueId, search }) => center.cannedReplies(queueId, search, this.locale()),
      'chat.attachment': ({ attachmentId }) => center.attachment(attachmentId),

      'tickets.create': (request) => center.createTicket({ agentId: me, name: name() }, request),
      'tickets.get': ({ ticketId }) => center.ticket(ticketId),
      'tickets.list': ({ status, mine, text, before, limit }) =>
        center.listTickets({ status, assigneeId: mine ? me : undefined, text, before, limit }),
      'tickets.update': ({ ticketId, ...patch }) => center.updateTicket(ticketId, patch),
      'tickets.comment': ({ ticketId, ...comment }) => center.comment(ticketId, name(), comment),
      'tickets.escalate': ({ ticketId, note }) => center.escalate(ticketId, name(), note),
      'tickets.solve': ({ ticketId, comment, followUp }) =>
        center.solve(ticketId, { agentId: me, name: name() }, { comment, followUp }),
      'followUps.complete': ({ followUpId, ...outcome }) => center.completeFollowUp(me, name(), followUpId, outcome),

      'customers.get': ({ customerId }) => center.customerHistory(customerId),
      'customers.find': ({ query }) => center.findCustomers(query),
      'customers.create': ({ linkInteractionId, ...customer }) => center.saveCustomer(customer, linkInteractionId),
      'customers.update': async ({ customerId, ...patch }) => {
        const existing = await center.customer(customerId);
        if (!existing) throw new ApiError('not_found', 'That customer does not exist.');
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        return center.saveCustomer({ ...existing, ...defined, id: customerId });
      },
      'customers.link': ({ interactionId, customerId }) => center.link(interactionId, customerId),
    };
  }

  /** The softphone line behind an offered queue call, if it is one. */
  #phoneLineOf(interactionId: string): { phone: NonNullable<CenterServiceDeps['phone']>; lineId: string } | null {
    const interaction = this.center.interaction(interactionId);
    const phone = this.#deps.phone;
    if (!phone || interaction?.channel !== 'voice' || interaction.lineId === null || interaction.state !== 'offered') {
      return null;
    }
    return { phone, lineId: interaction.lineId };
  }

  #reportStatus(): void {
    const agent = this.center.agent(localAgentId);
    if (!agent || !this.#deps.status) return;
    this.#deps.status.setAgent({
      state: agent.state,
      reason: agent.reason,
      since: new Date(agent.since).toISOString(),
    });
  }

  /** Untouched default queues speak the workstation's language. */
  async #relabelQueues(): Promise<void> {
    const locale = this.locale();
    for (const queue of this.center.queues()) {
      const relabelled = relabelDefaultQueue(queue, locale);
      if (relabelled) await this.center.saveQueue(relabelled);
    }
  }

  async #renameLocalAgent(settings: Settings): Promise<void> {
    const agent = this.center.agent(localAgentId);
    if (!agent || agent.name === settings.profile.displayName) return;
    await this.center.upsertAgent({ ...agent, name: settings.profile.displayName });
  }

  /** A call from a queue rings the phone: it becomes a voice contact offered to this agent. */
  async #phoneRinging(line: Line): Promise<void> {
    if (line.direction !== 'inbound' || !line.queue) return;
    const queue = this.center.findQueue(line.queue);
    if (!queue) {
      this.#deps.log.info('call from an unknown queue left out of the workspace', { queue: line.queue });
      return;
    }
    const interaction = await this.center.createInteraction({
      channel: 'voice',
      queueId: queue.id,
      customerName: line.remote.displayName ?? line.remote.number,
      contact: line.remote.number,
      subject: '',
      lineId: line.id,
      customerId: line.customerId,
      offerTo: localAgentId,
    });
    this.#lineToInteraction.set(line.id, interaction.id);
    this.#lineHeaders.set(line.id, line.headers);
  }

  #trackHold(lineId: string, held: boolean): void {
    const now = this.#deps.now().getTime();
    const hold = this.#lineHold.get(lineId) ?? { since: null, totalMs: 0 };
    if (held && hold.since === null) hold.since = now;
    if (!held && hold.since !== null) {
      hold.totalMs += now - hold.since;
      hold.since = null;
    }
    this.#lineHold.set(lineId, hold);
  }

  /** Hold time of a queue call so far, including a hold still running as it ends. */
  #heldMs(lineId: string): number {
    const hold = this.#lineHold.get(lineId);
    if (!hold) return 0;
    return hold.totalMs + (hold.since === null ? 0 : this.#deps.now().getTime() - hold.since);
  }

  /** A survey result the PBX put in the call's headers (e.g. X-Satisfaction: 4), if any. */
  async #surveyScore(lineId: string): Promise<number | null> {
    const name = (await this.#deps.satisfactionHeader?.())?.toLowerCase();
    const headers = this.#lineHeaders.get(lineId);
    this.#lineHeaders.delete(lineId);
    if (!name || !headers) return null;
    const value = Object.entries(headers)
      .find(([key]) => key.toLowerCase() === name)?.[1]
      ?.trim();
    return value && /^[1-5]$/.test(value) ? Number(value) : null;
  }

  async #phoneChanged(state: SoftphoneState): Promise<void> {
    const lines = new Map(state.lines.map((l) => [l.id, l]));
    for (const [lineId, interactionId] of [...this.#lineToInteraction]) {
      const line = lines.get(lineId);
      const interaction = this.center.interaction(interactionId);
      if (!interaction) {
        this.#lineToInteraction.delete(lineId);
        continue;
      }
      if (line) this.#trackHold(lineId, line.held);
      if (line?.state === 'connected' && interaction.state === 'offered') {
        await this.center.accept(localAgentId, interactionId);
      } else if (!line || line.state === 'ended') {
        this.#lineToInteraction.delete(lineId);
        if (interaction.state === 'offered' || interaction.state === 'active') {
          const answered = interaction.state === 'active';
          await this.center.end(
            interactionId,
            line?.answeredAt ? 'system' : 'customer',
            undefined,
            this.#heldMs(lineId),
          );
          const score = answered ? await this.#surveyScore(lineId) : null;
          if (score !== null) await this.center.recordSatisfaction(interactionId, score);
        }
        this.#lineHeaders.delete(lineId);
        this.#lineHold.delete(lineId);
      }
    }
  }
}

/** One customer's session: parses what they send and keeps them to their own chat. */
function openCustomerSession(
  center: EmbeddedCenter,
  notify: (notice: CustomerNotice) => void,
  log: Logger,
): CustomerSession {
  let interactionId: string | null = null;
  const fail = (error: unknown): void => {
    if (error instanceof ApiError) notify({ type: 'error', code: error.code, message: error.message });
    else {
      log.error('customer request failed', { error: String(error) });
      notify({ type: 'error', code: 'internal', message: 'Something went wrong; please try again.' });
    }
  };
  return {
    async handle(raw) {
      try {
        // The endpoint parsed it already; checked again because a session may be driven in-process.
        const parsed = customerRequestSchema.safeParse(raw);
        if (!parsed.success) throw new ApiError('bad_request', 'That request is not understood.');
        const request = parsed.data;
        switch (request.type) {
          case 'start': {
            if (interactionId) throw new ApiError('conflict', 'This chat has already started.');
            const { token, interaction } = await center.customerStart(request, notify);
            interactionId = interaction.id;
            notify({
              type: 'started',
              token,
              queueName: center.queue(interaction.queueId)?.name ?? '',
              state: interaction.state === 'active' ? 'connected' : 'waiting',
              agentName: null,
              messages: [],
              rated: null,
            });
            return;
          }
          case 'resume': {
            if (interactionId) center.detachCustomer(interactionId, notify);
            const { interaction, messages } = await center.customerResume(request.token, notify);
            interactionId = interaction.id;
            const state =
              interaction.state === 'active'
                ? 'connected'
                : interaction.state === 'waiting' || interaction.state === 'offered'
                  ? 'waiting'
                  : 'ended';
            notify({
              type: 'started',
              token: request.token,
              queueName: center.queue(interaction.queueId)?.name ?? '',
              state,
              agentName: interaction.agentId ? (center.agent(interaction.agentId)?.name ?? null) : null,
              messages,
              rated: interaction.satisfaction,
            });
            return;
          }
          default:
            break;
        }
        if (!interactionId) throw new ApiError('bad_request', 'Start the chat first.');
        switch (request.type) {
          case 'send':
            await center.customerSend(interactionId, request.text, request.attachment, request.clientId);
            return;
          case 'typing':
            center.customerTyping(interactionId, request.typing);
            return;
          case 'read':
            await center.customerRead(interactionId);
            return;
          case 'rate':
            await center.customerRate(interactionId, request.score);
            return;
          case 'leave': {
            const interaction = center.interaction(interactionId);
            if (interaction && interaction.state !== 'wrap') await center.end(interactionId, 'customer');
            return;
          }
        }
      } catch (error) {
        fail(error);
      }
    },
    detach() {
      if (interactionId) center.detachCustomer(interactionId, notify);
    },
  };
}

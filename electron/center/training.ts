import type { CustomerNotice } from '../../shared/center/customer-protocol';
import type { Locale } from '../../shared/i18n/locales';
import type { SqlClient } from '../db/sql-client';
import type { Logger } from '../log/logger';
import { chatScripts, ticketTemplates, trainingCustomers, type ChatScript } from './center-seed';
import type { CustomerGateway, CustomerSession } from './customer-gateway';
import type { EmbeddedCenter } from './embedded-center';

/**
 * Training and demo mode: simulated customers on the embedded center, so a newcomer sees
 * chats, tickets and calls arrive within a minute of the first start. Chats come through
 * the customer gateway exactly as the /chat page's do; calls and tickets enter the center
 * the way the softphone and an e-mail channel would: no shortcut past routing.
 */

export interface TrainingTiming {
  /** When the first chat, call and ticket arrive after training starts. */
  readonly firstChatMs: number;
  readonly firstCallMs: number;
  readonly firstTicketMs: number;
  /** Then one more of each, every so often, while the agent is not swamped. */
  readonly chatEveryMs: number;
  readonly callEveryMs: number;
  readonly ticketEveryMs: number;
  /** How long a simulated customer "types" before the next line. */
  readonly replyDelayMs: number;
  /** A simulated caller hangs up after this long on the line. */
  readonly callLengthMs: number;
}

const defaultTiming: TrainingTiming = {
  firstChatMs: 2_000,
  firstCallMs: 6_000,
  firstTicketMs: 1_000,
  chatEveryMs: 75_000,
  callEveryMs: 150_000,
  ticketEveryMs: 240_000,
  replyDelayMs: 2_500,
  callLengthMs: 90_000,
};

export interface TrainingDeps {
  readonly center: EmbeddedCenter;
  readonly gateway: CustomerGateway;
  readonly agentId: string;
  readonly locale: () => Locale;
  readonly db: SqlClient;
  readonly log: Logger;
  readonly now: () => number;
  readonly timing?: Partial<TrainingTiming>;
}

const seededKey = 'center.training.seeded';
const maxSimulatedChats = 3;

export class TrainingSimulator {
  readonly #deps: TrainingDeps;
  readonly #timing: TrainingTiming;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #sessions = new Set<CustomerSession>();
  readonly #customerIds = new Map<string, string>();
  #round = 0;
  #stopped = false;

  constructor(deps: TrainingDeps) {
    this.#deps = deps;
    this.#timing = { ...defaultTiming, ...deps.timing };
  }

  async start(): Promise<void> {
    await this.#seed();
    this.#after(this.#timing.firstChatMs, () => this.#chatLoop());
    this.#after(this.#timing.firstCallMs, () => this.#callLoop());
    this.#after(this.#timing.firstTicketMs, () => this.#ticketLoop());
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const session of this.#sessions) session.detach();
    this.#sessions.clear();
  }

  #after(ms: number, run: () => Promise<void>): void {
    if (this.#stopped) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (this.#stopped) return;
      run().catch((error: unknown) => this.#deps.log.warn('training step failed', { error: String(error) }));
    }, ms);
    timer.unref?.();
    this.#timers.add(timer);
  }

  /** Customers exist once per data folder; their names follow the language of the first start. */
  async #seed(): Promise<void> {
    const { center, db, locale } = this.#deps;
    const seeded = (await db.run('kv.get', seededKey)) as { customers?: Record<string, string> } | undefined;
    if (seeded?.customers) {
      for (const [key, id] of Object.entries(seeded.customers)) this.#customerIds.set(key, id);
      return;
    }
    const lang = locale();
    for (const template of trainingCustomers) {
      const customer = await center.saveCustomer({
        name: template.name[lang],
        phones: [template.phone],
        email: template.identity,
        chatIdentity: template.identity,
        vip: template.vip,
        tags: template.tags[lang] ? template.tags[lang].split(/[,,]\s*/) : [],
        notes: template.notes[lang],
      });
      this.#customerIds.set(template.key, customer.id);
    }
    await db.run(
      'kv.put',
      seededKey,
      { customers: Object.fromEntries(this.#customerIds) },
      new Date(this.#deps.now()).toISOString(),
    );
  }

  #customer(key: string): (typeof trainingCustomers)[number] | undefined {
    return trainingCustomers.find((c) => c.key === key);
  }

  async #chatLoop(): Promise<void> {
    if (this.#sessions.size < maxSimulatedChats) {
      const script = chatScripts[this.#round % chatScripts.length];
      this.#round += 1;
      if (script) await this.#runChat(script);
    }
    this.#after(this.#timing.chatEveryMs, () => this.#chatLoop());
  }

  async #runChat(script: ChatScript): Promise<void> {
    const lang = this.#deps.locale();
    const person = this.#customer(script.customer);
    if (!person) return;
    let next = 0;
    let ended = false;
    let session: CustomerSession | null = null;
    const sendNext = (): void => {
      const line = script.lines[next];
      if (!line || ended || !session) return;
      next += 1;
      const current = session;
      void current.handle({ type: 'typing', typing: true });
      this.#after(this.#timing.replyDelayMs, async () => {
        if (ended) return;
        await current.handle({ type: 'send', text: line[lang], clientId: `sim-${next}-${this.#deps.now()}` });
      });
    };
    const notify = (notice: CustomerNotice): void => {
      switch (notice.type) {
        case 'message':
          // The customer answers each agent reply with the next line of the script.
          if (notice.message.from === 'agent' && notice.message.delivery !== 'read') {
            void session?.handle({ type: 'read' });
            if (next < script.lines.length) sendNext();
          }
          return;
        case 'state':
          if (notice.state === 'ended') ended = true;
          return;
        case 'rateRequest':
          this.#after(this.#timing.replyDelayMs, async () => {
            await session?.handle({ type: 'rate', score: 4 + (this.#round % 2) });
            if (session) {
              session.detach();
              this.#sessions.delete(session);
            }
          });
          return;
        case 'error':
          this.#deps.log.info('simulated customer refused', { code: notice.code, message: notice.message });
          return;
        default:
          return;
      }
    };
    session = this.#deps.gateway.open(notify);
    this.#sessions.add(session);
    await session.handle({
      type: 'start',
      queueId: script.queueId,
      name: person.name[lang],
      identity: person.identity,
      locale: lang,
    });
    // The opening line goes in at once, as a real customer's first question does.
    const first = script.lines[0];
    if (first) {
      next = 1;
      await session.handle({ type: 'send', text: first[lang], clientId: `sim-0-${this.#deps.now()}` });
    }
  }

  async #callLoop(): Promise<void> {
    const { center, agentId } = this.#deps;
    const busy = center
      .liveInteractions()
      .some((i) => i.channel === 'voice' && i.lineId === null && i.state !== 'wrap');
    if (!busy) {
      const person = trainingCustomers[this.#round % trainingCustomers.length];
      if (person) {
        const lang = this.#deps.locale();
        // The demo line: a voice contact with no SIP line behind it, routed like any other.
        const call = await center.createInteraction({
          channel: 'voice',
          queueId: 'hotline',
          customerName: person.name[lang],
          contact: person.phone,
          subject: '',
          lineId: null,
        });
        this.#after(this.#timing.callLengthMs, async () => {
          const current = center.interaction(call.id);
          if (current && (current.state === 'active' || current.state === 'waiting' || current.state === 'offered')) {
            await center.end(call.id, 'customer');
          }
        });
        void agentId;
      }
    }
    this.#after(this.#timing.callEveryMs, () => this.#callLoop());
  }

  async #ticketLoop(): Promise<void> {
    const template = ticketTemplates[this.#round % ticketTemplates.length];
    if (template) {
      const lang = this.#deps.locale();
      // Tickets arrive by e-mail in the training story: assigned to the agent in training.
      await this.#deps.center.createTicket(
        { agentId: this.#deps.agentId, name: 'e-mail' },
        {
          subject: template.subject[lang],
          description: template.description[lang],
          requesterId: this.#customerIds.get(template.customer) ?? null,
          priority: template.priority,
          queueId: 'tickets',
          tags: [],
        },
      );
    }
    this.#after(this.#timing.ticketEveryMs, () => this.#ticketLoop());
  }
}

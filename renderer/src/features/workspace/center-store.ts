import type { CenterSnapshot } from '../../../../shared/center/contract';
import type { Agent, Customer, FollowUp, Interaction, Message, Queue, Ticket } from '../../../../shared/center/types';
import { compareWorkItems, workItemsFor, type WorkItem, type WorkSources } from '../../../../shared/center/work-items';

/**
 * The renderer's copy of the center: one Map per entity, so an event costs O(1) to apply,
 * and the unified queue kept sorted incrementally (one item out, one in by binary search)
 * instead of re-sorting thousands of rows on every event. Plain TypeScript, no React:
 * the provider subscribes React to it, and the tests run it under Node.
 */

export type Colleague = CenterSnapshot['colleagues'][number];

export type CenterEvent =
  | { readonly type: 'agent'; readonly agent: Agent }
  | { readonly type: 'interaction'; readonly interaction: Interaction }
  | { readonly type: 'message'; readonly message: Message }
  | { readonly type: 'ticket'; readonly ticket: Ticket }
  | { readonly type: 'followUp'; readonly followUp: FollowUp }
  | { readonly type: 'customer'; readonly customer: Customer }
  | { readonly type: 'training'; readonly active: boolean };

export interface Transcript {
  /** Ascending by seq, no duplicates. */
  readonly messages: readonly Message[];
  /** Older messages exist before the first one here. */
  readonly more: boolean;
  /** False until the first page arrived. */
  readonly loaded: boolean;
}

const emptyTranscript: Transcript = { messages: [], more: false, loaded: false };

export type LoadState =
  { readonly status: 'loading' } | { readonly status: 'ready' } | { readonly status: 'error'; readonly error: unknown };

/** Index of the first element of `items` that sorts after-or-equal to `item`. */
export function lowerBound(items: readonly WorkItem[], item: WorkItem): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareWorkItems(items[mid] as WorkItem, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sameItem(a: WorkItem, b: WorkItem): boolean {
  return (
    a.key === b.key &&
    a.state === b.state &&
    a.customerName === b.customerName &&
    a.queueName === b.queueName &&
    a.title === b.title &&
    a.since === b.since &&
    a.dueAt === b.dueAt &&
    a.windowMs === b.windowMs &&
    a.timed === b.timed &&
    a.unread === b.unread
  );
}

const none: readonly never[] = [];

export class CenterStore {
  #me: Agent | null = null;
  readonly #queues = new Map<string, Queue>();
  readonly #interactions = new Map<string, Interaction>();
  readonly #tickets = new Map<string, Ticket>();
  readonly #followUps = new Map<string, FollowUp>();
  readonly #customers = new Map<string, Customer>();
  readonly #transcripts = new Map<string, Transcript>();
  #colleagues: readonly Colleague[] = [];
  #notReadyReasons: readonly string[] = [];
  #training = false;
  #missedOffersLimit = 3;
  #load: LoadState = { status: 'loading' };

  /** The unified queue, sorted; replaced (never mutated) when it changes, so React sees a new value. */
  #items: readonly WorkItem[] = [];
  readonly #itemByKey = new Map<string, WorkItem>();
  /** Follow-ups join the queue when due: the next due time not yet in the list. */
  #nextDue = Number.POSITIVE_INFINITY;

  /** Live events and snapshots are ignored while set (the benchmark's synthetic data stays put). */
  paused = false;

  readonly #listeners = new Set<() => void>();
  readonly #clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.#clock = clock;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  #emit(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  // --- reads (stable references until the thing itself changes) ---

  get me(): Agent | null {
    return this.#me;
  }
  get load(): LoadState {
    return this.#load;
  }
  get items(): readonly WorkItem[] {
    return this.#items;
  }
  get colleagues(): readonly Colleague[] {
    return this.#colleagues;
  }
  get notReadyReasons(): readonly string[] {
    return this.#notReadyReasons;
  }
  get training(): boolean {
    return this.#training;
  }
  get missedOffersLimit(): number {
    return this.#missedOffersLimit;
  }
  /** When the next scheduled follow-up falls due (Infinity: none). */
  get nextFollowUpDue(): number {
    return this.#nextDue;
  }
  queue(id: string | null | undefined): Queue | undefined {
    return id ? this.#queues.get(id) : undefined;
  }
  get queues(): ReadonlyMap<string, Queue> {
    return this.#queues;
  }
  interaction(id: string): Interaction | undefined {
    return this.#interactions.get(id);
  }
  ticket(id: string): Ticket | undefined {
    return this.#tickets.get(id);
  }
  followUp(id: string): FollowUp | undefined {
    return this.#followUps.get(id);
  }
  customer(id: string | null | undefined): Customer | undefined {
    return id ? this.#customers.get(id) : undefined;
  }
  transcript(interactionId: string): Transcript {
    return this.#transcripts.get(interactionId) ?? emptyTranscript;
  }
  item(key: string): WorkItem | undefined {
    return this.#itemByKey.get(key);
  }

  // --- writes ---

  setLoading(): void {
    this.#load = { status: 'loading' };
    this.#emit();
  }

  setError(error: unknown): void {
    this.#load = { status: 'error', error };
    this.#emit();
  }

  /** Replaces everything (first load and every resync: events may have been missed). */
  loadSnapshot(snapshot: CenterSnapshot): void {
    this.#me = snapshot.me;
    this.#queues.clear();
    for (const q of snapshot.queues) this.#queues.set(q.id, q);
    this.#interactions.clear();
    for (const i of snapshot.interactions) this.#interactions.set(i.id, i);
    this.#tickets.clear();
    for (const t of snapshot.tickets) this.#tickets.set(t.id, t);
    this.#followUps.clear();
    for (const f of snapshot.followUps) this.#followUps.set(f.id, f);
    this.#colleagues = snapshot.colleagues;
    this.#notReadyReasons = snapshot.notReadyReasons;
    this.#training = snapshot.training.active;
    this.#missedOffersLimit = snapshot.missedOffersLimit;
    this.#load = { status: 'ready' };
    this.#rebuild();
    this.#emit();
  }

  apply(event: CenterEvent): void {
    if (this.#applyOne(event)) this.#emit();
  }

  /** Several events, one notification (a burst after a reconnect, the benchmark's batches). */
  applyAll(events: Iterable<CenterEvent>): void {
    let changed = false;
    for (const event of events) changed = this.#applyOne(event) || changed;
    if (changed) this.#emit();
  }

  #applyOne(event: CenterEvent): boolean {
    switch (event.type) {
      case 'agent': {
        const { agent } = event;
        if (this.#me && agent.id === this.#me.id) {
          this.#me = agent;
          return true;
        }
        const index = this.#colleagues.findIndex((c) => c.id === agent.id);
        if (index < 0) return false;
        const next = [...this.#colleagues];
        next[index] = { id: agent.id, name: agent.name, state: agent.state };
        this.#colleagues = next;
        return true;
      }
      case 'interaction': {
        const { interaction } = event;
        this.#interactions.set(interaction.id, interaction);
        this.#updateItem(`i:${interaction.id}`, { interactions: [interaction] });
        return true;
      }
      case 'ticket': {
        this.#tickets.set(event.ticket.id, event.ticket);
        this.#updateItem(`t:${event.ticket.id}`, { tickets: [event.ticket] });
        return true;
      }
      case 'followUp': {
        this.#followUps.set(event.followUp.id, event.followUp);
        this.#updateItem(`f:${event.followUp.id}`, { followUps: [event.followUp] });
        this.#recomputeNextDue();
        return true;
      }
      case 'customer':
        this.#customers.set(event.customer.id, event.customer);
        return true;
      case 'message': {
        const { message } = event;
        const current = this.#transcripts.get(message.interactionId);
        // A chat nobody opened yet: its first page is fetched when it is opened.
        if (!current) return false;
        this.#transcripts.set(message.interactionId, {
          ...current,
          messages: mergeMessages(current.messages, [message]),
        });
        return true;
      }
      case 'training':
        if (this.#training === event.active) return false;
        this.#training = event.active;
        return true;
    }
  }

  setTranscript(interactionId: string, page: { messages: readonly Message[]; more: boolean }, older: boolean): void {
    const current = this.#transcripts.get(interactionId);
    const messages = mergeMessages(current?.messages ?? none, page.messages);
    // "more" describes what lies before the oldest page we hold.
    const more = older || !current?.loaded ? page.more : current.more;
    this.#transcripts.set(interactionId, { messages, more, loaded: true });
    this.#emit();
  }

  /** The queue re-evaluates follow-ups whose due time passed (the provider calls this from a timer). */
  tick(): void {
    if (this.#clock() < this.#nextDue) return;
    for (const f of this.#followUps.values()) {
      if (f.state === 'scheduled' && f.dueAt <= this.#clock() && !this.#itemByKey.has(`f:${f.id}`))
        this.#updateItem(`f:${f.id}`, { followUps: [f] });
    }
    this.#recomputeNextDue();
    this.#emit();
  }

  #sources(partial: Partial<WorkSources>): WorkSources {
    return {
      interactions: partial.interactions ?? none,
      tickets: partial.tickets ?? none,
      followUps: partial.followUps ?? none,
      queues: this.#queues,
    };
  }

  #rebuild(): void {
    const me = this.#me;
    const now = this.#clock();
    const items = me
      ? workItemsFor(
          me.id,
          {
            interactions: this.#interactions.values(),
            tickets: this.#tickets.values(),
            followUps: this.#followUps.values(),
            queues: this.#queues,
          },
          now,
        )
      : [];
    // Keep the objects of items that did not change, so memoised rows skip rendering.
    const reused = items.map((item) => {
      const previous = this.#itemByKey.get(item.key);
      return previous && sameItem(previous, item) ? previous : item;
    });
    this.#itemByKey.clear();
    for (const item of reused) this.#itemByKey.set(item.key, item);
    this.#items = reused;
    this.#recomputeNextDue();
  }

  /** One entity changed: its item leaves the sorted list and (if it still belongs) re-enters in place. */
  #updateItem(key: string, partial: Partial<WorkSources>): void {
    const me = this.#me;
    if (!me) return;
    const [next] = workItemsFor(me.id, this.#sources(partial), this.#clock());
    const previous = this.#itemByKey.get(key);
    if (previous && next && sameItem(previous, next)) return;
    let items = this.#items;
    if (previous) {
      const at = lowerBound(items, previous);
      // The comparator ends on the key, so the position is exact; fall back to a scan if not.
      const index = items[at]?.key === key ? at : items.findIndex((i) => i.key === key);
      if (index >= 0) items = [...items.slice(0, index), ...items.slice(index + 1)];
      this.#itemByKey.delete(key);
    }
    if (next) {
      const at = lowerBound(items, next);
      items = items === this.#items ? [...items] : (items as WorkItem[]);
      (items as WorkItem[]).splice(at, 0, next);
      this.#itemByKey.set(key, next);
    }
    this.#items = items;
  }

  #recomputeNextDue(): void {
    const now = this.#clock();
    let next = Number.POSITIVE_INFINITY;
    const me = this.#me?.id;
    for (const f of this.#followUps.values()) {
      if (f.state === 'scheduled' && f.assigneeId === me && f.dueAt > now && f.dueAt < next) next = f.dueAt;
    }
    this.#nextDue = next;
  }
}

/** Merges pages and live messages: ascending by seq, a message seen twice kept once (the newer copy). */
export function mergeMessages(current: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return [...current];
  const last = current[current.length - 1];
  // The common case, a live message after the last one: append without re-sorting.
  if (incoming.length === 1 && last && (incoming[0] as Message).seq > last.seq) return [...current, incoming[0]!];
  const bySeq = new Map<string, Message>();
  for (const m of current) bySeq.set(m.id, m);
  for (const m of incoming) bySeq.set(m.id, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

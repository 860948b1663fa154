import type { Agent, CenterEvent, Queue, ServiceLevel } from '../center/types';
import { agentStates, type AgentState } from '../domain/status';
import { startOfDay, startOfNextDay } from './day';
import {
  abandonRate,
  addCounts,
  averageHandleTime,
  averageSpeedOfAnswer,
  emptyCounts,
  isShortAbandon,
  occupancy,
  ratio,
  serviceLevel,
  serviceLevelParts,
  withinThreshold,
  type WindowCounts,
} from './formulas';
import type { AgentCounts, AgentMetrics, IntervalMetrics, MetricsSnapshot, QueueMetrics, WindowMetrics } from './types';

/**
 * The incremental metric engine: folds the center's event log one event at a time, in O(1)
 * per event (amortised), and answers every wallboard figure for any moment after the last
 * event. Pure: no clock, no I/O; the caller passes the time.
 *
 * Windows:
 * - today: since local midnight in the center's time zone (Intl; days of 23–25 h included);
 * - rolling: the last 30 minutes, (now − 30 min, now], kept exact with a queue of timed
 *   contributions that leave the sums as they age out;
 * - intervals: today's 15-minute intervals, counted from local midnight.
 *
 * Which window a contact counts in: each fact counts at the moment it happened. A contact is
 * offered when it enters the queue (created, or transferred in from another queue), answered or
 * abandoned when that happens (its wait measured from its queue entry, even one before the
 * window: a call queued at 23:59 and answered at 00:01 is answered today with a 2-minute wait,
 * and was offered yesterday), and handled when its after-call work ends (talk + hold + ACW, all
 * of it, even the talk before midnight). Events before the first day the engine was started in
 * build up live state (who waits, who is in which state) without counting.
 *
 * Hold time: `holdMs` on `interaction.ended` (calls through the softphone; the logged `talkMs`
 * excludes it), 0 when absent (chats, demo calls).
 */

export const rollingWindowMs = 30 * 60_000;
export const intervalMs = 15 * 60_000;

const OFFERED = 0;
const ANSWERED = 1;
const ABANDONED = 2;
const HANDLED = 3;
const WITHIN = 1;
const SHORT = 2;

const defaultServiceLevel: ServiceLevel = {
  thresholdSeconds: 20,
  target: 0.8,
  variant: 'answered',
  shortAbandonSeconds: 5,
};

const knownStates = new Set<string>(agentStates);

class QueueTrack {
  queue: Queue;
  /** Position in the engine's list of tracks (the rolling window refers to it). */
  index = 0;
  /** Configured (shown); contacts of unknown queues are tracked but not shown. */
  configured: boolean;
  today = emptyCounts();
  rolling = emptyCounts();
  intervals: Array<WindowCounts | undefined> = [];
  /** Waiting or ringing contacts: id → when they entered the queue. */
  readonly waiting = new Map<string, number>();
  constructor(queue: Queue, configured: boolean) {
    this.queue = queue;
    this.configured = configured;
  }
}

class AgentTrack {
  name: string;
  skills: readonly string[];
  state: AgentState = 'offline';
  reason: string | null = null;
  since = 0;
  /** The state came from the log (not from a seed). */
  fromLog = false;
  /** Contacts ringing, in progress or in wrap-up, oldest first. */
  readonly holding = new Set<string>();
  handled = 0;
  handleMs = 0;
  /** Today's time on contact and in ACW (handle) and ready or ringing (idle), closed spans only. */
  busyMs = 0;
  idleMs = 0;
  constructor(
    readonly id: string,
    name: string,
    skills: readonly string[],
  ) {
    this.name = name;
    this.skills = skills;
  }
}

interface ContactTrack {
  queue: QueueTrack;
  enteredAt: number;
  /** This stay in the queue was offered and has no outcome yet (answered or abandoned). */
  pending: boolean;
  agentId: string | null;
  talkMs: number;
  holdMs: number;
}

const isBusy = (s: AgentState): boolean => s === 'on_contact' || s === 'acw';
const isIdle = (s: AgentState): boolean => s === 'ready' || s === 'offered';

function bump(c: WindowCounts, kind: number, value: number, flags: number, sign: number): void {
  switch (kind) {
    case OFFERED:
      c.offered += sign;
      break;
    case ANSWERED:
      c.answered += sign;
      c.answerWaitMs += sign * value;
      if (flags & WITHIN) c.answeredWithin += sign;
      break;
    case ABANDONED:
      c.abandoned += sign;
      if (flags & WITHIN) c.abandonedWithin += sign;
      if (flags & SHORT) c.shortAbandoned += sign;
      break;
    case HANDLED:
      c.handled += sign;
      c.handleMs += sign * value;
      break;
  }
}

/** One window's counts as the figures a screen shows. */
export function windowMetrics(c: WindowCounts, sl: ServiceLevel): WindowMetrics {
  return {
    offered: c.offered,
    answered: c.answered,
    abandoned: c.abandoned,
    shortAbandoned: c.shortAbandoned,
    handled: c.handled,
    serviceLevel: serviceLevel(c, sl),
    abandonRate: abandonRate(c, sl),
    asaMs: averageSpeedOfAnswer(c),
    ahtMs: averageHandleTime(c.handleMs, c.handled),
  };
}

/** Several queues' counts summed; service level and abandon rate by each queue's own variant. */
function totalMetrics(parts: ReadonlyArray<{ counts: WindowCounts; sl: ServiceLevel }>): WindowMetrics {
  const sum = emptyCounts();
  let slNum = 0;
  let slDen = 0;
  let abNum = 0;
  let abDen = 0;
  for (const { counts, sl } of parts) {
    addCounts(sum, counts);
    const p = serviceLevelParts(counts, sl);
    slNum += p.numerator;
    slDen += p.denominator;
    const short = sl.variant === 'excluding_short_abandons' ? counts.shortAbandoned : 0;
    abNum += counts.abandoned - short;
    abDen += counts.offered - short;
  }
  return {
    offered: sum.offered,
    answered: sum.answered,
    abandoned: sum.abandoned,
    shortAbandoned: sum.shortAbandoned,
    handled: sum.handled,
    serviceLevel: ratio(slNum, slDen),
    abandonRate: ratio(abNum, abDen),
    asaMs: averageSpeedOfAnswer(sum),
    ahtMs: averageHandleTime(sum.handleMs, sum.handled),
  };
}

export interface MetricsEngineOptions {
  /** The center's time zone (the queues' businessHours.timeZone). */
  readonly timeZone: string;
  readonly queues: readonly Queue[];
  /** The time of the first event to come (or now): the engine's first day is the one containing it. */
  readonly startAt: number;
}

export type AgentProfile = Pick<Agent, 'id' | 'name' | 'skills'> & Partial<Pick<Agent, 'state' | 'reason' | 'since'>>;

export class MetricsEngine {
  readonly timeZone: string;
  #dayStart: number;
  #dayEnd: number;
  /** Events before this count for nothing but live state. */
  readonly #countFrom: number;
  #lastSeq = -1;
  #lastAt = 0;
  readonly #queues = new Map<string, QueueTrack>();
  #order: QueueTrack[] = [];
  readonly #agents = new Map<string, AgentTrack>();
  readonly #contacts = new Map<string, ContactTrack>();

  // The rolling window's contributions, oldest first: a ring buffer (struct of arrays) that grows
  // when full. Kind and flags share one byte; queues are referred to by index.
  #rollAt = new Float64Array(1024);
  #rollValue = new Float64Array(1024);
  #rollKindFlags = new Uint8Array(1024);
  #rollQueue = new Int32Array(1024);
  #head = 0;
  #size = 0;
  /** Queue tracks by index, for the ring buffer. */
  readonly #tracks: QueueTrack[] = [];
  /** The oldest contribution leaves the window at this time (Infinity when empty). */
  #nextExpiry = Infinity;

  constructor(options: MetricsEngineOptions) {
    this.timeZone = options.timeZone;
    this.#dayStart = startOfDay(options.startAt, options.timeZone);
    this.#dayEnd = startOfNextDay(this.#dayStart, options.timeZone);
    this.#countFrom = this.#dayStart;
    this.setQueues(options.queues);
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  get dayStart(): number {
    return this.#dayStart;
  }

  /** New or changed queue settings apply to what comes next; counts so far stay. */
  setQueues(queues: readonly Queue[]): void {
    for (const track of this.#queues.values()) track.configured = false;
    this.#order = [];
    for (const queue of queues) {
      let track = this.#queues.get(queue.id);
      if (track) {
        track.queue = queue;
        track.configured = true;
      } else {
        track = new QueueTrack(queue, true);
        track.index = this.#tracks.push(track) - 1;
        this.#queues.set(queue.id, track);
      }
      this.#order.push(track);
    }
  }

  /**
   * Names and skills from the center's agent list; an agent whose state the log has not told
   * (it changed before the events folded so far) takes the state from the list.
   */
  syncAgents(agents: readonly AgentProfile[]): void {
    for (const profile of agents) {
      const track = this.#agent(profile.id);
      track.name = profile.name;
      track.skills = profile.skills;
      if (!track.fromLog && profile.state !== undefined) {
        track.state = profile.state;
        track.reason = profile.reason ?? null;
        track.since = profile.since ?? track.since;
      }
    }
  }

  /** Contacts already waiting when the log was read from (they count as waiting, not as offered). */
  syncWaiting(
    contacts: ReadonlyArray<{
      id: string;
      queueId: string;
      queuedAt: number;
      state: string;
      offeredTo?: string | null;
    }>,
  ): void {
    for (const c of contacts) {
      if (this.#contacts.has(c.id) || (c.state !== 'waiting' && c.state !== 'offered')) continue;
      const queue = this.#queue(c.queueId);
      this.#contacts.set(c.id, {
        queue,
        enteredAt: c.queuedAt,
        pending: false,
        agentId: c.offeredTo ?? null,
        talkMs: 0,
        holdMs: 0,
      });
      queue.waiting.set(c.id, c.queuedAt);
    }
  }

  applyAll(events: Iterable<CenterEvent>): void {
    for (const event of events) this.apply(event);
  }

  /** Folds one event in. Events come in log order (seq); a repeated or older seq is ignored. */
  apply(event: CenterEvent): void {
    if (event.seq <= this.#lastSeq) return;
    this.#lastSeq = event.seq;
    const at = event.at;
    if (at > this.#lastAt) this.#lastAt = at;
    if (at >= this.#dayEnd) this.#rollTo(at);
    this.#expire(at);
    const id = event.interactionId;
    switch (event.type) {
      case 'interaction.created': {
        if (id === null || event.queueId === null) return;
        const queue = this.#queue(event.queueId);
        this.#contacts.set(id, { queue, enteredAt: at, pending: true, agentId: null, talkMs: 0, holdMs: 0 });
        queue.waiting.set(id, at);
        this.#count(queue, OFFERED, 0, 0, at);
        return;
      }
      case 'interaction.offered': {
        if (id === null || event.agentId === null) return;
        const contact = this.#contacts.get(id);
        if (contact) contact.agentId = event.agentId;
        this.#agent(event.agentId).holding.add(id);
        return;
      }
      case 'interaction.declined':
      case 'interaction.offer_timeout': {
        if (id === null || event.agentId === null) return;
        const contact = this.#contacts.get(id);
        if (contact) contact.agentId = null;
        this.#agents.get(event.agentId)?.holding.delete(id);
        return;
      }
      case 'interaction.accepted': {
        if (id === null || event.agentId === null) return;
        let contact = this.#contacts.get(id);
        if (!contact) {
          // Entered the queue before the log was read from: its outcome still counts.
          const queue = this.#queue(event.queueId ?? '');
          const waitMs = typeof event.data.waitMs === 'number' ? event.data.waitMs : 0;
          contact = { queue, enteredAt: at - waitMs, pending: true, agentId: null, talkMs: 0, holdMs: 0 };
          this.#contacts.set(id, contact);
        }
        const queue = contact.queue;
        queue.waiting.delete(id);
        if (contact.pending) {
          contact.pending = false;
          const waitMs = typeof event.data.waitMs === 'number' ? event.data.waitMs : at - contact.enteredAt;
          const flags = withinThreshold(waitMs, queue.queue.serviceLevel) ? WITHIN : 0;
          this.#count(queue, ANSWERED, waitMs, flags, at);
        }
        contact.agentId = event.agentId;
        this.#agent(event.agentId).holding.add(id);
        return;
      }
      case 'interaction.transferred': {
        if (id === null) return;
        if (event.agentId !== null) this.#agents.get(event.agentId)?.holding.delete(id);
        const to = this.#queue(event.queueId ?? '');
        const contact = this.#contacts.get(id);
        const newQueue = !contact || event.data.from !== event.queueId;
        if (contact) contact.queue.waiting.delete(id);
        const next: ContactTrack = contact ?? {
          queue: to,
          enteredAt: at,
          pending: false,
          agentId: null,
          talkMs: 0,
          holdMs: 0,
        };
        next.queue = to;
        next.enteredAt = at;
        next.agentId = null;
        to.waiting.set(id, at);
        // Into another queue: a new stay there, offered to it. To a colleague (same queue): not offered again.
        if (newQueue) {
          next.pending = true;
          this.#count(to, OFFERED, 0, 0, at);
        }
        this.#contacts.set(id, next);
        return;
      }
      case 'interaction.abandoned': {
        if (id === null) return;
        const contact = this.#contacts.get(id);
        this.#contacts.delete(id);
        if (!contact) return;
        contact.queue.waiting.delete(id);
        if (contact.agentId !== null) this.#agents.get(contact.agentId)?.holding.delete(id);
        if (!contact.pending) return;
        const waitMs = typeof event.data.waitMs === 'number' ? event.data.waitMs : at - contact.enteredAt;
        const sl = contact.queue.queue.serviceLevel;
        const flags = (withinThreshold(waitMs, sl) ? WITHIN : 0) | (isShortAbandon(waitMs, sl) ? SHORT : 0);
        this.#count(contact.queue, ABANDONED, waitMs, flags, at);
        return;
      }
      case 'interaction.ended': {
        if (id === null) return;
        const contact = this.#contacts.get(id);
        if (!contact) return;
        if (typeof event.data.talkMs === 'number') contact.talkMs += event.data.talkMs;
        // Not logged by the center yet; counted when it is.
        if (typeof event.data.holdMs === 'number') contact.holdMs += event.data.holdMs;
        return;
      }
      case 'interaction.wrapped': {
        if (id === null) return;
        const contact = this.#contacts.get(id);
        this.#contacts.delete(id);
        const acwMs = typeof event.data.acwMs === 'number' ? event.data.acwMs : 0;
        const handleMs = (contact?.talkMs ?? 0) + (contact?.holdMs ?? 0) + acwMs;
        const queue = contact?.queue ?? this.#queue(event.queueId ?? '');
        queue.waiting.delete(id);
        this.#count(queue, HANDLED, handleMs, 0, at);
        const agentId = event.agentId ?? contact?.agentId ?? null;
        if (agentId !== null) {
          const agent = this.#agent(agentId);
          agent.holding.delete(id);
          if (at >= this.#countFrom) {
            agent.handled += 1;
            agent.handleMs += handleMs;
          }
        }
        return;
      }
      case 'agent.state': {
        if (event.agentId === null) return;
        const state = event.data.state;
        if (typeof state !== 'string' || !knownStates.has(state)) return;
        const agent = this.#agent(event.agentId);
        this.#closeSpan(agent, at);
        agent.state = state as AgentState;
        agent.reason = typeof event.data.reason === 'string' ? event.data.reason : null;
        agent.since = at;
        agent.fromLog = true;
        return;
      }
    }
  }

  /** Every figure at `now` (at or after the last event). */
  snapshot(now: number): MetricsSnapshot {
    if (now >= this.#dayEnd) this.#rollTo(now);
    this.#expire(now);
    const bySkill = new Map<string, QueueTrack[]>();
    for (const track of this.#order) {
      const list = bySkill.get(track.queue.skill);
      if (list) list.push(track);
      else bySkill.set(track.queue.skill, [track]);
    }
    const agentCounts = new Map<QueueTrack, AgentCounts>();
    for (const track of this.#order) {
      agentCounts.set(track, { ready: 0, offered: 0, onContact: 0, acw: 0, notReady: 0, offline: 0 });
    }
    const agents: AgentMetrics[] = [];
    for (const agent of this.#agents.values()) {
      const seen = new Set<QueueTrack>();
      for (const skill of agent.skills) {
        for (const track of bySkill.get(skill) ?? []) {
          if (seen.has(track)) continue;
          seen.add(track);
          const c = agentCounts.get(track);
          if (c) c[stateKey(agent.state)] += 1;
        }
      }
      agents.push(this.#agentMetrics(agent, now));
    }

    let waitingTotal = 0;
    let longestTotal = 0;
    const queues: QueueMetrics[] = [];
    for (const track of this.#order) {
      let oldest: number | null = null;
      for (const enteredAt of track.waiting.values()) if (oldest === null || enteredAt < oldest) oldest = enteredAt;
      const longestWaitMs = oldest === null ? 0 : Math.max(0, now - oldest);
      waitingTotal += track.waiting.size;
      longestTotal = Math.max(longestTotal, longestWaitMs);
      const sl = track.queue.serviceLevel;
      queues.push({
        queueId: track.queue.id,
        name: track.queue.name,
        channel: track.queue.channel,
        serviceLevel: { ...sl },
        waiting: track.waiting.size,
        longestWaitMs,
        oldestWaitingSince: oldest,
        agents: agentCounts.get(track) ?? { ready: 0, offered: 0, onContact: 0, acw: 0, notReady: 0, offline: 0 },
        today: windowMetrics(track.today, sl),
        rolling: windowMetrics(track.rolling, sl),
      });
    }

    const intervalCount = Math.max(0, Math.min(Math.floor((now - this.#dayStart) / intervalMs) + 1, 100));
    const intervals: IntervalMetrics[] = [];
    for (let i = 0; i < intervalCount; i++) {
      const parts: Array<{ counts: WindowCounts; sl: ServiceLevel }> = [];
      for (const track of this.#order) {
        const counts = track.intervals[i];
        if (counts) parts.push({ counts, sl: track.queue.serviceLevel });
      }
      const m = totalMetrics(parts);
      intervals.push({
        start: this.#dayStart + i * intervalMs,
        offered: m.offered,
        answered: m.answered,
        abandoned: m.abandoned,
        serviceLevel: m.serviceLevel,
      });
    }

    return {
      at: now,
      dayStart: this.#dayStart,
      timeZone: this.timeZone,
      queues,
      total: {
        waiting: waitingTotal,
        longestWaitMs: longestTotal,
        today: totalMetrics(this.#order.map((t) => ({ counts: t.today, sl: t.queue.serviceLevel }))),
        rolling: totalMetrics(this.#order.map((t) => ({ counts: t.rolling, sl: t.queue.serviceLevel }))),
      },
      agents,
      intervals,
      lastSeq: Math.max(0, this.#lastSeq),
    };
  }

  #agentMetrics(agent: AgentTrack, now: number): AgentMetrics {
    let busy = agent.busyMs;
    let idle = agent.idleMs;
    const from = Math.max(agent.since, this.#dayStart);
    if (now > from && agent.fromLog) {
      if (isBusy(agent.state)) busy += now - from;
      else if (isIdle(agent.state)) idle += now - from;
    }
    let current: string | null = null;
    for (const id of agent.holding) current = id;
    return {
      agentId: agent.id,
      name: agent.name,
      state: agent.state,
      reason: agent.reason,
      since: agent.since,
      currentInteractionId: current,
      currentQueueId: current === null ? null : (this.#contacts.get(current)?.queue.queue.id ?? null),
      handledToday: agent.handled,
      ahtMs: averageHandleTime(agent.handleMs, agent.handled),
      occupancy: occupancy(busy, idle),
    };
  }

  #queue(queueId: string): QueueTrack {
    let track = this.#queues.get(queueId);
    if (!track) {
      track = new QueueTrack(
        {
          id: queueId,
          name: queueId,
          channel: 'voice',
          priority: 0,
          skill: '',
          serviceLevel: defaultServiceLevel,
          businessHours: { timeZone: this.timeZone, days: [null, null, null, null, null, null, null] },
          dispositions: [],
          dispositionRequired: false,
          acwSeconds: 0,
          offerTimeoutSeconds: 15,
        },
        false,
      );
      track.index = this.#tracks.push(track) - 1;
      this.#queues.set(queueId, track);
    }
    return track;
  }

  #agent(agentId: string): AgentTrack {
    let track = this.#agents.get(agentId);
    if (!track) {
      track = new AgentTrack(agentId, agentId, []);
      this.#agents.set(agentId, track);
    }
    return track;
  }

  /** Adds one fact to today, its interval and the rolling window. */
  #count(queue: QueueTrack, kind: number, value: number, flags: number, at: number): void {
    if (at >= this.#countFrom && at >= this.#dayStart) {
      bump(queue.today, kind, value, flags, 1);
      const index = Math.floor((at - this.#dayStart) / intervalMs);
      let interval = queue.intervals[index];
      if (interval === undefined) {
        interval = emptyCounts();
        queue.intervals[index] = interval;
      }
      bump(interval, kind, value, flags, 1);
    }
    bump(queue.rolling, kind, value, flags, 1);
    if (this.#size === this.#rollAt.length) this.#grow();
    const capacity = this.#rollAt.length;
    const slot = (this.#head + this.#size) % capacity;
    this.#rollAt[slot] = at;
    this.#rollValue[slot] = value;
    this.#rollKindFlags[slot] = (kind << 4) | flags;
    this.#rollQueue[slot] = queue.index;
    this.#size += 1;
    if (this.#size === 1) this.#nextExpiry = at + rollingWindowMs;
  }

  #grow(): void {
    const capacity = this.#rollAt.length;
    const at = new Float64Array(capacity * 2);
    const value = new Float64Array(capacity * 2);
    const kindFlags = new Uint8Array(capacity * 2);
    const queue = new Int32Array(capacity * 2);
    for (let i = 0; i < this.#size; i++) {
      const from = (this.#head + i) % capacity;
      at[i] = this.#rollAt[from] as number;
      value[i] = this.#rollValue[from] as number;
      kindFlags[i] = this.#rollKindFlags[from] as number;
      queue[i] = this.#rollQueue[from] as number;
    }
    this.#rollAt = at;
    this.#rollValue = value;
    this.#rollKindFlags = kindFlags;
    this.#rollQueue = queue;
    this.#head = 0;
  }

  /** Contributions older than the rolling window leave its sums. */
  #expire(now: number): void {
    if (now < this.#nextExpiry) return;
    const edge = now - rollingWindowMs;
    const capacity = this.#rollAt.length;
    while (this.#size > 0) {
      const at = this.#rollAt[this.#head] as number;
      if (at > edge) {
        this.#nextExpiry = at + rollingWindowMs;
        return;
      }
      const kindFlags = this.#rollKindFlags[this.#head] as number;
      const track = this.#tracks[this.#rollQueue[this.#head] as number] as QueueTrack;
      bump(track.rolling, kindFlags >> 4, this.#rollValue[this.#head] as number, kindFlags & 15, -1);
      this.#head = (this.#head + 1) % capacity;
      this.#size -= 1;
    }
    this.#nextExpiry = Infinity;
  }

  /** A state span ends: its part inside today goes to handle or idle time. */
  #closeSpan(agent: AgentTrack, at: number): void {
    if (!agent.fromLog) return;
    const from = Math.max(agent.since, this.#dayStart);
    if (at <= from) return;
    if (isBusy(agent.state)) agent.busyMs += at - from;
    else if (isIdle(agent.state)) agent.idleMs += at - from;
  }

  /** Midnight passed: today starts over (agents' spans are clipped to the new day). */
  #rollTo(at: number): void {
    while (at >= this.#dayEnd) {
      this.#dayStart = this.#dayEnd;
      this.#dayEnd = startOfNextDay(this.#dayStart, this.timeZone);
    }
    if (at - this.#dayStart >= 86_400_000 * 2) {
      this.#dayStart = startOfDay(at, this.timeZone);
      this.#dayEnd = startOfNextDay(this.#dayStart, this.timeZone);
    }
    for (const track of this.#queues.values()) {
      track.today = emptyCounts();
      track.intervals = [];
    }
    for (const agent of this.#agents.values()) {
      agent.handled = 0;
      agent.handleMs = 0;
      agent.busyMs = 0;
      agent.idleMs = 0;
    }
  }
}

function stateKey(state: AgentState): keyof AgentCounts {
  switch (state) {
    case 'ready':
      return 'ready';
    case 'offered':
      return 'offered';
    case 'on_contact':
      return 'onContact';
    case 'acw':
      return 'acw';
    case 'not_ready':
      return 'notReady';
    case 'offline':
      return 'offline';
  }
}

/** The figures of an event sequence at `now`, in one call (tests, the e2e check, the CLI). */
export function computeMetrics(
  events: readonly CenterEvent[],
  options: {
    timeZone: string;
    queues: readonly Queue[];
    agents?: readonly AgentProfile[];
    now: number;
    startAt?: number;
  },
): MetricsSnapshot {
  const engine = new MetricsEngine({
    timeZone: options.timeZone,
    queues: options.queues,
    startAt: options.startAt ?? options.now,
  });
  if (options.agents) engine.syncAgents(options.agents.map((a) => ({ id: a.id, name: a.name, skills: a.skills })));
  engine.applyAll(events);
  if (options.agents) engine.syncAgents(options.agents);
  return engine.snapshot(options.now);
}
